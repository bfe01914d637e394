package dev.wayfinder.inference.compile;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one {@link ExecutionContext} whose plan splits single layers ({@link ExecutionPlan.Step#partScratch()}):
 * the caller walks the steps; a step that runs whole runs on the caller alone, a split step is handed to the
 * daemon workers (started once with the context), part 0 runs on the caller, and the caller waits until every
 * part is done before the next step reads the output. All threads work in the context's one arena: parts write
 * disjoint outputs and scratch areas of their own.
 *
 * <p>A hand-off happens once per split step, several times per image, so waiting threads first spin for a
 * short, bounded time ({@link #SPIN_NANOS}) and only then park: a park/unpark round trip costs about as much
 * as the work it would hand over at batch 1, while unbounded spinning stalls a small shared machine (a spinning
 * waiter can hold the core its peer needs). Generation counters are volatile; nothing is allocated per run.
 */
final class SplitWorkers {
    /** How long a waiting thread spins before it parks. */
    static final long SPIN_NANOS = 50_000;

    private final ExecutionPlan.Step[] steps;
    private final float[] arena;
    private final int parts;
    private final Thread[] threads;
    /** Bumped by the caller for each split step; workers wait for it to change. */
    private volatile int generation;
    /** The step of the current generation (written before {@link #generation}, read after it). */
    private int step;
    /** done[i] = the last generation worker i finished. */
    private final AtomicIntegerArray done;
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;

    SplitWorkers(ExecutionPlan.Step[] steps, float[] arena, int parts, String name) {
        this.steps = steps;
        this.arena = arena;
        this.parts = parts;
        this.done = new AtomicIntegerArray(parts);
        this.threads = new Thread[parts];
        for (int i = 1; i < parts; i++) {
            int index = i;
            Thread t = new Thread(() -> loop(index), name + "-split-" + i);
            t.setDaemon(true);
            threads[i] = t;
        }
        for (int i = 1; i < parts; i++) {
            threads[i].start();
        }
    }

    private void loop(int index) {
        int seen = 0;
        while (true) {
            int g;
            long start = System.nanoTime();
            while ((g = generation) == seen) {
                if (closed) {
                    return;
                }
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            try {
                ExecutionPlan.Step s = steps[step];
                s.kernel().runPart(arena, s.inputs(), s.output(), s.partScratch()[index], index, parts);
            } catch (Throwable t) {
                failure = t;
            }
            done.set(index, g);
            LockSupport.unpark(caller);
        }
    }

    /** Runs every step of the plan; split steps on all threads. */
    void run() {
        start();
        ExecutionPlan.Step[] all = steps;
        for (int i = 0; i < all.length; i++) {
            runStep(i);
        }
    }

    /** Like {@link ExecutionPlan#profile}: runs every step and adds each one's nanoseconds to {@code nanos}. */
    void profile(long[] nanos) {
        start();
        for (int i = 0; i < steps.length; i++) {
            long t0 = System.nanoTime();
            runStep(i);
            nanos[i] += System.nanoTime() - t0;
        }
    }

    private void start() {
        if (closed) {
            throw new IllegalStateException("execution context is closed");
        }
        caller = Thread.currentThread();
    }

    private void runStep(int i) {
        ExecutionPlan.Step s = steps[i];
        if (s.partScratch() == null) {
            s.kernel().run(arena, s.inputs(), s.output(), s.scratch());
            return;
        }
        step = i;
        int g = generation + 1;
        generation = g;
        for (int w = 1; w < parts; w++) {
            LockSupport.unpark(threads[w]);
        }
        Throwable mine = null;
        try {
            s.kernel().runPart(arena, s.inputs(), s.output(), s.partScratch()[0], 0, parts);
        } catch (Throwable t) {
            mine = t;
        }
        // Wait for every worker even after a failure here: none may still write into the arena afterwards.
        long start = System.nanoTime();
        for (int w = 1; w < parts; w++) {
            while (done.get(w) != g) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
        Throwable theirs = failure;
        if (theirs != null) {
            failure = null;
        }
        Throwable t = mine != null ? mine : theirs;
        if (t != null) {
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Stops the worker threads (idempotent). */
    void close() {
        closed = true;
        for (int i = 1; i < parts; i++) {
            LockSupport.unpark(threads[i]);
        }
    }

    /** The worker threads' ids (for allocation checks in tests). */
    long[] workerIds() {
        long[] ids = new long[parts - 1];
        for (int i = 1; i < parts; i++) {
            ids[i - 1] = threads[i].threadId();
        }
        return ids;
    }
}
