package dev.wayfinder.deploy;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.SafetyShield;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up decides on both camera sizes, and leaves nothing behind in the network the node then uses. */
class PolicyWarmupTest {
    @Test
    void warmsUpBothSizesAndTheNetworkDecidesAfterwardsAsItWouldHaveCold() {
        DeployModel model = DeployModel.load(DeployModelTest.SHIPPED, null);
        Optional<SafetyShield.Settings> shield = Optional.of(SafetyShield.Settings.DEFAULT);
        InferencePolicy cold = new InferencePolicy(model.weights(), 1);
        InferencePolicy warmed = new InferencePolicy(model.weights(), 1);
        PolicyWarmup.Result r = PolicyWarmup.run(model, warmed, strips -> new RobotPolicy(model.spec(),
                model.robot().description(), shield, 3, strips, model.obstacleLayer()), 0.2);
        assertTrue(r.decisions() >= 2 && r.lastNanos() > 0, "at least one decision per size: " + r);
        assertEquals(0, PolicyWarmup.run(model, warmed, s -> null, 0).decisions(), "0 s: no warm-up");
        assertThrows(IllegalArgumentException.class, () -> PolicyWarmup.run(model, warmed, s -> null, -1));

        long seed = 11;
        int[] a = drive(model, cold, shield, seed);
        int[] b = drive(model, warmed, shield, seed);
        assertArrayEquals(a, b, "the same 40 decisions with a warmed and a cold network (seed " + seed + ")");
    }

    /** 40 decisions of a new policy on a 64x64 room with noise, the robot creeping forward. */
    private static int[] drive(DeployModel model, InferencePolicy net, Optional<SafetyShield.Settings> shield,
                               long seed) {
        RobotPolicy.Runner runner = new RobotPolicy.Runner(new RobotPolicy(model.spec(), model.robot().description(),
                shield, 5, 64, model.obstacleLayer()), net);
        CameraModel cam = new CameraModel(64, 64, 32, 32, 32, 32, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] depth = PolicyWarmup.room(cam, rnd);
        int[] out = new int[40];
        for (int k = 0; k < out.length; k++) {
            byte[] rgb = new byte[64 * 64 * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) rnd.nextInt(256);
            }
            long stamp = k * 100_000_000L;
            out[k] = runner.act(new RobotObservation(new RobotObservation.RgbImage(64, 64, rgb, stamp), cam,
                    Optional.of(new RobotObservation.DepthImage(64, 64, depth, stamp)),
                    new RobotObservation.Odometry(new Pose2D(0.01 * k, 0, 0), 0.1, 0, stamp), Optional.empty(),
                    new RobotObservation.Goal(3, 0.5), Optional.empty()));
        }
        return out;
    }
}
