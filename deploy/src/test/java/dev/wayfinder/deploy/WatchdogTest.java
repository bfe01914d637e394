package dev.wayfinder.deploy;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchdogTest {
    private static final long MS = 1_000_000L;

    private static Watchdog dog() {
        return new Watchdog(Watchdog.Settings.DEFAULT, EnumSet.of(Watchdog.Input.IMAGE, Watchdog.Input.ODOMETRY,
                Watchdog.Input.DECISION), Map.of(Watchdog.Input.DECISION, 100 * MS));
    }

    private static void allFresh(Watchdog w, long t) {
        for (Watchdog.Input i : Watchdog.Input.values()) {
            w.fresh(i, t);
        }
    }

    @Test
    void waitsForEveryInputWithoutCountingATrip() {
        Watchdog w = dog();
        assertFalse(w.check(0).ok());
        w.fresh(Watchdog.Input.IMAGE, 10 * MS);
        w.fresh(Watchdog.Input.ODOMETRY, 10 * MS);
        Watchdog.State s = w.check(20 * MS);
        assertFalse(s.ok());
        assertEquals("no decision yet", s.reason());
        w.fresh(Watchdog.Input.DECISION, 30 * MS);
        assertTrue(w.check(40 * MS).ok(), "ok as soon as everything arrived, no hold at start");
        assertEquals(0, w.trips());
    }

    @Test
    void aStaleImageTripsAtTheLimitAndZerosLastASecondAfterItReturns() {
        Watchdog w = dog();
        allFresh(w, 0);
        assertTrue(w.check(0).ok());
        // Odometry and decisions keep coming; images stop at t = 0.
        for (long t = 50 * MS; t <= 250 * MS; t += 50 * MS) {
            w.fresh(Watchdog.Input.ODOMETRY, t);
            w.fresh(Watchdog.Input.DECISION, t);
            assertTrue(w.check(t).ok(), "image " + t / MS + " ms old is within the 250 ms limit");
        }
        Watchdog.State s = w.check(251 * MS);
        assertFalse(s.ok());
        assertTrue(s.reason().startsWith("image 0.251 s old"), s.reason());
        assertEquals(1, w.trips());
        assertFalse(w.check(400 * MS).ok());
        assertEquals(1, w.trips(), "one trip while it stays tripped");
        // Images return at 500 ms: zeros continue until one second after the last stale check (400 ms).
        allFresh(w, 500 * MS);
        Watchdog.State hold = w.check(500 * MS);
        assertFalse(hold.ok());
        assertTrue(hold.reason().startsWith("holding zeros after: image"), hold.reason());
        allFresh(w, 1_399 * MS);
        assertFalse(w.check(1_399 * MS).ok());
        allFresh(w, 1_400 * MS);
        assertTrue(w.check(1_400 * MS).ok());
        assertEquals(1, w.trips());
    }

    @Test
    void theDecisionGetsItsExtraAllowance() {
        Watchdog w = dog();
        allFresh(w, 0);
        w.fresh(Watchdog.Input.IMAGE, 300 * MS);
        w.fresh(Watchdog.Input.ODOMETRY, 300 * MS);
        assertTrue(w.check(340 * MS).ok(), "decision 340 ms old, limit 250 + 100 ms");
        assertFalse(w.check(351 * MS).ok());
    }

    @Test
    void aFailureTripsAtOnceAndHoldsZerosForASecond() {
        Watchdog w = dog();
        allFresh(w, 0);
        assertTrue(w.check(0).ok());
        w.fail("inference failed: boom", 10 * MS);
        allFresh(w, 20 * MS);
        Watchdog.State s = w.check(20 * MS);
        assertFalse(s.ok());
        assertEquals("inference failed: boom", s.reason());
        allFresh(w, 1_000 * MS);
        assertFalse(w.check(1_000 * MS).ok(), "held until 1.01 s");
        allFresh(w, 1_011 * MS);
        assertTrue(w.check(1_011 * MS).ok());
        assertEquals(1, w.trips());
    }

    @Test
    void forgottenInputsTripAgain() {
        Watchdog w = dog();
        allFresh(w, 0);
        assertTrue(w.check(0).ok());
        w.forgetInputs();
        assertFalse(w.check(MS).ok());
        assertEquals(1, w.trips());
    }
}
