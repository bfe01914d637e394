package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.TestEpisodes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhysicsTest {
    private static double[] run(Episode e, long seed, long actionSeed, int steps) {
        World w = WorldCompiler.compile(e);
        SimState s = new SimState(w);
        s.reset(seed);
        SplittableRandom actions = new SplittableRandom(actionSeed);
        double[] trace = new double[steps * (7 * w.bodyCount() + 3 + w.robot().lidar().beams())];
        double[] pose = new double[7];
        int k = 0;
        for (int t = 0; t < steps && !s.halted(); t++) {
            Physics.step(w, s, actions.nextDouble(-0.1, 0.5), actions.nextDouble(-1, 1));
            for (int i = 0; i < w.bodyCount(); i++) {
                s.bodyPose(i, pose);
                for (double v : pose) {
                    trace[k++] = v;
                }
            }
            trace[k++] = s.odomX();
            trace[k++] = s.odomY();
            trace[k++] = s.imuGyroZ();
            for (float r : s.lidarRanges()) {
                trace[k++] = r;
            }
        }
        return Arrays.copyOf(trace, k);
    }

    @Test
    void sameEpisodeSameActionsGiveBitIdenticalTrajectories() {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        for (long seed = 1; seed <= 3; seed++) {
            double[] a = run(e, seed, seed * 31, 60);
            double[] b = run(e, seed, seed * 31, 60);
            assertArrayEquals(a, b, "seed " + seed);
            assertTrue(a.length > 0);
        }
        assertFalse(Arrays.equals(run(e, 1, 5, 40), run(e, 2, 5, 40)), "noise seed must matter");
    }

    @Test
    void resetRestoresTheInitialState() {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        World w = WorldCompiler.compile(e);
        SimState s = new SimState(w);
        s.reset(7);
        float[] lidar0 = s.lidarRanges().clone();
        for (int t = 0; t < 20 && !s.halted(); t++) {
            Physics.step(w, s, 0.3, 0.2);
        }
        s.reset(7);
        assertEquals(0, s.steps());
        assertEquals(-2, s.robotX(), 1e-6);
        assertEquals(-1, s.robotY(), 1e-6);
        assertArrayEquals(lidar0, s.lidarRanges());
    }

    @Test
    void drivesForwardAtCommandedSpeedAfterLag() {
        World w = WorldCompiler.compile(TestEpisodes.emptyRoom());
        SimState s = new SimState(w);
        for (int t = 0; t < 10; t++) {
            Physics.step(w, s, 0.3, 0);
        }
        assertFalse(s.halted(), s.contactName() + " " + s.truncation());
        assertEquals(0.3, s.robotForwardSpeed(), 0.01);
        assertEquals(0, s.robotY(), 1e-4);
        assertEquals(0, s.robotYaw(), 1e-4);
        // one second at up to 0.3 m/s with an acceleration ramp of 0.2 s
        assertTrue(s.robotX() > -2 + 0.22 && s.robotX() < -2 + 0.3, "x=" + s.robotX());
        assertEquals(s.robotX(), s.odomX(), 1e-3, "ideal odometry follows ground truth on a grippy floor");
    }

    @Test
    void speedIsLimitedAndTurningIsCounterClockwise() {
        World w = WorldCompiler.compile(TestEpisodes.emptyRoom());
        SimState s = new SimState(w);
        for (int t = 0; t < 10; t++) {
            Physics.step(w, s, 0, 10);
        }
        assertEquals(w.robot().maxAngularSpeed(), s.robotYawRate(), 0.05);
        assertEquals(-2, s.robotX(), 1e-3);
    }

    @Test
    void slipperyFloorMakesTheWheelsSlipAndOdometryOverestimate() {
        Episode ice = TestEpisodes.episode(List.of(), new Pose2(-2, 0, 0), new Vec2(2, 0), Dynamics.NOMINAL, 0.01);
        World w = WorldCompiler.compile(ice);
        SimState s = new SimState(w);
        for (int t = 0; t < 10; t++) {
            Physics.step(w, s, 0.5, 0);
        }
        double moved = s.robotX() + 2;
        double odom = s.odomX() + 2;
        assertTrue(moved < 0.6 * odom, "moved " + moved + " odometry " + odom);
    }

    @Test
    void drivingIntoAWallEndsWithContactNotSliding() {
        World w = WorldCompiler.compile(TestEpisodes.emptyRoom());
        SimState s = new SimState(w);
        int steps = 0;
        while (!s.halted() && steps < 200) {
            Physics.step(w, s, -0.5, 0);
            steps++;
        }
        assertTrue(s.inContact(), "expected contact, got " + s.truncation());
        assertEquals("wall", s.contactName());
        // base_link within a few cm of the wall at x = -3 minus the radius
        assertEquals(-3 + 0.105, s.robotX(), 0.03);
    }

    @Test
    void hittingAnObstacleNamesItAndItsContactPointsAreOnItsFaceWithUnitNormalsNoneFromTheFloor() {
        Obstacle o = Obstacle.fixed("wallbox", new Box(0.2, 2, 0.4), new Pose2(0, 0, 0), TestEpisodes.GREY);
        World w = WorldCompiler.compile(TestEpisodes.episode(List.of(o), new Pose2(-1, 0, 0), new Vec2(2, 0),
                Dynamics.NOMINAL, 0.8));
        SimState s = new SimState(w);
        Physics.step(w, s, 0, 0);
        assertEquals(0, s.contactPoints().length, "standing on the floor, touching nothing");
        while (!s.halted() && s.steps() < 200) {
            Physics.step(w, s, 0.5, 0);
        }
        assertEquals("wallbox", s.contactName());
        float[] c = s.contactPoints();
        assertTrue(c.length >= 6 && c.length % 6 == 0, "points: " + Arrays.toString(c));
        for (int i = 0; i < c.length; i += 6) {
            assertEquals(-0.1, c[i], 0.01, "on the box's near face (x = -0.1): " + Arrays.toString(c));
            assertEquals(0, c[i + 1], 0.1, "in front of the robot: " + Arrays.toString(c));
            assertTrue(c[i + 2] > 0.005 && c[i + 2] < 0.4, "above the floor, below the box's top: " + c[i + 2]);
            assertEquals(1, Math.sqrt(c[i + 3] * c[i + 3] + c[i + 4] * c[i + 4] + c[i + 5] * c[i + 5]), 1e-3,
                    "unit normal");
            assertEquals(1, Math.abs(c[i + 3]), 0.05, "the normal is across the face: " + Arrays.toString(c));
        }
    }

    @Test
    void lidarSeesTheWallsAtTheRightDistance() {
        World w = WorldCompiler.compile(TestEpisodes.emptyRoom());
        SimState s = new SimState(w);
        float[] r = s.lidarRanges();
        var spec = w.robot().lidar();
        // beam 0 points backwards (-pi): wall at x = -3, 1 m behind
        assertEquals(1.0, r[0], 1e-6);
        int left = (int) Math.round((Math.PI / 2 - spec.angleMin()) / spec.angleIncrement());
        assertEquals(2.0, r[left], 1e-6);
        int ahead = (int) Math.round(-spec.angleMin() / spec.angleIncrement());
        assertEquals(3.5, r[ahead], 1e-6, "5 m ahead is beyond range max");
    }

    @Test
    void movingObstacleFollowsItsPatrol() {
        Episode e = TestEpisodes.clutter(Dynamics.NOMINAL);
        World w = WorldCompiler.compile(e);
        SimState s = new SimState(w);
        int walker = 4;
        double[] expected = new double[2];
        double[] pose = new double[7];
        for (int t = 0; t < 20; t++) {
            Physics.step(w, s, 0, 0);
            w.patrol(walker).orElseThrow().positionAt(s.timeNanos() * 1e-9, expected);
            s.bodyPose(walker, pose);
            assertEquals(expected[0], pose[0], 1e-5);
            assertEquals(expected[1], pose[1], 1e-5, "step " + t);
        }
    }

    @Test
    void sensorLatencyDelaysOdometryAndLidarButNotTheTruth() {
        Dynamics late = new Dynamics(1, 0, 0, 0.05, 0, 0, 0);
        World prompt = WorldCompiler.compile(TestEpisodes.emptyRoom());
        World delayed = WorldCompiler.compile(TestEpisodes.episode(List.of(), new Pose2(-2, 0, 0), new Vec2(2, 0),
                late, 0.8));
        assertEquals(6, delayed.sensorLatencySubsteps());
        SimState a = new SimState(prompt);
        SimState b = new SimState(delayed);
        var spec = prompt.robot().lidar();
        int back = 0; // beam 0 looks backwards at the wall behind the robot
        for (int t = 0; t < 10; t++) {
            Physics.step(prompt, a, 0.4, 0);
            Physics.step(delayed, b, 0.4, 0);
            assertEquals(a.robotX(), b.robotX(), "truth is unaffected, step " + t);
            assertEquals(a.robotX(), a.odomX(), 1e-3);
        }
        // 0.05 s at about 0.4 m/s: the delivered readings trail by about 2 cm.
        assertEquals(0.02, a.odomX() - b.odomX(), 0.004);
        assertEquals(0.02, a.lidarRanges()[back] - b.lidarRanges()[back], 0.004);
        assertEquals(spec.rangeMax(), b.lidarRanges()[spec.beams() / 2], 1e-6);
    }

    @Test
    void controlLatencyDelaysTheResponse() {
        Dynamics late = new Dynamics(1, 0, 0.2, 0, 0, 0, 0);
        World prompt = WorldCompiler.compile(TestEpisodes.emptyRoom());
        World delayed = WorldCompiler.compile(TestEpisodes.episode(List.of(), new Pose2(-2, 0, 0), new Vec2(2, 0),
                late, 0.8));
        SimState a = new SimState(prompt);
        SimState b = new SimState(delayed);
        Physics.step(prompt, a, 0.5, 0);
        Physics.step(delayed, b, 0.5, 0);
        assertTrue(a.robotX() > -2 + 1e-3);
        assertEquals(-2, b.robotX(), 1e-6, "a 0.2 s latency shows no motion after 0.1 s");
    }
}
