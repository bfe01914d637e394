package dev.wayfinder.robot;

import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The robot side keeps a recurrent network's hidden state: zeros at a reset, carried from each run to the next. */
class RecurrentRobotPolicyTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6, 0, 0, 7);
    private static final RobotDescription ROBOT = new RobotDescription(0.15, 0.5, 1.5, 10, List.of(
            new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("forward-left", 1, 0.5),
            new RobotDescription.Command("forward-right", 1, -0.5), new RobotDescription.Command("left", 0, 1),
            new RobotDescription.Command("right", 0, -1), new RobotDescription.Command("stop", 0, 0)));
    private static final CameraModel CAMERA = new CameraModel(16, 16, 8, 8, 8, 8, 0.1, 0, 0.2, 0, 0, 0);

    private static RobotObservation observation(SplittableRandom rnd, int t) {
        byte[] rgb = new byte[16 * 16 * 3];
        rnd.nextBytes(rgb);
        long stamp = t * 100_000_000L;
        return new RobotObservation(new RobotObservation.RgbImage(16, 16, rgb, stamp), CAMERA, Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(0.1 * t, 0, 0), 0.5, 0, stamp), Optional.empty(),
                new RobotObservation.Goal(3, 1), Optional.empty());
    }

    @Test
    void theHiddenStateTravelsThroughTheStateAndStartsOverAtReset() {
        long seed = 53;
        SplittableRandom rnd = new SplittableRandom(seed);
        PolicyWeights w = PolicyWeights.random(SPEC, seed);
        RobotPolicy policy = new RobotPolicy(SPEC, ROBOT, Optional.empty(), seed, 8, false);
        RobotPolicy.Runner runner = new RobotPolicy.Runner(policy, new InferencePolicy(w, 1));
        // A second, hand-driven copy of the network checks what the runner fed it.
        InferencePolicy check = new InferencePolicy(w, 1);
        RobotPolicy mirror = new RobotPolicy(SPEC, ROBOT, Optional.empty(), seed, 8, false);
        float[] expected = new float[SPEC.recurrentUnits()];
        int r = SPEC.recurrentUnits();
        for (int t = 0; t < 5; t++) {
            RobotObservation o = observation(rnd, t);
            mirror.prepare(o, check.images(), 0, check.states(), 0);
            assertArrayEquals(expected, Arrays.copyOfRange(check.states(), SPEC.hiddenOffset(), SPEC.stateSize()),
                    "seed " + seed + ", step " + t + ": the state carries the previous step's h'");
            check.run();
            int a = runner.act(o);
            mirror.advance(check.hidden(), 0);
            assertEquals(check.argmax(0), a, "seed " + seed + ", step " + t);
            assertEquals(a, mirror.decide(o, check.logits(), 0, null, 0));
            expected = Arrays.copyOf(check.hidden(), r);
            assertArrayEquals(expected, policy.hidden(), "step " + t);
        }
        assertTrue(Math.abs(expected[0]) + Math.abs(expected[1]) > 0, "seed " + seed + ": the hidden state moved");
        policy.reset();
        assertArrayEquals(new float[r], policy.hidden(), "a new episode starts from zeros");
    }

    @Test
    void aRecurrentPolicyRefusesToDecideWithoutItsNewHiddenState() {
        long seed = 59;
        SplittableRandom rnd = new SplittableRandom(seed);
        InferencePolicy net = new InferencePolicy(PolicyWeights.random(SPEC, seed), 1);
        RobotPolicy policy = new RobotPolicy(SPEC, ROBOT, Optional.empty(), seed, 8, false);
        RobotObservation o = observation(rnd, 0);
        policy.prepare(o, net.images(), 0, net.states(), 0);
        net.run();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> policy.decide(o, net.logits(), 0, null, 0));
        assertTrue(e.getMessage().contains("advance"), e.getMessage());
        // A teacher's step: the network ran, someone else chose; the hidden state still moves on.
        policy.advance(net.hidden(), 0);
        policy.executed(2);
        assertArrayEquals(Arrays.copyOf(net.hidden(), SPEC.recurrentUnits()), policy.hidden());
        float[] bad = new float[SPEC.recurrentUnits()];
        bad[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> policy.advance(bad, 0));
    }
}
