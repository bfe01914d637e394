package dev.wayfinder.inference.format;

import dev.wayfinder.inference.ModelException;

/**
 * A model file that cannot be read: truncated, corrupted, oversized or malformed. The message names what
 * was being read, the byte offset, and what was expected.
 */
public class ModelFormatException extends ModelException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
