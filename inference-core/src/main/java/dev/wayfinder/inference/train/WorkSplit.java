package dev.wayfinder.inference.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the chunks of a kernel call on the caller and helper daemon threads started once: every thread takes the next
 * chunk until none is left, so a thread the operating system sets aside (other work shares the cores) holds up only
 * the chunk it is in. A chunk's result must not depend on which thread runs it; then a call gives the same bits on
 * any number of threads. A chunk that throws fails the whole call (after every thread has stopped). One caller at a
 * time.
 */
public final class WorkSplit implements AutoCloseable {
    /** One chunk of a task. */
    public interface Chunk {
        /** Runs chunk {@code index}. */
        void run(int index);
    }

    private final int threads;
    private final ExecutorService helpers;

    /**
     * @param threads threads a call uses, the caller's included, &gt;= 1
     * @param name    the helper threads' name prefix
     */
    public WorkSplit(int threads, String name) {
        if (threads < 1) {
            throw new IllegalArgumentException("need at least 1 thread, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            helpers = null;
        } else {
            int[] count = {0};
            helpers = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, name + "-" + (++count[0]));
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Threads a call uses. */
    public int threads() {
        return threads;
    }

    /** Runs chunks 0..chunks-1 of {@code task} and returns when all are done. */
    public void run(int chunks, Chunk task) {
        if (threads == 1 || chunks <= 1) {
            for (int c = 0; c < chunks; c++) {
                task.run(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int c;
            while ((c = next.getAndIncrement()) < chunks) {
                task.run(c);
            }
        };
        List<Future<?>> others = new ArrayList<>(threads - 1);
        for (int i = 1; i < Math.min(threads, chunks); i++) {
            others.add(helpers.submit(worker));
        }
        RuntimeException failure = null;
        try {
            worker.run();
        } catch (RuntimeException e) {
            failure = e;
            next.set(chunks);
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a kernel's other chunks", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The start of chunk {@code chunk}'s share when {@code n} items are cut into {@code chunks}. */
    public static int from(int n, int chunk, int chunks) {
        return (int) ((long) n * chunk / chunks);
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
