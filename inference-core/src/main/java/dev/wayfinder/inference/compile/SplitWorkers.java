package dev.wayfinder.inference.compile;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads of one {@link ExecutionContext} whose plan splits single layers ({@link ExecutionPlan.Step#partScratch()}):
 * the caller walks the steps; a step that runs whole runs on the caller alone; a split step is offered to the
 * daemon workers (started once with the context) and to the caller alike: each thread claims parts of it, one at a
 * time, until none is left, and the caller waits only for parts a worker has actually claimed. A worker that has
 * not been scheduled yet (the machine's other cores are busy) therefore costs nothing but the wake-up call: the
 * caller computes its parts itself. All threads work in the context's one arena: parts write disjoint outputs, and
 * each thread works in a scratch area of its own.
 *
 * <p>A hand-off happens once per split step, several times per image, so a waiting thread first spins for a
 * short, bounded time and only then parks: a park/unpark round trip costs about as much as the work it would hand
 * over at batch 1, while long spinning keeps a thread runnable that a busy machine needs for other work. Claims
 * carry the generation of their step, so a worker that wakes late cannot take a part of a later step. Nothing is
 * allocated per run.
 */
final class SplitWorkers {
    /**
     * How long an idle worker spins before it parks (nanoseconds; {@code -Dwayfinder.inference.workerSpinNanos}):
     * long enough to cover the gap between split steps of one run on a free core; short, because on a machine
     * without a free core a spinning worker takes CPU time from the caller or other work (on the loaded test
     * machine 100 µs of spinning made batch 1 ~25 % slower than no spinning at all).
     */
    static final long WORKER_SPIN_NANOS = Long.getLong("wayfinder.inference.workerSpinNanos", 10_000);
    /**
     * How long the caller spins waiting for a part a worker has claimed before it parks (nanoseconds;
     * {@code -Dwayfinder.inference.callerSpinNanos}); a part is 5-10 µs of work at batch 1.
     */
    static final long CALLER_SPIN_NANOS = Long.getLong("wayfinder.inference.callerSpinNanos", 20_000);

    private final ExecutionPlan.Step[] steps;
    private final float[] arena;
    private final int parts;
    private final Thread[] threads;
    /** Bumped by the caller for each split step; workers wait for it to change. */
    private volatile int generation;
    /** The step of the current generation (written before {@link #generation}, read after a successful claim). */
    private int step;
    /** The current generation in the upper 32 bits, the next unclaimed part in the lower. */
    private final AtomicLong claim = new AtomicLong();
    /** Parts of the current generation finished (claimed parts only, so never counts a stale generation). */
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Thread caller;
    private volatile boolean closed;
    private volatile Throwable failure;
    /** Parts each worker has run (index 0 unused), for tests; each slot written by its worker only. */
    private final long[] partsRun;

    SplitWorkers(ExecutionPlan.Step[] steps, float[] arena, int parts, String name) {
        this.steps = steps;
        this.arena = arena;
        this.parts = parts;
        this.threads = new Thread[parts];
        this.partsRun = new long[parts];
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
                if (System.nanoTime() - start < WORKER_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            if (closed) {
                return;
            }
            seen = g;
            int p;
            while ((p = claim(g)) >= 0) {
                try {
                    ExecutionPlan.Step s = steps[step];
                    s.kernel().runPart(arena, s.inputs(), s.output(), s.partScratch()[index], p, parts);
                } catch (Throwable t) {
                    failure = t;
                }
                partsRun[index]++;
                if (finished.incrementAndGet() == parts) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** The next unclaimed part of generation {@code g}, or -1 when none is left or the generation has passed. */
    private int claim(int g) {
        while (true) {
            long c = claim.get();
            int idx = (int) c;
            if ((int) (c >>> 32) != g || idx >= parts) {
                return -1;
            }
            if (claim.compareAndSet(c, c + 1)) {
                return idx;
            }
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
        // Every part of the previous generation has finished, so no thread touches these until the new one.
        step = i;
        int g = generation + 1;
        finished.set(0);
        claim.set((long) g << 32);
        generation = g;
        for (int w = 1; w < parts; w++) {
            LockSupport.unpark(threads[w]);
        }
        Throwable mine = null;
        int p;
        while ((p = claim(g)) >= 0) {
            try {
                s.kernel().runPart(arena, s.inputs(), s.output(), s.partScratch()[0], p, parts);
            } catch (Throwable t) {
                mine = t;
            }
            finished.incrementAndGet();
        }
        // Wait for every claimed part even after a failure here: none may still write into the arena afterwards.
        long start = System.nanoTime();
        while (finished.get() != parts) {
            if (System.nanoTime() - start < CALLER_SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        Throwable theirs = failure;
        if (theirs != null) {
            failure = null;
        }
        Throwable t = mine != null ? mine : theirs;
        if (t != null) {
            Workers.rethrow(t);
        }
    }

    /** Stops the worker threads (idempotent). */
    void close() {
        closed = true;
        for (int i = 1; i < parts; i++) {
            LockSupport.unpark(threads[i]);
        }
    }

    /** Parts the workers have run so far (for tests; exact once a run has returned). */
    long partsRunByWorkers() {
        long sum = 0;
        for (long n : partsRun) {
            sum += n;
        }
        return sum;
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
