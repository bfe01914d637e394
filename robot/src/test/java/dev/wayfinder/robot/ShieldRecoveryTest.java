package dev.wayfinder.robot;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstaclesTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shield's planner recovery ({@link SafetyShield.Sampling#PLANNER}): the network's choice while the robot makes
 * progress; once it has made under 0.15 m in 3 s, the classical local planner's choice, exactly what
 * {@link RobotPolicy#plan} would do there, until the robot is {@link RobotPolicy#RECOVERY_DISTANCE} from where the
 * recovery began (or {@link RobotPolicy#RECOVERY_SECONDS} have passed).
 */
class ShieldRecoveryTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6);
    private static final RobotDescription ROBOT = TestRobot.ROBOT;
    private static final CameraModel CAMERA = TestRobot.CAMERA;
    /** Greedy (temperature 0), so both policies order the actions without drawing random numbers. */
    private static final SafetyShield.Settings RECOVERY = new SafetyShield.Settings(SafetyShield.DepthSource.CAMERA,
            0.01, 0.8, 0, SafetyShield.Sampling.PLANNER);

    private static RobotObservation observation(int t, double x) {
        return observation(t, x, 0, 0);
    }

    private static RobotObservation observation(int t, double x, double y, double yaw) {
        byte[] rgb = new byte[CAMERA.width() * CAMERA.height() * 3];
        long stamp = t * 100_000_000L;
        var depth = new RobotObservation.DepthImage(CAMERA.width(), CAMERA.height(),
                DepthObstaclesTest.render(CAMERA, 1.5 - x, 0.3, 1.5, 0.005, t), stamp);
        return new RobotObservation(new RobotObservation.RgbImage(CAMERA.width(), CAMERA.height(), rgb, stamp), CAMERA,
                Optional.of(depth), new RobotObservation.Odometry(new Pose2D(x, y, yaw), 0, 0, stamp), Optional.empty(),
                new RobotObservation.Goal(3, 0), Optional.empty());
    }

    @Test
    void aStuckRobotTakesThePlannersChoiceUntilItMovesOn() {
        // The network insists on turning right on the spot; the robot stands still, so after 3 s of decisions it
        // counts as stuck and the planner chooses, as it would driving alone.
        RobotPolicy network = new RobotPolicy(SPEC, ROBOT, Optional.of(RECOVERY), 3, 16, false);
        RobotPolicy planner = new RobotPolicy(SPEC, ROBOT, Optional.of(RECOVERY), 3, 16, false);
        float[] logits = {0, 0, 0, 0, 10, 0};
        int window = (int) Math.round(SafetyShield.Sampling.STUCK_SECONDS * ROBOT.controlRate());
        for (int t = 0; t < window + 20; t++) {
            RobotObservation o = observation(t, 0);
            int a = network.decide(o, logits, 0, null, 0);
            int p = planner.plan(o);
            if (t < window) {
                assertFalse(network.recovering(), "step " + t);
                assertEquals(4, a, "step " + t + ": the network's clear first choice");
            } else {
                assertTrue(network.recovering(), "step " + t);
                assertEquals(p, a, "step " + t + ": the planner's choice");
                assertNotEquals(4, p, "step " + t + ": the planner heads for the goal ahead, not round to the right");
            }
        }
        // The robot now drives on (0.05 m a step): still the planner's until it is 0.3 m from where the recovery
        // began and makes progress again, then the network's.
        int handedBack = -1;
        for (int t = window + 20; t < window + 80; t++) {
            double x = 0.05 * (t - window - 19);
            RobotObservation o = observation(t, x);
            int a = network.decide(o, logits, 0, null, 0);
            if (!network.recovering()) {
                handedBack = t;
                assertEquals(4, a, "step " + t + ": the network drives again");
                assertTrue(x >= RobotPolicy.RECOVERY_DISTANCE, "x " + x);
                break;
            }
        }
        assertTrue(handedBack > 0, "the network drives again once the robot has moved on");
        network.reset();
        assertFalse(network.recovering());
    }

    @Test
    void aRecoveryEndsAfterItsLongestTime() {
        RobotPolicy network = new RobotPolicy(SPEC, ROBOT, Optional.of(RECOVERY), 3, 16, false);
        float[] logits = {0, 0, 0, 0, 10, 0};
        int window = (int) Math.round(SafetyShield.Sampling.STUCK_SECONDS * ROBOT.controlRate());
        int limit = (int) Math.round(RobotPolicy.RECOVERY_SECONDS * ROBOT.controlRate());
        int recovering = 0;
        int t = 0;
        for (; t < window + limit + 1; t++) {
            network.decide(observation(t, 0), logits, 0, null, 0);
            recovering += network.recovering() ? 1 : 0;
        }
        // Standing still stays stuck, so the planner's time runs out: then the network has a whole stuck window
        // again before the next recovery.
        assertEquals(limit, recovering, "a recovery lasts at most " + RobotPolicy.RECOVERY_SECONDS + " s");
        assertFalse(network.recovering());
        for (int k = 0; k < window - 1; k++, t++) {
            assertEquals(4, network.decide(observation(t, 0), logits, 0, null, 0), "step " + t);
            assertFalse(network.recovering(), "step " + t);
        }
        network.decide(observation(t + 1, 0), logits, 0, null, 0);
        network.decide(observation(t + 2, 0), logits, 0, null, 0);
        assertTrue(network.recovering(), "stuck again: the next recovery");
    }

    @Test
    void aRobotGoingRoundInCirclesTakesThePlannersChoiceUntilItGetsCloser() {
        // The robot drives round a circle of 0.4 m, a lap every NO_PROGRESS_SECONDS: never stuck (over 0.6 m from
        // where it was 3 s before), but no closer to the goal after a lap. Once the way to the goal has shrunk by less than
        // ROUTE_PROGRESS over NO_PROGRESS_SECONDS, the planner chooses.
        RobotPolicy network = new RobotPolicy(SPEC, ROBOT, Optional.of(RECOVERY), 3, 16, false);
        RobotPolicy planner = new RobotPolicy(SPEC, ROBOT, Optional.of(RECOVERY), 3, 16, false);
        float[] logits = {0, 10, 0, 0, 0, 0};
        int window = (int) Math.round(RobotPolicy.NO_PROGRESS_SECONDS * ROBOT.controlRate());
        int lap = window;
        int t = 0;
        double x = 0;
        double y = 0;
        for (; t < window + 5; t++) {
            double a = 2 * Math.PI * t / lap;
            x = 0.4 * Math.sin(a);
            y = 0.4 - 0.4 * Math.cos(a);
            RobotObservation o = observation(t, x, y, a);
            int chosen = network.decide(o, logits, 0, null, 0);
            int p = planner.plan(o);
            if (t < window) {
                assertFalse(network.recovering(), "step " + t);
            } else {
                assertTrue(network.recovering(), "step " + t + ": a lap without getting closer");
                assertEquals(p, chosen, "step " + t + ": the planner's choice");
            }
        }
        // Now straight for the goal, 0.05 m a step: the planner's until the way has shrunk by RECOVERY_PROGRESS
        // since the recovery began, then the network's.
        double began = Math.hypot(3 - x, y);
        double sx = x;
        for (int k = 1; k < 60; k++, t++) {
            double px = sx + 0.05 * k * (3 - sx) / began;
            double py = y - 0.05 * k * y / began;
            network.decide(observation(t, px, py, Math.atan2(-y, 3 - sx)), logits, 0, null, 0);
            double way = Math.hypot(3 - px, py);
            if (!network.recovering()) {
                assertTrue(way <= began - RobotPolicy.RECOVERY_PROGRESS + 0.15 + 1e-9,
                        "handed back at " + way + " m, recovery began " + began + " m from the goal");
                return;
            }
            assertTrue(way > began - RobotPolicy.RECOVERY_PROGRESS - 0.15, "still recovering at " + way + " m");
        }
        throw new AssertionError("the network never drove again");
    }

    @Test
    void theRecoveryNeedsTheDepthCamera() {
        var predicted = new SafetyShield.Settings(SafetyShield.DepthSource.PREDICTED, 0.01, 0.8, 1,
                SafetyShield.Sampling.PLANNER);
        var e = assertThrows(IllegalArgumentException.class, () -> new RobotPolicy(SPEC.withMemorySectors(8), ROBOT,
                Optional.of(predicted), 1, 16, false));
        assertTrue(e.getMessage().contains("depth camera"), e.getMessage());
    }
}
