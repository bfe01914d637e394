package dev.wayfinder.deploy;

import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation.Goal;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command limiter, the e-stop latch, the goal check and the frame hand-off. */
class SafetyPartsTest {
    private static final long MS = 1_000_000L;

    @Test
    void limiterClampsSpeedAndRampsByTheAccelerationLimits() {
        CommandLimiter l = new CommandLimiter(new CommandLimiter.Limits(0.22, 2.8, 1.0, 3.14));
        CommandLimiter.Velocity v = l.limit(new CommandLimiter.Velocity(5, -10), 0.05);
        assertEquals(0.05, v.linear(), 1e-12, "1 m/s^2 for 50 ms");
        assertEquals(-0.157, v.angular(), 1e-12);
        for (int i = 0; i < 100; i++) {
            v = l.limit(new CommandLimiter.Velocity(5, -10), 0.05);
        }
        assertEquals(0.22, v.linear(), 1e-12, "clamped to the top speed");
        assertEquals(-2.8, v.angular(), 1e-12);
        v = l.limit(new CommandLimiter.Velocity(0, 0), 0.05);
        assertEquals(0.17, v.linear(), 1e-12, "slowing down is ramped too");
        v = l.limit(new CommandLimiter.Velocity(Double.NaN, Double.POSITIVE_INFINITY), 0.05);
        assertEquals(0.12, v.linear(), 1e-12, "NaN asks for zero");
        assertTrue(Double.isFinite(v.angular()));
        assertEquals(CommandLimiter.Velocity.ZERO, l.stop(), "a stop is not ramped");
        assertEquals(0.05, l.limit(new CommandLimiter.Velocity(1, 0), 0.05).linear(), 1e-12,
                "after a stop it ramps up from standstill");
    }

    @Test
    void eStopLatchesUntilReleased() {
        EStop e = new EStop(0, 0);
        assertFalse(e.engaged(0));
        e.message(true, 10 * MS);
        assertTrue(e.engaged(20 * MS));
        assertTrue(e.engaged(10_000 * MS), "stays engaged with no further message");
        e.message(true, 30 * MS);
        assertEquals(1, e.engagements(), "a repeated true is the same engagement");
        e.message(false, 40 * MS);
        assertFalse(e.engaged(50 * MS));
    }

    @Test
    void aSilentHeartbeatEngagesTheStopUntilAFreshRelease() {
        EStop e = new EStop(500 * MS, 0);
        assertFalse(e.engaged(400 * MS), "within the first heartbeat period");
        assertTrue(e.engaged(501 * MS), "nothing heard in 0.5 s");
        assertTrue(e.why().startsWith("no e-stop heartbeat"), e.why());
        e.message(false, 600 * MS);
        assertFalse(e.engaged(700 * MS));
        e.message(false, 1_000 * MS);
        assertFalse(e.engaged(1_500 * MS));
        assertTrue(e.engaged(1_501 * MS));
        assertTrue(e.why().startsWith("e-stop heartbeat silent"), e.why());
        assertTrue(e.engaged(9_000 * MS), "latched");
        assertEquals(2, e.engagements());
    }

    @Test
    void goalReachedLatchesUntilANewGoal() {
        GoalCheck g = new GoalCheck(0.25);
        Goal goal = new Goal(2, 0);
        assertFalse(g.update(1, new Pose2D(0, 0, 0), goal));
        assertFalse(g.update(1, null, goal), "no odometry, no verdict");
        assertTrue(g.update(1, new Pose2D(1.8, 0.1, 0), goal));
        assertTrue(g.update(1, new Pose2D(0, 0, 0), goal), "stays reached if the robot drifts off");
        assertFalse(g.update(2, new Pose2D(0, 0, 0), new Goal(3, 0)), "a new goal starts unreached");
    }

    @Test
    void handoffKeepsTheNewestAndCountsWhatItDrops() throws Exception {
        FrameHandoff<Integer> h = new FrameHandoff<>();
        assertNull(h.take(1, TimeUnit.MILLISECONDS));
        h.offer(1);
        h.offer(2);
        h.offer(3);
        assertEquals(3, h.take(0, TimeUnit.MILLISECONDS));
        assertEquals(2, h.dropped());
        assertEquals(3, h.offered());
        assertNull(h.take(1, TimeUnit.MILLISECONDS), "taken frames are gone");
        // A taker waiting on another thread gets the frame offered later.
        List<Integer> got = new ArrayList<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            waiting.countDown();
            try {
                got.add(h.take(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        waiting.await();
        Thread.sleep(20);
        h.offer(4);
        t.join(5000);
        assertEquals(List.of(4), got);
        assertEquals(2, h.dropped());
        h.close();
        assertNull(h.take(5, TimeUnit.SECONDS), "closed: returns at once");
    }
}
