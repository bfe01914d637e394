package dev.wayfinder.robot.net;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.RobotDescription;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The shield passes the network's choice unless its arc runs into something the memory holds. */
class SafetyShieldTest {
    /** forward, forward-left, forward-right, turn-left, turn-right, stop; 0.1 m radius, 0.5 m/s, 2 rad/s, 10 Hz. */
    static final RobotDescription ROBOT = new RobotDescription(0.1, 0.5, 2.0, 10, java.util.List.of(
            new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("forward-left", 0.6, 0.5),
            new RobotDescription.Command("forward-right", 0.6, -0.5), new RobotDescription.Command("turn-left", 0, 0.6),
            new RobotDescription.Command("turn-right", 0, -0.6), new RobotDescription.Command("stop", 0, 0)));

    private static final CameraModel CAMERA = new CameraModel(64, 64, 32, 32, 32, 32, 0, 0, 0.2, 0, 0, 0);
    // forward, forward-left, forward-right, turn-left, turn-right, stop
    private static final int FORWARD = 0;
    private static final int FORWARD_RIGHT = 2;
    private static final int TURN_LEFT = 3;

    private static SafetyShield shield(ObstacleMemory m) {
        return new SafetyShield(ROBOT, 0.05, 0.6, m);
    }

    /** A wall seen across the whole view at {@code depth} metres. */
    private static void wallAhead(ObstacleMemory m, double depth) {
        float[] p = new float[NetworkSpec.AUX_TARGETS];
        Arrays.fill(p, (float) (depth / Features.MAX_DEPTH));
        m.observe(0, 0, 0, p, 0, CAMERA);
    }

    @Test
    void nothingRememberedPassesTheNetworksChoice() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        float[] logits = {3, 1, 0, 0, 0, 0};
        assertEquals(FORWARD, shield(m).choose(logits, 0, m, 0, 0, 0));
        float[] offset = {9, 9, 0, 1, 5, 0, 0, 0};
        assertEquals(FORWARD_RIGHT, shield(m).choose(offset, 2, m, 0, 0, 0), "reads the row at the offset");
    }

    @Test
    void aWallAheadVetoesDrivingIntoItButNotTurningAway() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        // 0.3 m ahead: forward at 0.5 m/s for 0.6 s reaches it; forward-left (0.3 m/s, 1 rad/s) ends 0.17 m ahead
        // and 0.05 m left, 0.13 m from the wall, under the radius plus margin (0.15 m).
        wallAhead(m, 0.3);
        float[] logits = {5, 4, 1, 3, 0, -1};
        int a = shield(m).choose(logits, 0, m, 0, 0, 0);
        // forward and forward-left both drive into the wall; turning left on the spot is the next preference.
        assertEquals(TURN_LEFT, a);
        // Far enough away, the network's first choice stands.
        ObstacleMemory far = new ObstacleMemory(8, 10);
        wallAhead(far, 1.2);
        assertEquals(FORWARD, shield(far).choose(logits, 0, far, 0, 0, 0));
        // The robot facing along the wall (turned 90 degrees left): driving on is clear.
        assertEquals(FORWARD, shield(m).choose(logits, 0, m, 0, 0, Math.PI / 2));
    }

    @Test
    void alreadyTooCloseItMayTurnOrBackOffButNotCloseIn() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        wallAhead(m, 0.12);
        float[] logits = {5, 4, 3, 2, 1, 0};
        // Every arc that moves forward gets closer; turning left on the spot keeps the present clearance.
        assertEquals(TURN_LEFT, shield(m).choose(logits, 0, m, 0, 0, 0));
        // Preferred forward-left, then forward-right: both close in on the wall; then (ties keep action order)
        // forward, which does too, then turning left.
        float[] prefersArcs = {0, 5, 1, 0, 0, 0};
        assertEquals(TURN_LEFT, shield(m).choose(prefersArcs, 0, m, 0, 0, 0));
    }

    @Test
    void standingStillIsOfferedLast() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        float[] prefersStop = {0, 1, 0, 0, 2, 5};
        // Nothing in the way: the first preference that moves (turn-right) rather than stop.
        assertEquals(4, shield(m).choose(prefersStop, 0, m, 0, 0, 0));
        // Only forward and stop, a wall just ahead: forward closes in, so stop.
        RobotDescription two = new RobotDescription(0.1, 0.5, 2.0, 10, java.util.List.of(
                new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("stop", 0, 0)));
        ObstacleMemory near = new ObstacleMemory(8, 10);
        wallAhead(near, 0.2);
        SafetyShield s = new SafetyShield(two, 0.05, 0.6, near);
        assertEquals(1, s.choose(new int[] {0, 1}, near, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> s.choose(new int[] {0}, near, 0, 0, 0));
    }

    @Test
    void aClearFirstChoiceStandsAndARefusedOneIsReplacedInTheOthersOrder() {
        ObstacleMemory open = new ObstacleMemory(8, 10);
        float[] logits = {5, 4, 1, 3, 0, -1};
        // An order that would rank turn-right first: the clear first choice (forward) still stands.
        ActionPreference others = new ActionPreference(6, 10, 4);
        assertEquals(FORWARD, shield(open).choose(logits, 0, others, SafetyShield.Sampling.REFUSED, open, 0, 0, 0));
        // A wall 0.3 m ahead refuses forward and forward-left; the replacement comes from the other order: the
        // greedy order gives turn-left, the sampled one any clear action, and over many draws more than one.
        ObstacleMemory m = new ObstacleMemory(8, 10);
        wallAhead(m, 0.3);
        SafetyShield s = shield(m);
        assertEquals(TURN_LEFT,
                s.choose(logits, 0, ActionPreference.greedy(6), SafetyShield.Sampling.REFUSED, m, 0, 0, 0));
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int k = 0; k < 200; k++) {
            int a = s.choose(logits, 0, others, SafetyShield.Sampling.REFUSED, m, 0, 0, 0);
            seen.add(a);
            org.junit.jupiter.api.Assertions.assertNotEquals(FORWARD, a, "forward runs into the wall");
            org.junit.jupiter.api.Assertions.assertNotEquals(5, a, "stop while a turn is clear");
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen.size() >= 2, "sampled replacements vary: " + seen);
    }

    @Test
    void aStuckRobotSamplesEveryActionAndAMovingOneKeepsItsFirstChoice() {
        ObstacleMemory open = new ObstacleMemory(8, 10);
        float[] logits = {5, 4, 1, 3, 0, -1};
        ActionPreference hot = new ActionPreference(6, 10, 9);
        // 10 decisions per second: the progress check looks 3 s (30 decisions) back.
        SafetyShield s = new SafetyShield(ROBOT, 0.05, 0.6, open);
        for (int k = 0; k < 30; k++) {
            assertEquals(FORWARD, s.choose(logits, 0, hot, SafetyShield.Sampling.STUCK, open, 0, 0, 0),
                    "too soon to call it stuck (decision " + k + ")");
        }
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int k = 0; k < 100; k++) {
            seen.add(s.choose(logits, 0, hot, SafetyShield.Sampling.STUCK, open, 0, 0, 0));
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen.size() >= 3, "stuck: every action sampled: " + seen);
        // Driving 0.2 m per 3 s is progress: the first choice stands.
        s.reset();
        for (int k = 0; k < 100; k++) {
            assertEquals(FORWARD, s.choose(logits, 0, hot, SafetyShield.Sampling.STUCK, open, k * 0.2 / 30, 0, 0));
        }
        // Sampling always: varies from the first decision.
        seen.clear();
        s.reset();
        for (int k = 0; k < 30; k++) {
            seen.add(s.choose(logits, 0, hot, SafetyShield.Sampling.ALWAYS, open, k * 0.1, 0, 0));
        }
        org.junit.jupiter.api.Assertions.assertTrue(seen.size() >= 3, "always sampled: " + seen);
    }

    @Test
    void settingsRefuseBadValues() {
        assertThrows(IllegalArgumentException.class,
                () -> new SafetyShield.Settings(SafetyShield.DepthSource.CAMERA, 0.01, 0.4, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new SafetyShield.Settings(SafetyShield.DepthSource.CAMERA, 0.6, 0.4, 1));
        assertEquals(0, SafetyShield.Settings.DEFAULT.withTemperature(0).temperature());
        // Moving obstacles are tracked in the depth camera's frames: not on predicted depth.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SafetyShield.Settings.PREDICTED_DEFAULT.withMovers(true));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("depth camera"), e.getMessage());
        assertEquals(false, SafetyShield.Settings.DEFAULT.withMovers(false).movers());
        assertEquals(SafetyShield.Settings.DEFAULT.movers(),
                SafetyShield.Settings.DEFAULT.withTemperature(0.5).movers(), "kept by withTemperature");
    }

    @Test
    void badParametersAreRefused() {
        ObstacleMemory m = new ObstacleMemory(8, 10);
        assertThrows(IllegalArgumentException.class,
                () -> new RobotDescription(0, 0.5, 2.0, 10, ROBOT.actions()));
        assertThrows(IllegalArgumentException.class,
                () -> new SafetyShield(ROBOT, -1, 0.6, m));
        assertThrows(IllegalArgumentException.class,
                () -> new SafetyShield(ROBOT, 0.05, 0, m));
    }
}
