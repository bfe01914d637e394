package dev.wayfinder.sim.record;

import dev.wayfinder.sim.eval.EpisodeOutcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A folder of recorded episodes as {@code wayfinder sim run --record DIR} writes it: one {@link RecordingFile} per
 * episode, named by {@link RecordingFile#fileName}, and the {@link EpisodeTable} listing them, rewritten after every
 * episode so that an interrupted run leaves the episodes it finished listed. Not thread-safe: add from one thread.
 */
public final class RecordingFolder {
    private final Path dir;
    private final List<EpisodeTable.Entry> entries = new ArrayList<>();

    private RecordingFolder(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * A folder whose table lists only the episodes added from now on (what {@code sim run --record} does: a run's
     * table is the run's episodes). Creates the folder.
     *
     * @throws IOException when the folder cannot be created
     */
    public static RecordingFolder fresh(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new RecordingFolder(dir);
    }

    /**
     * A folder whose table keeps the episodes it lists already and adds to them (an episode recorded again under the
     * same file name replaces its line). Creates the folder.
     *
     * @throws IOException when the folder cannot be created or its table is not one
     */
    public static RecordingFolder continued(Path dir) throws IOException {
        Files.createDirectories(dir);
        RecordingFolder f = new RecordingFolder(dir);
        Path table = dir.resolve(EpisodeTable.FILE);
        if (Files.exists(table)) {
            f.entries.addAll(EpisodeTable.read(table));
        }
        return f;
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** The episodes listed so far, in order. */
    public List<EpisodeTable.Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Writes {@code recording} into the folder and lists it with {@code outcome} in the table.
     *
     * @param policy     who drove (expert, random, a model's path or name, keyboard)
     * @param randomized whether the episode was drawn with full domain randomization
     * @return the recording's file
     * @throws IOException naming the file that could not be written
     */
    public Path add(String policy, boolean randomized, EpisodeOutcome outcome, Recording recording)
            throws IOException {
        String name = RecordingFile.fileName(outcome.scenario(), outcome.seed());
        Path file = dir.resolve(name);
        try {
            RecordingFile.write(recording, file);
        } catch (IOException e) {
            throw new IOException("cannot write the recording " + file + ": " + e.getMessage(), e);
        }
        entries.removeIf(e -> e.recording().equals(name));
        entries.add(new EpisodeTable.Entry(policy, randomized, outcome, name));
        try {
            EpisodeTable.write(dir, entries);
        } catch (IOException e) {
            throw new IOException("cannot write the episode table " + dir.resolve(EpisodeTable.FILE) + ": "
                    + e.getMessage(), e);
        }
        return file;
    }
}
