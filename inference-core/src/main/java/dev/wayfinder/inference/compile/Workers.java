package dev.wayfinder.inference.compile;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one split {@link ExecutionContext}: part 0 of the batch runs on the caller, part {@code i > 0}
 * on daemon worker {@code i}, started once when the context is created. Hand-over uses
 * {@link LockSupport#park}/{@code unpark} and volatile generation counters: no spinning (a spinning waiter
 * steals the core its peer needs on a small shared machine) and no allocation per run.
 */
final class Workers {
    private final ExecutionContext[] parts;
    private final Thread[] threads;
    /** Bumped by the caller for each run; workers wait for it to change. */
    private volatile int generation;
    /** done[i] = the last generation worker i finished. */
    private final AtomicIntegerArray done;
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;

    Workers(ExecutionContext[] parts, String name) {
        this.parts = parts;
        this.done = new AtomicIntegerArray(parts.length);
        this.threads = new Thread[parts.length];
        for (int i = 1; i < parts.length; i++) {
            int index = i;
            Thread t = new Thread(() -> loop(index), name + "-" + i);
            t.setDaemon(true);
            threads[i] = t;
        }
        for (int i = 1; i < parts.length; i++) {
            threads[i].start();
        }
    }

    private void loop(int index) {
        ExecutionContext part = parts[index];
        int seen = 0;
        while (true) {
            int g;
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                LockSupport.park(this);
            }
            if (closed) {
                return;
            }
            seen = g;
            try {
                part.run();
            } catch (Throwable t) {
                failure = t;
            }
            done.set(index, g);
            LockSupport.unpark(caller);
        }
    }

    /** Runs every part, part 0 on the calling thread, and returns when all are done. */
    void run() {
        if (closed) {
            throw new IllegalStateException("execution context is closed");
        }
        caller = Thread.currentThread();
        int g = generation + 1;
        generation = g;
        for (int i = 1; i < threads.length; i++) {
            LockSupport.unpark(threads[i]);
        }
        Throwable mine = null;
        try {
            parts[0].run();
        } catch (Throwable t) {
            mine = t;
        }
        for (int i = 1; i < threads.length; i++) {
            while (done.get(i) != g) {
                LockSupport.park(this);
            }
        }
        Throwable t = mine != null ? mine : failure;
        if (t != null) {
            failure = null;
            rethrow(t);
        }
    }

    /** Throws {@code t} from the calling thread: unchecked as it is, checked wrapped. */
    static void rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** Stops the worker threads (idempotent). */
    void close() {
        closed = true;
        for (int i = 1; i < threads.length; i++) {
            LockSupport.unpark(threads[i]);
        }
    }

    /** The worker threads' ids (for allocation checks in tests). */
    long[] workerIds() {
        long[] ids = new long[threads.length - 1];
        for (int i = 1; i < threads.length; i++) {
            ids[i - 1] = threads[i].threadId();
        }
        return ids;
    }
}
