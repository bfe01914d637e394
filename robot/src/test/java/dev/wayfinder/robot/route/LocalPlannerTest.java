package dev.wayfinder.robot.route;

import dev.wayfinder.robot.RobotDescription;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The classical baseline's arc scoring: towards the target, away from what the camera has shown. */
class LocalPlannerTest {
    /** forward, forward-left, forward-right, turn-left, turn-right, stop; 0.1 m radius, 0.22 m/s, 2.8 rad/s, 10 Hz. */
    private static final RobotDescription ROBOT = new RobotDescription(0.1, 0.22, 2.8, 10, List.of(
            new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("forward-left", 0.6, 0.5),
            new RobotDescription.Command("forward-right", 0.6, -0.5), new RobotDescription.Command("turn-left", 0, 0.6),
            new RobotDescription.Command("turn-right", 0, -0.6), new RobotDescription.Command("stop", 0, 0)));
    private static final int FORWARD = 0;
    private static final int FORWARD_LEFT = 1;
    private static final int TURN_LEFT = 3;
    private static final int TURN_RIGHT = 4;
    private static final int STOP = 5;

    private final LocalPlanner planner = new LocalPlanner(ROBOT);
    private final float[] logits = new float[8];

    private int best(double yaw, double tx, double ty, double[] xs, double[] ys) {
        planner.score(0, 0, yaw, 0, tx, ty, 5, 5, xs, ys, xs.length, logits, 2);
        int best = 0;
        for (int a = 1; a < 6; a++) {
            if (logits[2 + a] > logits[2 + best]) {
                best = a;
            }
        }
        // The best command has logit 0, every other one less.
        assertEquals(0f, logits[2 + best]);
        return best;
    }

    @Test
    void drivesStraightAtATargetAhead() {
        assertEquals(FORWARD, best(0, 0.8, 0, new double[0], new double[0]));
        // The same in any heading: only the relative geometry counts.
        assertEquals(FORWARD, best(Math.PI / 2, 0, 0.8, new double[0], new double[0]));
    }

    @Test
    void turnsOnTheSpotTowardsATargetBehind() {
        assertEquals(TURN_LEFT, best(0, -0.3, 0.4, new double[0], new double[0]));
        assertEquals(TURN_RIGHT, best(0, -0.3, -0.4, new double[0], new double[0]));
    }

    @Test
    void refusesAnArcIntoAnObstacleAndGoesRound() {
        // A post 0.25 m ahead (0.15 m beyond the radius): driving straight on would hit it within a second. The
        // route's look-ahead point is beyond it, to the left.
        double[] xs = {0.25, 0.25, 0.25};
        double[] ys = {-0.03, 0, 0.03};
        int a = best(0, 0.8, 0.4, xs, ys);
        assertEquals(LocalPlanner.REFUSED, logits[2 + FORWARD]);
        assertTrue(a == FORWARD_LEFT || a == TURN_LEFT, "goes round on the left: " + a);
        // Without the post it heads there at speed.
        assertEquals(FORWARD_LEFT, best(0, 0.8, 0.4, new double[0], new double[0]));
    }

    @Test
    void arrivingAtTheGoalBeatsEverything() {
        planner.score(0, 0, 0, 0, 0.2, 0, 0.2, 0, new double[0], new double[0], 0, logits, 0);
        assertEquals(0f, logits[FORWARD]);
        assertTrue(logits[STOP] < -1, "standing still short of the goal costs: " + logits[STOP]);
    }

    @Test
    void aStraightLineIsClearOnlyWithTheRadiusAndMargin() {
        double[] xs = {0.5};
        double[] ys = {0.12};
        assertFalse(planner.lineClear(0, 0, 1, 0, xs, ys, 1, 0.03));
        assertTrue(planner.lineClear(0, 0, 1, 0, xs, ys, 1, 0.0));
        assertTrue(planner.lineClear(0, 0, 0.3, 0.8, xs, ys, 1, 0.03) == (distance(0.5, 0.12, 0.3, 0.8) >= 0.13));
    }

    private static double distance(double px, double py, double bx, double by) {
        double t = Math.max(0, Math.min(1, (px * bx + py * by) / (bx * bx + by * by)));
        return Math.hypot(px - t * bx, py - t * by);
    }
}
