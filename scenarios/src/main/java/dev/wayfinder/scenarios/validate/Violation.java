package dev.wayfinder.scenarios.validate;

/**
 * A semantic problem of a scenario, located by field path (e.g. {@code starts[0]}); the loader turns it
 * into a file:line:column problem.
 *
 * @param path    field path in the file's terms
 * @param message what is wrong
 */
public record Violation(String path, String message) {
    public Violation {
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
