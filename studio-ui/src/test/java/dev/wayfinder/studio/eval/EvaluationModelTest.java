package dev.wayfinder.studio.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.record.EpisodeTable;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation tab's view model without the toolkit, running a script in place of {@code wayfinder sim run
 * --record DIR}: it writes real recordings and their episode table one episode at a time, as the command does (the
 * table through a temporary file), so progress, the end, cancelling and failures are seen as with the real child.
 */
class EvaluationModelTest {
    @TempDir
    Path dir;

    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final List<String> errors = new ArrayList<>();
    private final List<List<String>> started = new ArrayList<>();
    private Path source;
    private Path gate;
    private EvaluationModel model;

    @BeforeEach
    void recordings() throws Exception {
        source = Files.createDirectories(dir.resolve("source"));
        gate = dir.resolve("gate");
        Recordings.expert(ScenarioLibrary.load("empty-arena"), false, source, 0, 1, 2);
    }

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        fx.shutdownNow();
    }

    /**
     * A child that copies the source's episodes into the output one by one, {@code pause} seconds apart; after the
     * first it waits until the file {@code gate} exists (so a test sees it running with one episode done, however
     * loaded the machine).
     */
    private EvaluationModel model(String pause, int exitCode) {
        String script = "out=\"$1\"; mkdir -p \"$out\"; head -1 \"$2/episodes.csv\" > \"$out/t\"; n=0;"
                + " tail -n +2 \"$2/episodes.csv\" | while IFS= read -r line; do"
                + "   f=$(echo \"$line\" | cut -d, -f12); cp \"$2/$f\" \"$out/$f\";"
                + "   echo \"$line\" >> \"$out/t\"; cp \"$out/t\" \"$out/episodes.csv.tmp\";"
                + "   mv \"$out/episodes.csv.tmp\" \"$out/episodes.csv\"; echo \"recorded $f\"; sleep " + pause + ";"
                + "   while [ ! -f \"$3\" ]; do sleep 0.05; done;"
                + " done; rm \"$out/t\"; echo 'finished'; exit " + exitCode;
        TrainLauncher launcher = (args, wd) -> {
            started.add(args);
            return new ProcessBuilder("sh", "-c", script, "sh", args.get(args.size() - 1), source.toString(),
                    gate.toString())
                    .redirectErrorStream(true).start();
        };
        model = new EvaluationModel(launcher, dir, fx::execute, (what, why) -> errors.add(what + ": " + why));
        return model;
    }

    private <T> T onFx(Callable<T> c) throws Exception {
        return fx.submit(c).get(10, TimeUnit.SECONDS);
    }

    private void await(Supplier<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (onFx(condition::get)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what + "; status: "
                + onFx(() -> model.statusProperty().get()) + ", errors " + errors);
    }

    private EvaluationModel.Request request(Path out) {
        return new EvaluationModel.Request("empty-arena", "expert", 3, 0, false, out);
    }

    private StudioException refused(EvaluationModel m, EvaluationModel.Request r) throws Exception {
        return onFx(() -> {
            try {
                m.run(r);
                return null;
            } catch (StudioException e) {
                return e;
            }
        });
    }

    @Test
    void aRunShowsItsEpisodesAsTheyComeAndItsTableAtTheEnd() throws Exception {
        EvaluationModel m = model("0", 0);
        Path out = dir.resolve("run");
        assertEquals(null, refused(m, request(out)));
        assertEquals(List.of(List.of("sim", "run", "--scenario", "empty-arena", "--policy", "expert", "--episodes", "3",
                "--seed", "0", "--record", out.toString())), started);
        await(() -> m.episodes().size() == 1, "the first episode");
        assertEquals(EvaluationModel.State.RUNNING, onFx(() -> m.stateProperty().get()));
        assertEquals(1 / 3.0, onFx(() -> m.progressProperty().get()), 1e-12);
        assertTrue(onFx(() -> m.statusProperty().get()).startsWith("running: 1 of 3"));
        Files.createFile(gate);
        await(() -> m.stateProperty().get() == EvaluationModel.State.FINISHED, "the end");
        assertEquals(3, onFx(() -> m.episodes().size()));
        assertEquals(1.0, onFx(() -> m.progressProperty().get()));
        assertEquals(1, onFx(() -> m.rows().size()));
        assertEquals(3, onFx(() -> m.rows().get(0).result().episodes()));
        assertTrue(onFx(() -> m.episodes().stream().allMatch(e -> e.recording().isPresent())));
        assertTrue(onFx(() -> m.log().contains("finished")));
        assertEquals(List.of(), errors);

        StudioException again = refused(m, request(out));
        assertTrue(again != null && again.getMessage().contains(EpisodeTable.FILE), String.valueOf(again));
    }

    @Test
    void cancellingKeepsTheEpisodesDone() throws Exception {
        EvaluationModel m = model("0", 0);
        assertEquals(null, refused(m, request(dir.resolve("run"))));
        await(() -> m.episodes().size() == 1, "the first episode");
        onFx(() -> {
            m.cancel();
            return null;
        });
        await(() -> m.stateProperty().get() == EvaluationModel.State.CANCELLED, "the cancel");
        assertEquals(1, onFx(() -> m.episodes().size()));
        assertTrue(onFx(() -> m.statusProperty().get()).startsWith("cancelled after 1 of 3"));
        assertEquals(List.of(), errors);
    }

    @Test
    void aFailingChildIsReportedWithItsLastLines() throws Exception {
        EvaluationModel m = model("0", 1);
        Files.createFile(gate);
        assertEquals(null, refused(m, request(dir.resolve("run"))));
        await(() -> m.stateProperty().get() == EvaluationModel.State.FAILED, "the failure");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("The evaluation stopped with exit code 1") && errors.get(0).contains(
                "finished"), errors.get(0));
    }

    @Test
    void requestsOutOfRangeAreRefused() throws Exception {
        EvaluationModel m = model("0", 0);
        StudioException e = refused(m, new EvaluationModel.Request("empty-arena", "expert", 0, 0, false, dir));
        assertTrue(e != null && e.getMessage().contains("episodes: expected 1 to"), String.valueOf(e));
        e = refused(m, new EvaluationModel.Request(" ", "expert", 3, 0, false, dir));
        assertTrue(e != null && e.getMessage().contains("scenario"), String.valueOf(e));
        assertEquals(List.of(), started);
    }
}
