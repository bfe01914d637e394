package dev.wayfinder.studio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wayfinder.sim.env.ActionSet;
import org.junit.jupiter.api.Test;

/** The held arrow keys choose the discrete action a user means. */
class TeleopTest {
    private static String name(boolean forward, boolean left, boolean right) {
        return ActionSet.DEFAULT.get(Teleop.action(ActionSet.DEFAULT, forward, left, right)).name();
    }

    @Test
    void arrowKeysMapToTheActionsTheySay() {
        assertEquals("stop", name(false, false, false));
        assertEquals("forward", name(true, false, false));
        assertEquals("forward-left", name(true, true, false));
        assertEquals("forward-right", name(true, false, true));
        assertEquals("turn-left", name(false, true, false));
        assertEquals("turn-right", name(false, false, true));
        assertEquals("forward", name(true, true, true), "left and right together cancel");
        assertEquals("stop", name(false, true, true));
    }
}
