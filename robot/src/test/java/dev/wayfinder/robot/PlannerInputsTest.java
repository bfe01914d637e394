package dev.wayfinder.robot;

import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstaclesTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A network with {@link NetworkSpec#plannerInputs} reads the classical local planner's preference in its state: scored
 * on the robot from odometry, the goal and the depth camera's points, one value per action in [-1, 0] with the best
 * action at 0; the frame's obstacles are taken in once whether the state or the decision comes first.
 */
class PlannerInputsTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6, 0, 0, 0, true);
    private static final RobotDescription ROBOT = TestRobot.ROBOT;
    private static final CameraModel CAMERA = TestRobot.CAMERA;

    /** The robot at the origin facing +x, the goal 3 m ahead, a box face {@code wallX} metres ahead across the view. */
    private static RobotObservation observation(double wallX, long seed, boolean withDepth) {
        byte[] rgb = new byte[CAMERA.width() * CAMERA.height() * 3];
        new java.util.SplittableRandom(seed).nextBytes(rgb);
        var depth = new RobotObservation.DepthImage(CAMERA.width(), CAMERA.height(),
                DepthObstaclesTest.render(CAMERA, wallX, -1.5, 1.5, 0.005, seed), 0);
        return new RobotObservation(new RobotObservation.RgbImage(CAMERA.width(), CAMERA.height(), rgb, 0), CAMERA,
                withDepth ? Optional.of(depth) : Optional.empty(),
                new RobotObservation.Odometry(new Pose2D(0, 0, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(3, 0), Optional.empty());
    }

    private static float[] plannerInputs(RobotObservation o) {
        RobotPolicy p = new RobotPolicy(SPEC, ROBOT, Optional.empty(), 1, 16, false);
        float[] state = new float[SPEC.stateSize()];
        p.state(o, state, 0);
        return java.util.Arrays.copyOfRange(state, SPEC.plannerOffset(), SPEC.plannerOffset() + SPEC.actions());
    }

    @Test
    void theStateCarriesOneValuePerActionAfterTheMemoryBestAtZero() {
        assertEquals(NetworkSpec.GOAL_FEATURES + 6, SPEC.plannerOffset());
        assertEquals(NetworkSpec.GOAL_FEATURES + 12, SPEC.stateSize());
        assertEquals(SPEC.stateSize(), SPEC.hiddenOffset());
        for (long seed = 1; seed <= 3; seed++) {
            float[] open = plannerInputs(observation(20, seed, true));
            float best = -2;
            for (float v : open) {
                assertTrue(v >= -1 && v <= 0, "seed " + seed + ": " + java.util.Arrays.toString(open));
                best = Math.max(best, v);
            }
            assertEquals(0f, best, "seed " + seed + ": the best action reads 0");
            // Open floor, the goal straight ahead: forward is the best action.
            assertEquals(0f, open[0], "seed " + seed + ": " + java.util.Arrays.toString(open));
            // A wall 0.3 m ahead: forward's arc runs into it and is refused (-1), turning on the spot is not.
            float[] blocked = plannerInputs(observation(0.3, seed, true));
            assertEquals(-1f, blocked[0], "seed " + seed + ": " + java.util.Arrays.toString(blocked));
            assertTrue(blocked[3] > -1 || blocked[4] > -1, "seed " + seed + ": " + java.util.Arrays.toString(blocked));
        }
    }

    @Test
    void trainingAndDeploymentSeeTheSameState() {
        // Deployment prepares, runs the network and decides through the shield; an expert-driven training round
        // writes the state, lets the memory take the frame in and records the action taken. Over an approach to a
        // wall, both give the network the same state vector, planner inputs included.
        for (long seed = 1; seed <= 3; seed++) {
            InferencePolicy net = new InferencePolicy(PolicyWeights.random(SPEC, seed), 1);
            RobotPolicy.Runner deployed = new RobotPolicy.Runner(new RobotPolicy(SPEC, ROBOT,
                    Optional.of(SafetyShield.Settings.DEFAULT), seed, 16, false), net);
            RobotPolicy training = new RobotPolicy(SPEC, ROBOT, Optional.empty(), seed, 16, false);
            float[] state = new float[SPEC.stateSize()];
            for (int t = 0; t < 12; t++) {
                RobotObservation o = observation(2.0 - 0.15 * t, seed * 100 + t, true);
                int a = deployed.act(o);
                training.state(o, state, 0);
                training.observe(o, null, 0);
                training.executed(a);
                assertArrayEquals(state, java.util.Arrays.copyOf(net.states(), SPEC.stateSize()),
                        "seed " + seed + ", step " + t);
            }
        }
    }

    @Test
    void anObservationWithoutDepthIsRefusedByName() {
        RobotPolicy p = new RobotPolicy(SPEC, ROBOT, Optional.empty(), 1, 16, false);
        assertTrue(p.needsDepth());
        float[] state = new float[SPEC.stateSize()];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.state(observation(2, 1, false), state, 0));
        assertTrue(e.getMessage().contains("local planner") && e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void weightsWithPlannerInputsRoundTripAndOthersKeepTheirVersion() throws IOException {
        PolicyWeights w = PolicyWeights.random(SPEC, 3);
        byte[] bytes = w.toBytes();
        assertEquals(5, java.nio.ByteBuffer.wrap(bytes, 4, 4).getInt());
        PolicyWeights back = PolicyWeights.fromBytes(bytes, "test");
        assertEquals(SPEC, back.spec());
        assertArrayEquals(bytes, back.toBytes());
        byte[] plain = PolicyWeights.random(SPEC.withPlannerInputs(false), 3).toBytes();
        assertEquals(3, java.nio.ByteBuffer.wrap(plain, 4, 4).getInt());
        assertEquals(4, java.nio.ByteBuffer.wrap(PolicyWeights.random(SPEC.withPlannerInputs(false)
                .withRecurrentUnits(8), 3).toBytes(), 4, 4).getInt());
    }
}
