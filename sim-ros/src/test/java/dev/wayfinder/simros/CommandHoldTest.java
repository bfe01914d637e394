package dev.wayfinder.simros;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CommandHoldTest {
    @Test
    void aCommandHoldsForTheTimeoutThenTheRobotStops() {
        CommandHold h = new CommandHold(500_000_000L);
        assertArrayEquals(new double[] {0, 0}, h.command(0), "nothing received: stand still");
        h.accept(0.2, -0.5, 1_000_000_000L);
        assertArrayEquals(new double[] {0.2, -0.5}, h.command(1_000_000_000L));
        assertArrayEquals(new double[] {0.2, -0.5}, h.command(1_500_000_000L), "held up to the timeout");
        assertArrayEquals(new double[] {0, 0}, h.command(1_500_000_001L), "then zero");
        h.accept(0.1, 0, 1_600_000_000L);
        assertArrayEquals(new double[] {0.1, 0}, h.command(1_700_000_000L), "a new command drives again");
        assertFalse(h.accept(Double.NaN, 0, 1_700_000_000L), "NaN is refused");
        assertArrayEquals(new double[] {0.1, 0}, h.command(1_700_000_000L));
        h.clear();
        assertArrayEquals(new double[] {0, 0}, h.command(1_700_000_000L));
        assertThrows(IllegalArgumentException.class, () -> new CommandHold(0));
    }
}
