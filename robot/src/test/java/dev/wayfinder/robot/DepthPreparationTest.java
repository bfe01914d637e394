package dev.wayfinder.robot;

import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.robot.perception.DepthObstaclesTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A depth image's obstacle profile made ahead of its observation, on another profiler (a deployment's receive thread),
 * gives the decisions the policy would have made profiling it itself; it is used only for that very depth image.
 */
class DepthPreparationTest {
    /** A route follower (mapless: its route avoids what the depth camera showed) with obstacle memory. */
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6, 0.8, 8);
    private static final RobotDescription ROBOT = TestRobot.ROBOT;
    private static final CameraModel CAMERA = TestRobot.CAMERA;

    private static RobotObservation.DepthImage depth(int t, long seed) {
        // A box face coming closer step by step, on the left of the view.
        return new RobotObservation.DepthImage(CAMERA.width(), CAMERA.height(),
                DepthObstaclesTest.render(CAMERA, 2.5 - 0.2 * t, -0.2 + 0.1 * (seed % 3), 1.5, 0.005, seed * 100 + t),
                t * 33_000_000L);
    }

    private static RobotObservation observation(int t, RobotObservation.DepthImage depth, long seed) {
        byte[] rgb = new byte[CAMERA.width() * CAMERA.height() * 3];
        new java.util.SplittableRandom(seed * 31 + t).nextBytes(rgb);
        long stamp = depth.stampNanos();
        return new RobotObservation(new RobotObservation.RgbImage(CAMERA.width(), CAMERA.height(), rgb, stamp), CAMERA,
                Optional.of(depth), new RobotObservation.Odometry(new Pose2D(0.05 * t, 0.01 * t, 0.02 * t), 0.4, 0,
                stamp), Optional.empty(), new RobotObservation.Goal(4, 0.5), Optional.empty());
    }

    private static RobotPolicy.Runner runner(long seed) {
        RobotPolicy p = new RobotPolicy(SPEC, ROBOT, Optional.of(SafetyShield.Settings.DEFAULT), seed, 16, true);
        return new RobotPolicy.Runner(p, new InferencePolicy(PolicyWeights.random(SPEC, seed), 1));
    }

    private static DepthObstacles.Snapshot profiled(RobotPolicy p, RobotObservation.DepthImage d) {
        return new DepthObstacles().snapshot(d, CAMERA, p.depthStrips(), Features.MAX_DEPTH);
    }

    @Test
    void decisionsOnAPreparedProfileAreTheDecisionsOnOneComputedInPlace() {
        for (long seed = 1; seed <= 3; seed++) {
            RobotPolicy.Runner plain = runner(seed);
            RobotPolicy.Runner prepared = runner(seed);
            assertTrue(prepared.policy().readsDepthProfile(), "seed " + seed);
            DepthObstacles receiveSide = new DepthObstacles();
            for (int t = 0; t < 10; t++) {
                RobotObservation.DepthImage d = depth(t, seed);
                prepared.policy().prepareDepth(d, CAMERA, receiveSide.snapshot(d, CAMERA,
                        prepared.policy().depthStrips(), Features.MAX_DEPTH));
                RobotObservation o = observation(t, d, seed);
                assertEquals(plain.act(o), prepared.act(o), "seed " + seed + ", step " + t);
                assertEquals(plain.policy().bearing(), prepared.policy().bearing(), "seed " + seed + ", step " + t);
            }
        }
    }

    @Test
    void theDecisionReadsThePreparedProfileOfItsOwnDepthImageOnly() {
        long seed = 7;
        RobotObservation.DepthImage far = depth(0, seed);
        RobotObservation.DepthImage near = depth(9, seed);
        // The near box's profile handed over as the far image's: the decision reads it (it does not profile again).
        RobotPolicy.Runner fooled = runner(seed);
        fooled.policy().prepareDepth(far, CAMERA, profiled(fooled.policy(), near));
        RobotPolicy.Runner honest = runner(seed);
        RobotObservation o = observation(0, far, seed);
        fooled.act(o);
        honest.act(o);
        assertNotEquals(honest.policy().bearing(), fooled.policy().bearing(), "seed " + seed);
        // A profile prepared for another depth image (another object, however alike) is not used.
        RobotPolicy.Runner other = runner(seed);
        RobotObservation.DepthImage twin = new RobotObservation.DepthImage(far.width(), far.height(),
                far.metres().clone(), far.stampNanos());
        other.policy().prepareDepth(twin, CAMERA, profiled(other.policy(), near));
        other.act(o);
        assertEquals(honest.policy().bearing(), other.policy().bearing(), "seed " + seed);
    }

    @Test
    void aProfileOfOtherStripsIsRefused() {
        RobotPolicy.Runner r = runner(1);
        RobotObservation.DepthImage d = depth(0, 1);
        DepthObstacles.Snapshot wrong = new DepthObstacles().snapshot(d, CAMERA, r.policy().depthStrips() - 1,
                Features.MAX_DEPTH);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> r.policy().prepareDepth(d, CAMERA, wrong));
        assertTrue(e.getMessage().contains("strips"), e.getMessage());
    }
}
