package dev.wayfinder.ros.cdr;

/** Thrown when serialized data is malformed: truncated, an absurd length, or an unsupported encapsulation. */
public final class CdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and where
     */
    public CdrException(String message) {
        super(message);
    }
}
