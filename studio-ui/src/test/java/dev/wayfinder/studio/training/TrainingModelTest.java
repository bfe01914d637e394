package dev.wayfinder.studio.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.studio.StudioException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training panel's view model without the toolkit: a real run folder written by {@code wayfinder train} read
 * back, and live runs of a script standing in for {@code wayfinder} (it writes metrics.csv row by row as the real one
 * does, prints progress, fails or hangs on request). Property changes go through a single "FX" thread, as in the studio.
 */
class TrainingModelTest {
    /** A run of 40 iterations (the GRU, seed 1) as `wayfinder train` wrote it. */
    static final Path REAL_RUN = Path.of("src", "test", "resources", "runs", "gru-s1").toAbsolutePath();

    @TempDir
    Path dir;

    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final List<List<String>> started = new ArrayList<>();
    private TrainingModel model;

    @AfterEach
    void close() {
        if (model != null) {
            model.close();
        }
        fx.shutdownNow();
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
        throw new AssertionError("timed out waiting for " + what + "; status: " + onFx(() -> model.statusProperty()
                .get()) + ", log: " + onFx(() -> List.copyOf(model.log())));
    }

    private interface Step {
        void run() throws StudioException;
    }

    /** The StudioException {@code step} throws on the FX thread. */
    private StudioException refused(Step step) throws Exception {
        StudioException e = onFx(() -> {
            try {
                step.run();
                return null;
            } catch (StudioException x) {
                return x;
            }
        });
        if (e == null) {
            throw new AssertionError("expected a refusal");
        }
        return e;
    }

    /** A model whose `wayfinder` is {@code script} (bash), run with the arguments after it. */
    private TrainingModel withScript(String script) throws Exception {
        Path sh = dir.resolve("fake-wayfinder.sh");
        Files.writeString(sh, script, StandardCharsets.UTF_8);
        TrainLauncher real = TrainLauncher.of(List.of("bash", sh.toString()));
        model = onFx(() -> new TrainingModel((args, work) -> {
            started.add(args);
            return real.start(args, work);
        }, dir, fx));
        return model;
    }

    /** A script that writes ROWS iterations of a planned PLAN into the folder after -o (or --resume). */
    private static final String WRITER = """
            out="$3"; plan=4; rows=${ROWS:-4}
            mkdir -p "$out"
            printf '# run\\nscenarios: [cluttered-room]\\niterations: %d\\n' $plan > "$out/config.yaml"
            echo "iteration,beta,samples,loss,val_success,val_spl,val_collision,collect_steps_per_s,grad_steps_per_s,elapsed_s" > "$out/metrics.csv"
            for i in $(seq 0 $((rows - 1))); do
              printf 'collect  50%% |=====     | 2000/4000 steps\\rcollect 100%% |==========| 4000/4000 steps\\n' >&2
              sleep 0.3
              printf '%d,0.5000,%d,%.5f,0.5000,0.4000,0.0625,300.0,10.00,%d.0\\n' $i $((8192 + 4096 * i)) "1.$((9 - i))" $((10 * (i + 1))) >> "$out/metrics.csv"
            done
            """;

    @Test
    void aRealRunFolderReadsBackWithItsCurvesAndPlan() throws Exception {
        model = onFx(() -> new TrainingModel(TrainLauncher.of(List.of("false")), dir, fx));
        onFx(() -> {
            model.open(REAL_RUN);
            return null;
        });
        assertEquals(40, onFx(() -> model.rows().size()));
        assertEquals(40, onFx(() -> model.plannedProperty().get()));
        assertEquals(TrainingModel.State.FINISHED, onFx(() -> model.stateProperty().get()));
        MetricsTable.Row first = onFx(() -> model.rows().get(0));
        assertEquals(new MetricsTable.Row(0, 8192, 1.25103, 0.5, 0.4094, 0.0, 79.2), first);
        assertEquals("40 of 40 iterations, validation success 0.63, SPL 0.57, collisions 0.00",
                onFx(() -> model.statusProperty().get()));
    }

    @Test
    void anUnfinishedRunSaysItCanBeResumedAndResumeAsksForTheRest() throws Exception {
        Path run = dir.resolve("half");
        Files.createDirectories(run);
        List<String> lines = Files.readAllLines(REAL_RUN.resolve("metrics.csv"));
        Files.write(run.resolve("metrics.csv"), lines.subList(0, 11));
        Files.copy(REAL_RUN.resolve("config.yaml"), run.resolve("config.yaml"));
        Files.writeString(run.resolve("checkpoint.bin"), "x");
        withScript("echo \"$@\"; exit 0\n");
        onFx(() -> {
            model.open(run);
            return null;
        });
        assertEquals(TrainingModel.State.STOPPED, onFx(() -> model.stateProperty().get()));
        assertTrue(onFx(() -> model.statusProperty().get()).endsWith("resume continues from its checkpoint"),
                onFx(() -> model.statusProperty().get()));
        StudioException few = refused(() -> model.resume(5));
        assertEquals("resume to 5 iterations: the run has done 10; give more", few.getMessage());
        onFx(() -> {
            model.resume(40);
            return null;
        });
        assertEquals(List.of("train", "--resume", run.toString(), "--iterations", "40"), started.get(0));
        await(() -> model.stateProperty().get() == TrainingModel.State.FINISHED, "the resumed child's end");
    }

    @Test
    void aLiveRunGrowsRowByRowWithAnEtaAndFinishes() throws Exception {
        withScript(WRITER);
        List<Integer> sizes = new ArrayList<>();
        List<String> etas = new ArrayList<>();
        onFx(() -> {
            model.rows().addListener((javafx.collections.ListChangeListener<MetricsTable.Row>) c ->
                    sizes.add(model.rows().size()));
            model.etaProperty().addListener((o, a, b) -> etas.add(b));
            model.start(new TrainingModel.Request(Path.of("run-a"), Optional.empty(), List.of("cluttered-room"),
                    OptionalInt.of(4), OptionalLong.of(3)));
            return null;
        });
        assertEquals(List.of("train", "-o", "run-a", "--scenario", "cluttered-room", "--iterations", "4", "--seed",
                "3"), started.get(0));
        assertEquals(TrainingModel.State.RUNNING, onFx(() -> model.stateProperty().get()));
        await(() -> model.stateProperty().get() == TrainingModel.State.FINISHED, "the run's end");
        assertEquals(4, onFx(() -> model.rows().size()));
        assertTrue(sizes.size() >= 2 && sizes.get(0) < 4, "the rows arrived while the run went, not all at the end: "
                + sizes);
        assertTrue(etas.stream().anyMatch(e -> e.startsWith("ETA ") && e.contains("left at 10 s each")),
                "an ETA at the run's 10 s per iteration: " + etas);
        assertEquals("", onFx(() -> model.etaProperty().get()), "no ETA once finished");
        assertEquals("finished: 4 of 4 iterations, validation success 0.50, SPL 0.40, collisions 0.06",
                onFx(() -> model.statusProperty().get()));
        List<String> log = onFx(() -> List.copyOf(model.log()));
        assertTrue(log.contains("collect 100% |==========| 4000/4000 steps"), "progress lines kept: " + log);
        assertTrue(log.stream().noneMatch(l -> l.contains(" 50%")), "a progress bar's redraw replaces the last: " + log);
        assertEquals(dir.resolve("run-a"), onFx(() -> model.runDirProperty().get()));
    }

    @Test
    void stopEndsTheChildAndKeepsWhatItFinished() throws Exception {
        withScript("""
                out="$3"; mkdir -p "$out"
                echo "iteration,beta,samples,loss,val_success,val_spl,val_collision,collect_steps_per_s,grad_steps_per_s,elapsed_s" > "$out/metrics.csv"
                echo "0,1.0000,8192,1.25103,0.5000,0.4094,0.0000,337.4,11.82,79.2" >> "$out/metrics.csv"
                trap 'echo "stopped after iteration 0"; exit 143' TERM
                echo started
                sleep 60 & wait
                """);
        onFx(() -> {
            model.start(new TrainingModel.Request(Path.of("run-b"), Optional.empty(), List.of(), OptionalInt.of(12),
                    OptionalLong.empty()));
            return null;
        });
        await(() -> model.rows().size() == 1, "the first iteration");
        StudioException twice = refused(() -> model.start(new TrainingModel.Request(Path.of("run-c"),
                Optional.empty(), List.of(), OptionalInt.empty(), OptionalLong.empty())));
        assertTrue(twice.getMessage().contains("stop it first"), twice.getMessage());
        long t0 = System.nanoTime();
        onFx(() -> {
            model.stop();
            return null;
        });
        await(() -> model.stateProperty().get() == TrainingModel.State.STOPPED, "the stop");
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(TrainingModel.STOP_GRACE_SECONDS),
                "ended by the polite stop, not the kill");
        assertEquals(1, onFx(() -> model.rows().size()));
        assertTrue(onFx(() -> model.statusProperty().get()).startsWith("stopped: 1 of 12 iterations"),
                onFx(() -> model.statusProperty().get()));
        await(() -> model.log().contains("stopped after iteration 0"), "the child's last words after the stop");
        assertEquals(1, started.size(), "the second start never launched");
    }

    @Test
    void aFailingChildSaysWhyInItsStatus() throws Exception {
        withScript("echo 'wayfinder: --config nope.yaml: no such file' >&2; exit 1\n");
        onFx(() -> {
            model.start(new TrainingModel.Request(Path.of("run-d"), Optional.of(Path.of("nope.yaml")), List.of(),
                    OptionalInt.empty(), OptionalLong.empty()));
            return null;
        });
        await(() -> model.stateProperty().get() == TrainingModel.State.FAILED, "the failure");
        assertEquals("failed (exit 1): wayfinder: --config nope.yaml: no such file",
                onFx(() -> model.statusProperty().get()));
    }

    @Test
    void aFolderThatIsNoRunAndBrokenMetricsAreRefusedWithWhereAndWhat() throws Exception {
        model = onFx(() -> new TrainingModel(TrainLauncher.of(List.of("false")), dir, fx));
        StudioException e = refused(() -> model.open(dir));
        assertTrue(e.getMessage().contains("not a training run folder"), e.getMessage());
        StudioException bad = assertThrows(StudioException.class, () -> MetricsTable.parse("m.csv",
                "iteration,samples,loss,val_success,val_spl,val_collision,elapsed_s\n0,1,2,3\n"));
        assertEquals("m.csv: line 2 has 4 values; expected 7, as many as the header has columns", bad.getMessage());
        bad = assertThrows(StudioException.class, () -> MetricsTable.parse("m.csv", "iteration,loss\n"));
        assertTrue(bad.getMessage().startsWith("m.csv: line 1 has no column 'samples'"), bad.getMessage());
        assertEquals(1, MetricsTable.parse("m.csv", "iteration,samples,loss,val_success,val_spl,val_collision,"
                + "elapsed_s\n0,1,2,0.5,0.5,0,3\n1,2,3,0.5").size(), "a line still being written is not read");
    }

    @Test
    void theEtaFollowsTheRecentIterationsNotBehaviourCloning() {
        List<MetricsTable.Row> rows = new ArrayList<>();
        rows.add(new MetricsTable.Row(0, 8192, 1, 0, 0, 0, 300));
        assertEquals("ETA 45 min 00 s (9 left at 300 s each)", TrainingModel.eta(rows, 10));
        for (int i = 1; i < 8; i++) {
            rows.add(new MetricsTable.Row(i, 8192, 1, 0, 0, 0, 300 + 60 * i));
        }
        assertEquals("ETA 2 min 00 s (2 left at 60 s each)", TrainingModel.eta(rows, 10));
        assertEquals("", TrainingModel.eta(rows, 8), "nothing left");
        assertEquals("ETA 1 h 00 min (60 left at 60 s each)", TrainingModel.eta(rows, 68));
    }
}
