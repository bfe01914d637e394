package dev.wayfinder.scenarios.io;

/**
 * One thing wrong with a scenario file.
 *
 * @param source  file name or label, e.g. {@code scenarios/maze.yaml}
 * @param line    1-based line, 0 when the problem concerns the whole file
 * @param column  1-based column, 0 when unknown
 * @param path    field path, e.g. {@code obstacles[3].size.x}; empty for the whole file
 * @param message what was expected and what was found
 */
public record Problem(String source, int line, int column, String path, String message) {
    public Problem {
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(message, "message");
    }

    /** {@code file:line:col: path: message}, leaving out the parts that are unknown. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(source);
        if (line > 0) {
            b.append(':').append(line);
            if (column > 0) {
                b.append(':').append(column);
            }
        }
        b.append(": ");
        if (!path.isEmpty()) {
            b.append(path).append(": ");
        }
        return b.append(message).toString();
    }
}
