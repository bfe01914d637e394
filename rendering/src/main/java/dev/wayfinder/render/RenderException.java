package dev.wayfinder.render;

/** OpenGL or EGL is missing or failed; the message names what failed and what to install. */
public final class RenderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure described by {@code message}. */
    public RenderException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause}. */
    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
