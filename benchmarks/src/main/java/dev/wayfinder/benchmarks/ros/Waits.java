package dev.wayfinder.benchmarks.ros;

import java.util.function.BooleanSupplier;

/** The checks, waits and clock the measurements share. */
final class Waits {
    private Waits() {
    }

    /** @throws IllegalStateException saying {@code what} unless {@code ok} */
    static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    /** Polls {@code cond} every 10 ms for up to {@code timeoutMs}; returns whether it held. */
    static boolean waitFor(BooleanSupplier cond, long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return cond.getAsBoolean();
    }

    /** Wall-clock time in ns, comparable with the stamps and arrival times the C peer prints. */
    static long wallNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
