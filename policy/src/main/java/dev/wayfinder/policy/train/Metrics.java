package dev.wayfinder.policy.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * metrics.csv of a training run: one row per iteration, appended and forced to disk after each.
 *
 * @param iteration     iteration number
 * @param beta          expert probability while collecting
 * @param samples       dataset size after collecting
 * @param loss          mean training loss of the iteration
 * @param valSuccess    validation success rate of the pure policy (NaN when not measured)
 * @param valSpl        validation SPL
 * @param valCollision  validation collision rate
 * @param collectPerSec env steps per second while collecting
 * @param stepsPerSec   gradient steps per second
 * @param elapsed       training wall time so far, seconds
 * @param collectSeconds wall time of the iteration's collection (rollouts and dataset writes), seconds
 * @param trainSeconds  wall time of the iteration's gradient steps (batch preparation included), seconds
 * @param validateSeconds wall time of the iteration's validation episodes, seconds (0 without validation)
 */
public record Metrics(int iteration, double beta, long samples, double loss, double valSuccess, double valSpl,
                      double valCollision, double collectPerSec, double stepsPerSec, double elapsed,
                      double collectSeconds, double trainSeconds, double validateSeconds) {
    /** The header line. */
    public static final String HEADER = "iteration,beta,samples,loss,val_success,val_spl,val_collision,"
            + "collect_steps_per_s,grad_steps_per_s,elapsed_s,collect_s,train_s,validate_s";

    /** A row without phase times (NaN), as runs from before the phase columns have them. */
    public Metrics(int iteration, double beta, long samples, double loss, double valSuccess, double valSpl,
                   double valCollision, double collectPerSec, double stepsPerSec, double elapsed) {
        this(iteration, beta, samples, loss, valSuccess, valSpl, valCollision, collectPerSec, stepsPerSec, elapsed,
                Double.NaN, Double.NaN, Double.NaN);
    }

    /** The CSV line. */
    public String csv() {
        return String.format(Locale.ROOT, "%d,%.4f,%d,%.5f,%.4f,%.4f,%.4f,%.1f,%.2f,%.1f,%.2f,%.2f,%.2f", iteration,
                beta, samples, loss, valSuccess, valSpl, valCollision, collectPerSec, stepsPerSec, elapsed,
                collectSeconds, trainSeconds, validateSeconds);
    }

    /**
     * Parses a line written by {@link #csv()}, or one of 10 fields written before the phase times were recorded
     * (those read as NaN).
     */
    public static Metrics parse(String line) {
        String[] f = line.split(",");
        if (f.length != 10 && f.length != 13) {
            throw new IllegalArgumentException("metrics line needs 13 fields (or 10 from an older run): " + line);
        }
        boolean phases = f.length == 13;
        return new Metrics(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Long.parseLong(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                phases ? Double.parseDouble(f[10]) : Double.NaN, phases ? Double.parseDouble(f[11]) : Double.NaN,
                phases ? Double.parseDouble(f[12]) : Double.NaN);
    }

    /** Reads all rows of {@code file} (empty when absent). */
    public static List<Metrics> readAll(Path file) throws IOException {
        List<Metrics> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("iteration")) {
                out.add(parse(line));
            }
        }
        return out;
    }

    /** Rewrites {@code file} with the header and the first {@code rows} rows (resuming after a crash). */
    public static List<Metrics> truncate(Path file, int rows) throws IOException {
        List<Metrics> all = readAll(file);
        List<Metrics> keep = new ArrayList<>(all.subList(0, Math.min(rows, all.size())));
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Metrics m : keep) {
            b.append(m.csv()).append('\n');
        }
        dev.wayfinder.policy.data.AtomicFiles.write(file, b.toString().getBytes(StandardCharsets.UTF_8));
        return keep;
    }

    /** Appends this row and forces it to disk. */
    public void append(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
        }
        Files.writeString(file, csv() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND,
                StandardOpenOption.SYNC);
    }
}
