package dev.wayfinder.inference;

/**
 * A recoverable problem with a model: a bad file, an unsupported operator, or a graph whose shapes do not
 * fit together. Messages name the thing, the place and what was expected.
 */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
