package dev.wayfinder.studio.training;

import dev.wayfinder.studio.StudioException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training run's metrics.csv, one row per DAgger iteration, as {@code wayfinder train} writes it (columns found by
 * their header names, so a later column order or an extra column reads the same). A run in progress may be caught
 * mid-line: a last line without its newline is not read yet.
 */
public final class MetricsTable {
    /** The columns a row needs. */
    static final List<String> REQUIRED = List.of("iteration", "samples", "loss", "val_success", "val_spl",
            "val_collision", "elapsed_s");

    /**
     * One iteration.
     *
     * @param iteration     0 for behaviour cloning, then the DAgger rounds
     * @param samples       dataset size after the round's collection
     * @param loss          mean training loss of the round
     * @param success       validation success rate, 0..1
     * @param spl           validation success weighted by path length, 0..1
     * @param collisions    validation collision rate, 0..1
     * @param elapsedSeconds wall time since the run started, at the end of the round
     */
    public record Row(int iteration, long samples, double loss, double success, double spl, double collisions,
                      double elapsedSeconds) {
    }

    private MetricsTable() {
    }

    /** The rows of {@code csv}; empty when it does not exist yet. */
    public static List<Row> read(Path csv) throws StudioException {
        if (!Files.exists(csv)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StudioException(csv + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(csv.toString(), text);
    }

    /** The rows of metrics text {@code text} from {@code where} (named in errors). */
    static List<Row> parse(String where, String text) throws StudioException {
        int complete = text.lastIndexOf('\n');
        String[] lines = complete < 0 ? new String[0] : text.substring(0, complete).split("\n", -1);
        List<Row> rows = new ArrayList<>();
        if (lines.length == 0 || lines[0].isBlank()) {
            return rows;
        }
        String[] header = lines[0].strip().split(",", -1);
        Map<String, Integer> column = new HashMap<>();
        for (int i = 0; i < header.length; i++) {
            column.put(header[i].strip(), i);
        }
        for (String name : REQUIRED) {
            if (!column.containsKey(name)) {
                throw new StudioException(where + ": line 1 has no column '" + name + "'; expected a training run's "
                        + "metrics.csv with the columns " + String.join(", ", REQUIRED));
            }
        }
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.length) {
                throw new StudioException(String.format(Locale.ROOT, "%s: line %d has %d values; expected %d, as "
                        + "many as the header has columns", where, n + 1, f.length, header.length));
            }
            try {
                rows.add(new Row(Integer.parseInt(f[column.get("iteration")].strip()),
                        Long.parseLong(f[column.get("samples")].strip()), number(f, column, "loss"),
                        number(f, column, "val_success"), number(f, column, "val_spl"),
                        number(f, column, "val_collision"), number(f, column, "elapsed_s")));
            } catch (NumberFormatException e) {
                throw new StudioException(where + ": line " + (n + 1) + ": " + e.getMessage()
                        + "; expected numbers in every column");
            }
        }
        return rows;
    }

    private static double number(String[] f, Map<String, Integer> column, String name) {
        String v = f[column.get(name)].strip();
        return v.isEmpty() || v.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(v);
    }
}
