package dev.wayfinder.studio;

/**
 * The studio could not start or finish for a reason the user can fix (no display, a bad scenario file, an
 * unwritable snapshot folder); the message says what, where and what to do.
 */
public final class StudioException extends Exception {
    private static final long serialVersionUID = 1L;

    public StudioException(String message) {
        super(message);
    }

    public StudioException(String message, Throwable cause) {
        super(message, cause);
    }
}
