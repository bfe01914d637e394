package dev.wayfinder.studio.eval;

import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.policy.eval.Report;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.record.EpisodeTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an evaluation folder holds, read off the FX thread: the table rows (one per scenario, variant and driver, as
 * {@code wayfinder eval} reports them in {@value Report#RESULTS}, and one per policy, scenario and way of drawing
 * for the recorded episodes of {@code wayfinder sim run --record}, from their {@value EpisodeTable#FILE}), and the
 * recorded episodes, each with its recording file when it is there.
 *
 * @param dir      the folder
 * @param rows     the table
 * @param episodes the recorded episodes (none for an evaluation that recorded none)
 */
public record EvalFolder(Path dir, List<EvalRow> rows, List<EpisodeItem> episodes) {
    public EvalFolder {
        Objects.requireNonNull(dir, "dir");
        rows = List.copyOf(rows);
        episodes = List.copyOf(episodes);
    }

    /** The variant name of recorded episodes drawn with full domain randomization. */
    public static final String RANDOMIZED = "randomized";
    /** The variant name of recorded episodes drawn as the scenario file says, start and goal perturbed. */
    public static final String PERTURBED = "perturbed starts";

    /**
     * One recorded episode.
     *
     * @param entry     its line of the folder's episode table
     * @param recording the recording file, when it exists
     */
    public record EpisodeItem(EpisodeTable.Entry entry, Optional<Path> recording) {
        public EpisodeOutcome outcome() {
            return entry.outcome();
        }

        /** How it ended in words: reached the goal, collision, or the truncation reason. */
        public String outcomeText() {
            EpisodeOutcome o = outcome();
            // A recording stopped before its end (the Simulation tab's Record) has no truncation reason.
            return o.success() ? "success" : o.collision() ? "collision" : o.truncation().equals("none") ? "stopped"
                    : o.truncation();
        }
    }

    /**
     * Reads {@code dir}.
     *
     * @throws IOException with a message naming the folder or file and what was expected
     */
    public static EvalFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + " is not a folder");
        }
        Path results = dir.resolve(Report.RESULTS);
        Path table = dir.resolve(EpisodeTable.FILE);
        if (!Files.exists(results) && !Files.exists(table)) {
            throw new IOException(dir + " holds neither " + EpisodeTable.FILE + " (written by 'wayfinder sim run"
                    + " --record DIR') nor " + Report.RESULTS + " (written by 'wayfinder eval -o DIR'); is it an"
                    + " evaluation folder?");
        }
        List<EvalRow> rows = new ArrayList<>();
        if (Files.exists(results)) {
            rows.addAll(Report.readResults(results));
        }
        List<EpisodeItem> items = new ArrayList<>();
        if (Files.exists(table)) {
            List<EpisodeTable.Entry> entries = EpisodeTable.read(table);
            Map<List<Object>, List<EpisodeOutcome>> groups = new LinkedHashMap<>();
            for (EpisodeTable.Entry e : entries) {
                groups.computeIfAbsent(List.of(e.outcome().scenario(), e.randomized(), e.policy()),
                        k -> new ArrayList<>()).add(e.outcome());
                Path f = dir.resolve(e.recording()).normalize();
                items.add(new EpisodeItem(e, f.startsWith(dir.normalize()) && Files.isRegularFile(f)
                        ? Optional.of(f) : Optional.empty()));
            }
            groups.forEach((k, outcomes) -> rows.add(EvalRow.of((String) k.get(0),
                    (Boolean) k.get(1) ? RANDOMIZED : PERTURBED, (String) k.get(2), outcomes)));
        }
        return new EvalFolder(dir, rows, items);
    }
}
