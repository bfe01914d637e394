package dev.wayfinder.studio.sim;

import dev.wayfinder.sim.env.ActionSet;

/**
 * Keyboard teleoperation: which of the discrete actions the held arrow keys mean. Forward with left or right
 * curves, left or right alone turns on the spot, nothing held (or only backward, which the action set lacks) stops.
 */
public final class Teleop {
    private Teleop() {
    }

    /** The index in {@code actions} of the action for the held keys; -1 when the set lacks it. */
    public static int action(ActionSet actions, boolean forward, boolean left, boolean right) {
        boolean turn = left != right;
        String name;
        if (forward && turn) {
            name = left ? "forward-left" : "forward-right";
        } else if (forward) {
            name = "forward";
        } else if (turn) {
            name = left ? "turn-left" : "turn-right";
        } else {
            name = "stop";
        }
        return actions.indexOf(name);
    }
}
