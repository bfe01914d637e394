package dev.wayfinder.studio.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.env.ActionSet;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.editor.EditorModel;
import dev.wayfinder.studio.editor.PaletteItem;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The simulation's view model without the JavaFX toolkit: frames from the simulation thread are delivered into a
 * queue that the test thread runs, as the FX thread would. The robot camera renders through Mesa's EGL.
 */
@ExtendWith(NeedsEgl.class)
class SimulationModelTest {
    private static final Path SHIPPED = Path.of("../models/cluttered-room-rgbd-map");

    private final LinkedBlockingQueue<Runnable> ui = new LinkedBlockingQueue<>();
    private final Scenario room = Fixtures.bundled("cluttered-room");
    private final ScenarioDocument doc = new ScenarioDocument(room);
    private SimulationModel model = new SimulationModel(doc, ui::add, Optional.of(SHIPPED));

    @AfterEach
    void close() {
        model.close();
    }

    /** Runs delivered updates on this thread until {@code condition} holds; fails after 60 s. */
    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what + "; status: "
                        + model.statusTextProperty().get() + ", step " + model.frameCountProperty().get());
            }
            Runnable r = ui.poll(20, TimeUnit.MILLISECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Lets every update already on its way arrive (the simulation thread is quiet when paused). */
    private void settle() throws InterruptedException {
        Thread.sleep(150);
        Runnable r;
        while ((r = ui.poll(50, TimeUnit.MILLISECONDS)) != null) {
            r.run();
        }
    }

    private SimFrame started() throws InterruptedException {
        model.start();
        await("the first frame", () -> model.frame() != null);
        SimFrame f = model.frame();
        assertEquals(EpisodeStatus.READY, f.status(), model.statusTextProperty().get());
        return f;
    }

    @Test
    void stepAdvancesExactlyOneControlStep() throws Exception {
        SimFrame first = started();
        assertEquals(0, first.steps());
        assertTrue(first.camera().isPresent(), "the robot camera rendered");
        model.step();
        await("step 1", () -> model.frameCountProperty().get() == 1);
        settle();
        assertEquals(1, model.frameCountProperty().get(), "one step, not more");
        double period = first.episode().limits().controlPeriodNanos() / 1e9;
        assertEquals(period, model.simTimeProperty().get(), 1e-6, "one control period simulated");
        assertEquals(EpisodeStatus.RUNNING, model.statusProperty().get());
        assertEquals("paused", model.statusTextProperty().get());
        model.step();
        model.step();
        await("step 3", () -> model.frameCountProperty().get() == 3);
        settle();
        assertEquals(3, model.frameCountProperty().get());
    }

    @Test
    void resetRestoresTheFirstStateAndPicture() throws Exception {
        SimFrame first = started();
        // A frame's camera pictures are recycled once it is no longer shown: keep a copy.
        int[] firstPicture = first.camera().orElseThrow().rgb().clone();
        for (int i = 0; i < 8; i++) {
            model.step();
        }
        await("step 8", () -> model.frameCountProperty().get() == 8);
        SimFrame moved = model.frame();
        assertNotEquals(first.x(0), moved.x(0), "the expert drove somewhere");
        model.reset();
        await("the reset", () -> model.frame().steps() == 0 && model.frame().sequence() > moved.sequence());
        SimFrame again = model.frame();
        assertArrayEquals(first.poses(), again.poses(), "every body back where it started");
        assertArrayEquals(firstPicture, again.camera().orElseThrow().rgb(),
                "the camera sees the same first picture");
        assertEquals(0.0, model.simTimeProperty().get());
        assertEquals(EpisodeStatus.READY, model.statusProperty().get());
    }

    @Test
    void playRunsTheExpertToTheGoalAndLeavesTheDocumentAlone() throws Exception {
        Scenario before = doc.scenario();
        started();
        model.speedProperty().set(Double.POSITIVE_INFINITY);
        model.play();
        assertTrue(model.playingProperty().get());
        await("the episode's end", () -> model.statusProperty().get().over());
        assertEquals(EpisodeStatus.SUCCESS, model.statusProperty().get(), model.statusTextProperty().get());
        assertFalse(model.playingProperty().get(), "play stops at the episode's end");
        assertTrue(model.frame().distanceToGoal() <= model.frame().episode().goalTolerance() + 1e-9);
        assertEquals(before, doc.scenario(), "the scenario being edited is untouched");
        assertEquals(0, doc.undoStack().undoSize(), "and nothing was recorded as an edit");
        assertFalse(doc.isDirty());
        int steps = model.frameCountProperty().get();
        model.step();
        settle();
        assertEquals(steps, model.frameCountProperty().get(), "no step after the end");
    }

    @Test
    void pauseStopsStepping() throws Exception {
        started();
        model.speedProperty().set(4);
        model.play();
        await("a few steps", () -> model.frameCountProperty().get() >= 3);
        model.pause();
        settle();
        int at = model.frameCountProperty().get();
        Thread.sleep(300);
        settle();
        assertEquals(at, model.frameCountProperty().get(), "paused");
        assertFalse(model.playingProperty().get());
    }

    @Test
    void editsAtTheStartShowAtOnceAndLaterOnesWaitForReset() throws Exception {
        SimFrame first = started();
        int obstacles = first.episode().obstacles().size();
        EditorModel editor = new EditorModel(doc);
        editor.add(PaletteItem.BOX, new Vec2(-2.5, -2.5));
        await("the edit simulated", () -> model.frame().episode().obstacles().size() == obstacles + 1);
        assertFalse(model.staleProperty().get());

        model.step();
        await("step 1", () -> model.frameCountProperty().get() == 1);
        editor.add(PaletteItem.BOX, new Vec2(2.5, -2.5));
        settle();
        assertTrue(model.staleProperty().get(), "an edit during an episode marks it stale");
        assertEquals(obstacles + 1, model.frame().episode().obstacles().size(), "the running episode keeps its scene");
        assertEquals(1, model.frameCountProperty().get());
        model.reset();
        await("the reset with the edit", () -> model.frame().episode().obstacles().size() == obstacles + 2
                && model.frame().steps() == 0);
        assertFalse(model.staleProperty().get());
    }

    @Test
    void theKeyboardDriverDrivesWhereTheKeysSay() throws Exception {
        model.driverProperty().set(Driver.TELEOP);
        SimFrame first = started();
        model.teleop(ActionSet.DEFAULT.indexOf("forward"));
        for (int i = 0; i < 10; i++) {
            model.step();
        }
        await("step 10", () -> model.frameCountProperty().get() == 10);
        SimFrame f = model.frame();
        double yaw = first.yaw(0);
        double along = (f.x(0) - first.x(0)) * Math.cos(yaw) + (f.y(0) - first.y(0)) * Math.sin(yaw);
        double across = -(f.x(0) - first.x(0)) * Math.sin(yaw) + (f.y(0) - first.y(0)) * Math.cos(yaw);
        assertTrue(along > 0.1, "drove forward " + along + " m");
        assertTrue(Math.abs(across) < 0.05 * along + 0.01, "straight: " + across + " m sideways");
        model.teleop(ActionSet.DEFAULT.indexOf("turn-left"));
        for (int i = 0; i < 5; i++) {
            model.step();
        }
        await("step 15", () -> model.frameCountProperty().get() == 15);
        assertTrue(model.frame().yaw(0) > f.yaw(0) + 0.1, "turned left");
    }

    @Test
    void theShippedModelDrivesAndAMissingModelIsReported() throws Exception {
        model.driverProperty().set(Driver.MODEL);
        SimFrame first = started();
        assertEquals(64, first.camera().orElseThrow().policyWidth(), "the shipped model's input width");
        for (int i = 0; i < 5; i++) {
            model.step();
        }
        await("step 5", () -> model.frameCountProperty().get() == 5);
        assertNotEquals(EpisodeStatus.ERROR, model.statusProperty().get(), model.statusTextProperty().get());
        // Its shield tracking moving obstacles: the episode starts over and the model drives on.
        model.moversProperty().set(true);
        await("the restart", () -> model.frameCountProperty().get() == 0);
        for (int i = 0; i < 5; i++) {
            model.step();
        }
        await("step 5 with movers", () -> model.frameCountProperty().get() == 5);
        assertNotEquals(EpisodeStatus.ERROR, model.statusProperty().get(), model.statusTextProperty().get());

        Path missing = Path.of("no-such-model");
        model.modelProperty().set(Optional.of(missing));
        await("the error", () -> model.statusProperty().get() == EpisodeStatus.ERROR);
        assertTrue(model.statusTextProperty().get().contains("no-such-model"), model.statusTextProperty().get());
        model.play();
        settle();
        assertFalse(model.playingProperty().get(), "nothing to play with");
        assertEquals(0, model.frameCountProperty().get());
    }
}
