package dev.wayfinder.studio.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioWriter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator and deploy children of the ROS 2 tab, with a script standing in for {@code wayfinder}: it prints its
 * arguments and what it finds, and on SIGTERM says so and exits 143, as the JVM does after its shutdown hooks. The
 * tab's node is not started here (no network needed).
 */
class RosChildrenTest {
    @TempDir
    Path dir;

    private final ExecutorService fx = Executors.newSingleThreadExecutor();
    private final List<List<String>> started = new CopyOnWriteArrayList<>();
    private RosModel model;

    /** A fake `wayfinder`: arguments and the scenario file's name line out, then waits for SIGTERM. */
    private static final String SCRIPT = """
            echo "args: $*"
            if [ "$1" = sim ]; then
              if [ -f "$4" ]; then grep -m1 '^name:' "$4"; else echo "no scenario file at $4"; fi
            fi
            if [ "$1" = deploy ] && [ "$FAIL" = 1 ]; then echo "wayfinder: --model: no policy.weights" >&2; exit 1; fi
            trap 'echo "SIGTERM: zero command published"; exit 143' TERM
            echo ready
            while true; do sleep 0.05; done
            """;

    @AfterEach
    void close() throws Exception {
        if (model != null) {
            onFx(() -> {
                model.close();
                return null;
            });
        }
        fx.shutdownNow();
    }

    private <T> T onFx(Callable<T> c) throws Exception {
        return fx.submit(c).get(10, TimeUnit.SECONDS);
    }

    private void await(Supplier<Boolean> condition, String what, ChildProcessModel child) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (onFx(condition::get)) {
                return;
            }
            Thread.sleep(30);
        }
        throw new AssertionError("timed out waiting for " + what + "; state " + onFx(() -> child.stateProperty()
                .get()) + ", status: " + onFx(() -> child.statusProperty().get()) + ", log: "
                + onFx(() -> List.copyOf(child.log())));
    }

    private RosModel model(ScenarioDocument doc, Optional<Path> shipped, Map<String, String> extraEnv)
            throws Exception {
        Path sh = dir.resolve("fake-wayfinder.sh");
        Files.writeString(sh, SCRIPT, StandardCharsets.UTF_8);
        TrainLauncher real = (args, work) -> {
            List<String> cmd = new java.util.ArrayList<>(List.of("bash", sh.toString()));
            cmd.addAll(args);
            ProcessBuilder b = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
            b.environment().putAll(extraEnv);
            return b.start();
        };
        model = onFx(() -> new RosModel(doc, shipped, (args, work) -> {
            started.add(args);
            return real.start(args, work);
        }, dir, Map.of("ROS_DOMAIN_ID", "42"), fx));
        return model;
    }

    @Test
    void theSimulatorRunsTheUnsavedScenarioFromATemporaryFileAndStopsOnSigterm() throws Exception {
        Scenario s = Fixtures.bundled("narrow-doorway");
        RosModel m = model(new ScenarioDocument(s), Optional.empty(), Map.of());
        ChildProcessModel sim = m.sim();
        assertEquals(ChildProcessModel.State.IDLE, onFx(() -> sim.stateProperty().get()));
        onFx(() -> {
            m.startSim();
            return null;
        });
        await(() -> sim.log().contains("ready"), "the child to start", sim);
        List<String> args = started.get(0);
        assertEquals(List.of("sim", "--ros", "--scenario"), args.subList(0, 3));
        assertEquals(List.of("--domain", "42", "--localhost"), args.subList(4, 7));
        Path temp = Path.of(args.get(3));
        assertTrue(temp.getFileName().toString().startsWith("wayfinder-studio-narrow-doorway-"), temp.toString());
        assertEquals(ScenarioWriter.write(s), Files.readString(temp), "the open scenario, as the canonical writer"
                + " writes it");
        assertEquals("wayfinder " + String.join(" ", args), onFx(() -> sim.commandLineProperty().get()));
        assertEquals(ChildProcessModel.State.RUNNING, onFx(() -> sim.stateProperty().get()));
        assertTrue(onFx(() -> sim.log().stream().anyMatch(l -> l.startsWith("name: ") && l.contains(s.name()))),
                "the child read the file: "
                + onFx(() -> List.copyOf(sim.log())));
        StudioException busy = assertThrows(StudioException.class, () -> {
            try {
                onFx(() -> {
                    m.setNetwork(new RosNetwork(7, true));
                    return null;
                });
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertEquals("the simulator or the deploy node runs on domain 42, localhost only; stop them before changing"
                + " the domain", busy.getMessage());
        onFx(() -> {
            m.startSim();
            return null;
        });
        assertEquals(1, started.size(), "a second start while it runs does nothing");

        long t0 = System.nanoTime();
        onFx(() -> {
            sim.stop();
            return null;
        });
        assertEquals(ChildProcessModel.State.STOPPING, onFx(() -> sim.stateProperty().get()));
        await(() -> sim.stateProperty().get() == ChildProcessModel.State.EXITED, "the stop", sim);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(ChildProcessModel.STOP_GRACE_SECONDS),
                "ended by SIGTERM, not by the kill after the grace period");
        assertEquals("stopped (SIGTERM, exit 143)", onFx(() -> sim.statusProperty().get()));
        assertEquals("SIGTERM: zero command published", onFx(() -> sim.log().get(sim.log().size() - 1)),
                "the child's own last words are shown: " + onFx(() -> List.copyOf(sim.log())));
        assertFalse(Files.exists(temp), "the temporary scenario file is removed once the simulator ended");
        onFx(() -> {
            m.setNetwork(new RosNetwork(7, true));
            return null;
        });
        assertEquals(new RosNetwork(7, true), onFx(() -> m.networkProperty().get()), "free to change once stopped");
    }

    @Test
    void aSavedScenarioRunsFromItsOwnFile() throws Exception {
        Scenario s = Fixtures.bundled("empty-arena");
        Path file = dir.resolve("my-arena.yaml");
        ScenarioWriter.write(s, file);
        ScenarioDocument doc = new ScenarioDocument(s);
        doc.replace(s, Optional.of(file));
        RosModel m = model(doc, Optional.empty(), Map.of());
        onFx(() -> {
            m.startSim();
            return null;
        });
        await(() -> m.sim().log().contains("ready"), "the child", m.sim());
        assertEquals(file.toString(), started.get(0).get(3));
    }

    @Test
    void theDeployNodeRunsTheChosenModelOnSimTimeAndSaysWhyItFailed() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("models").resolve("cluttered-room-rgbd-map"));
        RosModel m = model(new ScenarioDocument(Fixtures.bundled("empty-arena")), Optional.of(shipped),
                Map.of("FAIL", "1"));
        ChildProcessModel deploy = m.deploy();
        assertEquals(shipped, onFx(() -> m.deployModelProperty().get()), "the shipped model by default");
        onFx(() -> {
            m.startDeploy();
            return null;
        });
        await(() -> deploy.stateProperty().get() == ChildProcessModel.State.FAILED, "the failure", deploy);
        assertEquals(List.of("deploy", "--model", shipped.toString(), "--use-sim-time", "--domain", "42",
                "--localhost"), started.get(0));
        assertEquals("failed (exit 1): wayfinder: --model: no policy.weights", onFx(() -> deploy.statusProperty()
                .get()));

        onFx(() -> {
            m.deployModelProperty().set(dir.resolve("nowhere"));
            m.useSimTimeProperty().set(false);
            m.startDeploy();
            return null;
        });
        await(() -> deploy.stateProperty().get() == ChildProcessModel.State.FAILED
                && deploy.statusProperty().get().contains("nowhere"), "the refusal", deploy);
        assertEquals("could not start the deploy node: Model: " + dir.resolve("nowhere") + " is not a folder;"
                + " expected a trained model's folder", onFx(() -> deploy.statusProperty().get()));
        assertEquals(1, started.size(), "nothing was started for a model that is not there");

        onFx(() -> {
            m.deployModelProperty().set(null);
            return null;
        });
        StudioException none = assertThrows(StudioException.class, () -> {
            try {
                onFx(() -> {
                    m.startDeploy();
                    return null;
                });
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause();
            }
        });
        assertTrue(none.getMessage().startsWith("Model: none chosen;"), none.getMessage());
    }

    @Test
    void stopWhileStartingStopsOnceStartedAndAChildThatCannotStartSaysWhy() throws Exception {
        RosModel m = model(new ScenarioDocument(Fixtures.bundled("empty-arena")), Optional.empty(), Map.of());
        ChildProcessModel sim = m.sim();
        onFx(() -> {
            m.startSim();
            // Pressed at once: the file is still being written and the process started off the FX thread.
            sim.stop();
            return null;
        });
        await(() -> sim.stateProperty().get() == ChildProcessModel.State.EXITED, "the stop after the start", sim);
        assertTrue(onFx(() -> sim.statusProperty().get()).startsWith("stopped"), onFx(() -> sim.statusProperty()
                .get()));

        ChildProcessModel broken = new ChildProcessModel("the simulator", (args, work) -> {
            throw new java.io.IOException("Cannot run program \"java\": error=2, No such file or directory");
        }, dir, fx);
        onFx(() -> {
            broken.start(() -> List.of("sim", "--ros"), () -> { });
            return null;
        });
        await(() -> broken.stateProperty().get() == ChildProcessModel.State.FAILED, "the failure", broken);
        assertEquals("could not start the simulator: Cannot run program \"java\": error=2, No such file or directory",
                onFx(() -> broken.statusProperty().get()));
        broken.close();
    }
}
