package dev.wayfinder.studio;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A stand-in for the FX thread: work handed over is run by the test's thread when it drains the queue. */
public final class UiQueue implements Executor {
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public void execute(Runnable r) {
        queue.add(r);
    }

    /** Runs handed-over work until {@code done} holds; false when it does not within {@code seconds}. */
    public boolean runUntil(BooleanSupplier done, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Runnable r = queue.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
        return true;
    }

    /** Runs what was handed over until nothing comes for {@code quietMillis}. */
    public void settle(long quietMillis) throws InterruptedException {
        Runnable r;
        while ((r = queue.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
            r.run();
        }
    }
}
