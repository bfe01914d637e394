package dev.wayfinder.studio.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.sim.eval.PerturbedStarts;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.sim.record.RecordingFile;
import dev.wayfinder.sim.record.Replay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay's view model without the toolkit, on real recordings of the expert (the I/O and FX executors run in
 * place, so each call has finished when it returns; no camera).
 */
class ReplayModelTest {
    @TempDir
    Path dir;

    private final List<String> errors = new ArrayList<>();

    private ReplayModel model() {
        return new ReplayModel(Runnable::run, Runnable::run, (what, why) -> errors.add(what + ": " + why), false);
    }

    @Test
    void seekingToAStepGivesThePoseOfSteppingThere() throws Exception {
        Scenario s = ScenarioLibrary.load("cluttered-room");
        Path file = Recordings.expert(s, false, dir, 3).get(0);
        ReplayModel m = model();
        m.open(file, List::of);
        assertEquals(List.of(), errors);
        ReplayTrack t = m.track();
        assertNotNull(t);
        int last = t.lastStep();
        assertTrue(last > 20, "the expert's episode is long enough to scrub: " + last + " steps");
        for (int k : new int[] {0, 1, last / 3, last - 1, last}) {
            m.seek(0);
            for (int i = 0; i < k; i++) {
                m.stepForward();
            }
            double[] stepped = m.robotPose();
            m.seek(last);
            m.seek(k);
            assertEquals(k, m.step());
            assertArrayEquals(stepped, m.robotPose(), "step " + k);
            assertTrue(m.stepTextProperty().get().startsWith("Step " + k + " / " + last), m.stepTextProperty().get());
        }
        m.seek(last + 5);
        assertEquals(last, m.step(), "seeking past the end shows the end");
        m.seek(-3);
        assertEquals(0, m.step());
        m.stepBack();
        assertEquals(0, m.step());
    }

    @Test
    void theTrajectoryIsTheRecordingsReplay() throws Exception {
        Scenario s = ScenarioLibrary.load("cluttered-room");
        Path file = Recordings.expert(s, false, dir, 0).get(0);
        Recording r = RecordingFile.read(file);
        ReplayModel m = model();
        m.open(file, List::of);
        ReplayTrack t = m.track();
        assertEquals(r.steps().size(), t.lastStep());
        assertEquals(-1, t.firstMismatch());
        assertEquals(r.outcome(), t.replayedOutcome());
        assertTrue(Replay.run(r, PerturbedStarts.of(s)).exact());
        for (int k = 1; k <= t.lastStep(); k++) {
            Recording.Step rec = r.steps().get(k - 1);
            double[] p = t.robotPose(k);
            // The recording keeps JBullet's float precision.
            assertEquals(rec.x(), (float) p[0], "x at step " + k);
            assertEquals(rec.y(), (float) p[1], "y at step " + k);
            assertEquals(rec.yaw(), (float) p[2], "yaw at step " + k);
        }
        assertTrue(m.outcomeTextProperty().get().contains("bit for bit"), m.outcomeTextProperty().get());
        assertEquals(t.timeNanos(t.lastStep()), t.lastStep() * t.controlPeriodNanos());
    }

    @Test
    void aRandomizedEpisodeIsFoundAndSaidToBe() throws Exception {
        Scenario s = ScenarioLibrary.load("empty-arena");
        Path file = Recordings.expert(s, true, dir, 7).get(0);
        ReplayModel m = model();
        m.open(file, List::of);
        assertEquals(List.of(), errors);
        assertTrue(m.track().randomized());
        assertTrue(m.titleProperty().get().contains("seed 7 (randomized)"), m.titleProperty().get());
    }

    @Test
    void anEpisodeOfAnEditedScenarioNeedsThatScenarioAndSaysSo() throws Exception {
        Scenario bundled = ScenarioLibrary.load("cluttered-room");
        Obstacle first = bundled.obstacles().get(0);
        List<Obstacle> moved = new ArrayList<>(bundled.obstacles());
        moved.set(0, first.withPose(new Pose2(first.pose().x() + 0.05, first.pose().y(), first.pose().yaw())));
        Scenario edited = Scenarios.withObstacles(bundled, moved);
        Path file = Recordings.expert(edited, false, dir, 0).get(0);
        ReplayModel m = model();
        m.open(file, List::of);
        assertNull(m.track());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains(file.toString()) && errors.get(0).contains("open the scenario file"),
                errors.get(0));
        errors.clear();
        m.open(file, () -> List.of(edited));
        assertEquals(List.of(), errors);
        assertEquals(-1, m.track().firstMismatch());
    }

    @Test
    void aFileThatIsNoRecordingIsAClearError() throws Exception {
        Path bad = dir.resolve("notes.wfrec");
        Files.writeString(bad, "not a recording");
        ReplayModel m = model();
        m.open(bad, List::of);
        assertNull(m.track());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("not a recording"), errors.get(0));
        assertFalse(m.loadingProperty().get());
    }

    @Test
    void playingAdvancesOneStepAtATimeAndStopsAtTheEnd() throws Exception {
        Path file = Recordings.expert(ScenarioLibrary.load("empty-arena"), false, dir, 1).get(0);
        ReplayModel m = model();
        m.open(file, List::of);
        int last = m.track().lastStep();
        m.advance();
        assertEquals(0, m.step(), "nothing moves while paused");
        m.play();
        for (int i = 1; i <= last; i++) {
            m.advance();
            assertEquals(i, m.step());
        }
        assertFalse(m.playingProperty().get(), "playing stops at the end");
        m.play();
        assertEquals(0, m.step(), "playing at the end starts again");
        m.stepForward();
        assertFalse(m.playingProperty().get(), "stepping pauses");
    }
}
