package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.PolicyCnn;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steady-state inference allocates nothing on the heap: after the JIT has compiled the kernels, a batch of runs
 * of the policy network (float and INT8, batch 1 and 4) leaves the thread's allocated-bytes counter unchanged;
 * batch 1 split over two threads leaves both threads' counters unchanged.
 */
class ZeroAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static List<String> backends() {
        return Backends.available().stream().map(Backend::name).toList();
    }

    @org.junit.jupiter.api.Test
    void counterSeesAnAllocation() {
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        sink = new float[4096];
        assertTrue(THREADS.getThreadAllocatedBytes(tid) - before >= 4 * 4096, "allocation counter does not work here");
    }

    static volatile Object sink;
    /**
     * Longest warm-up beyond the first 150 rounds: a kernel that allocates in its steady state allocates in every
     * round and fails after this; one still waiting for the JIT on a busy machine gets the time to be compiled.
     */
    private static final long WARM_UP_NANOS = 60_000_000_000L;

    @ParameterizedTest
    @MethodSource("backends")
    void steadyStateRunsAllocateNothing(String name) throws Exception {
        Backend backend = Backends.byName(name);
        for (boolean int8 : new boolean[] {false, true}) {
            for (int batch : new int[] {1, 4}) {
                ExecutionPlan plan = Compiler.compile(PolicyCnn.build(7), new CompileOptions(batch, backend, int8));
                ExecutionContext ctx = plan.newContext();
                float[] in = PolicyCnn.images(3, batch);
                float[] out = new float[batch * PolicyCnn.ACTIONS];
                int runs = name.equals("scalar") ? 5 : 50;
                // Warm up until three rounds in a row allocate nothing: the interpreter and C1 allocate, and a
                // late deoptimization can send a method back there for a while; compiled kernels must not allocate.
                // At least 150 rounds, and on a loaded machine (where the JIT's queue lags) up to WARM_UP_NANOS.
                int zeroRounds = 0;
                long last = -1;
                long deadline = System.nanoTime() + WARM_UP_NANOS;
                for (int round = 0; (round < 150 || System.nanoTime() < deadline) && zeroRounds < 3; round++) {
                    last = allocatedBy(ctx, in, out, runs);
                    zeroRounds = last == 0 ? zeroRounds + 1 : 0;
                }
                assertEquals(0, last, name + " int8=" + int8 + " batch " + batch
                        + ": bytes allocated by " + runs + " runs after warm-up (no allocation-free steady state)");
            }
        }
    }

    /**
     * Batch 1 on two threads: the convolutions and the large dense layer are split over the caller and a worker
     * (see {@code SplitLayersTest}); neither thread may allocate per run, hand-offs included.
     */
    @org.junit.jupiter.api.Test
    void splitBatchOneRunsAllocateNothingOnCallerOrWorker() throws Exception {
        Backend vector = Backends.byName("vector");
        org.junit.jupiter.api.Assumptions.assumeTrue(vector.isAvailable(), "vector backend not available");
        for (boolean int8 : new boolean[] {false, true}) {
            ExecutionPlan plan = Compiler.compile(PolicyCnn.build(7), new CompileOptions(1, vector, int8, 2));
            assertEquals(2, plan.threads());
            try (ExecutionContext ctx = plan.newContext()) {
                long[] ids = {Thread.currentThread().threadId(), ctx.workerThreadIds()[0]};
                float[] in = PolicyCnn.images(3, 1);
                float[] out = new float[PolicyCnn.ACTIONS];
                long last = -1;
                long deadline = System.nanoTime() + WARM_UP_NANOS;
                for (int round = 0, zeroRounds = 0; (round < 150 || System.nanoTime() < deadline) && zeroRounds < 3;
                     round++) {
                    long before = allocated(ids);
                    for (int i = 0; i < 50; i++) {
                        ctx.run(in, out);
                    }
                    last = allocated(ids) - before;
                    zeroRounds = last == 0 ? zeroRounds + 1 : 0;
                }
                assertEquals(0, last, "int8=" + int8 + ": bytes allocated by 50 split batch-1 runs (caller and worker)"
                        + " after warm-up");
            }
        }
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += THREADS.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    private static long allocatedBy(ExecutionContext ctx, float[] in, float[] out, int runs) {
        long tid = Thread.currentThread().threadId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        for (int i = 0; i < runs; i++) {
            ctx.run(in, out);
        }
        long after = THREADS.getThreadAllocatedBytes(tid);
        // The counter read itself allocates nothing, but measure it to be sure.
        long self = THREADS.getThreadAllocatedBytes(tid) - after;
        return Math.max(0, after - before - self);
    }
}
