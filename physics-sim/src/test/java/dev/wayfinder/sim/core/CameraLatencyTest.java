package dev.wayfinder.sim.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.sim.TestEpisodes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The camera sees the world as it was the camera latency ago; the truth and the other sensors do not lag. */
class CameraLatencyTest {
    private static Dynamics cameraLate(double seconds) {
        return new Dynamics(1, 0, 0, 0, 0, 0, 0, seconds);
    }

    @Test
    void withoutLatencyTheCameraSeesTheCurrentPoses() {
        World w = WorldCompiler.compile(TestEpisodes.clutter(Dynamics.NOMINAL));
        SimState s = new SimState(w);
        double[] a = new double[7];
        double[] b = new double[7];
        for (int t = 0; t < 5; t++) {
            Physics.step(w, s, 0.2, 0.5);
            for (int i = 0; i < w.bodyCount(); i++) {
                s.bodyPose(i, a);
                s.cameraBodyPose(i, b);
                assertArrayEquals(a, b, "body " + i + ", step " + t);
                assertEquals(s.bodyYaw(i), s.cameraBodyYaw(i), "body " + i);
            }
            assertEquals(s.timeNanos(), s.cameraStampNanos());
        }
    }

    @Test
    void aLatencyOfTwoPeriodsShowsThePosesOfTwoStepsAgo() {
        // 10 Hz control, 12 substeps per step: 0.2 s are exactly 24 substeps, two control periods.
        World prompt = WorldCompiler.compile(TestEpisodes.clutter(Dynamics.NOMINAL));
        World late = WorldCompiler.compile(TestEpisodes.clutter(cameraLate(0.2)));
        assertEquals(24, late.cameraLatencySubsteps());
        assertEquals(200_000_000L, late.cameraLatencyNanos());
        SimState a = new SimState(prompt);
        SimState b = new SimState(late);
        a.reset(5);
        b.reset(5);
        int walker = 4; // a moving obstacle
        List<double[][]> history = new ArrayList<>();
        history.add(poses(a, prompt.bodyCount()));
        double[] seen = new double[7];
        for (int t = 1; t <= 12; t++) {
            Physics.step(prompt, a, 0.2, t < 6 ? 0.8 : -0.5);
            Physics.step(late, b, 0.2, t < 6 ? 0.8 : -0.5);
            history.add(poses(a, prompt.bodyCount()));
            assertEquals(a.robotX(), b.robotX(), "camera latency leaves the truth alone, step " + t);
            assertEquals(a.odomX(), b.odomX(), "and odometry, step " + t);
            double[][] then = history.get(Math.max(0, t - 2));
            for (int i : new int[] {World.ROBOT, walker}) {
                b.cameraBodyPose(i, seen);
                assertArrayEquals(then[i], seen, 1e-12, "body " + i + " at step " + t + " as of step " + (t - 2));
            }
            assertEquals(SimState.yawOf(then[World.ROBOT], 0), b.cameraBodyYaw(World.ROBOT), 1e-12);
            assertEquals(Math.max(0, b.timeNanos() - 200_000_000L), b.cameraStampNanos(), "stamp, step " + t);
        }
        b.cameraBodyPose(1, seen);
        double[] now = new double[7];
        b.bodyPose(1, now);
        assertArrayEquals(now, seen, "a static obstacle is where it always was");
    }

    @Test
    void aLatencyWithinOnePeriodShowsAPoseBetweenTheLastTwoSteps() {
        World late = WorldCompiler.compile(TestEpisodes.clutter(cameraLate(0.05)));
        assertEquals(6, late.cameraLatencySubsteps());
        SimState s = new SimState(late);
        double[] seen = new double[7];
        double before = s.robotX();
        for (int t = 0; t < 8; t++) {
            Physics.step(late, s, 0.2, 0);
            s.cameraBodyPose(World.ROBOT, seen);
            assertTrue(seen[0] > before - 1e-9 && seen[0] < s.robotX(), "step " + t + ": camera x " + seen[0]
                    + " between " + before + " and " + s.robotX());
            assertEquals(s.timeNanos() - 50_000_000L, s.cameraStampNanos());
            before = s.robotX();
        }
        s.reset(1);
        s.cameraBodyPose(World.ROBOT, seen);
        assertEquals(s.robotX(), seen[0], "after a reset the camera sees the start");
        assertEquals(0, s.cameraStampNanos());
    }

    private static double[][] poses(SimState s, int n) {
        double[][] p = new double[n][7];
        for (int i = 0; i < n; i++) {
            s.bodyPose(i, p[i]);
        }
        return p;
    }
}
