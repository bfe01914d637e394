package dev.wayfinder.sim.record;

import dev.wayfinder.sim.eval.EpisodeOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The index of a folder of recordings, {@value #FILE}: one CSV line per episode with who drove, how the episode was
 * drawn, its {@link EpisodeOutcome} and the recording's file name, so the episodes can be listed, summed up into a
 * table and replayed without reading every recording. {@code wayfinder sim run --record DIR} writes it. Stateless.
 */
public final class EpisodeTable {
    /** The file's name inside the recording folder. */
    public static final String FILE = "episodes.csv";

    /** The header line, naming the columns in order. */
    public static final String HEADER = "policy,randomized,scenario,seed,success,collision,truncation,steps,seconds,"
            + "path_length,shortest_length,recording";

    /**
     * One episode of the folder.
     *
     * @param policy     who drove: expert, random, or the trained model's path or name
     * @param randomized whether the episode was drawn with the scenario's full domain randomization (else seed 0 is
     *                   the nominal episode and other seeds perturb the start and goal)
     * @param outcome    how it ended
     * @param recording  the recording's file name inside the folder
     */
    public record Entry(String policy, boolean randomized, EpisodeOutcome outcome, String recording) {
        public Entry {
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(recording, "recording");
            for (String s : List.of(policy, outcome.scenario(), outcome.truncation(), recording)) {
                if (s.contains(",") || s.contains("\n") || s.contains("\r")) {
                    throw new IllegalArgumentException("episode table text may hold no comma or line break: " + s);
                }
            }
        }
    }

    private EpisodeTable() {
    }

    /** Writes {@code entries} to {@code dir}/{@value #FILE} (through a temporary file, so a reader never sees half). */
    public static Path write(Path dir, List<Entry> entries) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            EpisodeOutcome o = e.outcome();
            b.append(e.policy()).append(',').append(e.randomized()).append(',').append(o.scenario()).append(',')
                    .append(o.seed()).append(',').append(o.success()).append(',').append(o.collision()).append(',')
                    .append(o.truncation()).append(',').append(o.steps()).append(',').append(o.seconds()).append(',')
                    .append(o.pathLength()).append(',').append(o.shortestLength()).append(',').append(e.recording())
                    .append('\n');
        }
        Path file = dir.resolve(FILE);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.writeString(tmp, b, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException naming the file, the line and what was expected when it is not such a table
     */
    public static List<Entry> read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (UncheckedIOException | java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not a text file", e);
        }
        if (lines.isEmpty() || !lines.get(0).strip().equals(HEADER)) {
            throw new IOException(file + ":1: expected the header '" + HEADER + "'");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            String where = file + ":" + (i + 1) + ": ";
            if (f.length != 12) {
                throw new IOException(where + "expected 12 comma-separated fields, got " + f.length);
            }
            try {
                EpisodeOutcome o = new EpisodeOutcome(f[2], Long.parseLong(f[3]), bool(f[4]), bool(f[5]), f[6],
                        Integer.parseInt(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]),
                        Double.parseDouble(f[10]));
                out.add(new Entry(f[0], bool(f[1]), o, f[11]));
            } catch (IllegalArgumentException e) {
                throw new IOException(where + "bad value (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    private static boolean bool(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + s + "'");
        };
    }
}
