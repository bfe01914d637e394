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
 * of the policy network (float and INT8, batch 1 and 4) leaves the thread's allocated-bytes counter unchanged.
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
                int zeroRounds = 0;
                long last = -1;
                for (int round = 0; round < 150 && zeroRounds < 3; round++) {
                    last = allocatedBy(ctx, in, out, runs);
                    zeroRounds = last == 0 ? zeroRounds + 1 : 0;
                }
                assertEquals(0, last, name + " int8=" + int8 + " batch " + batch
                        + ": bytes allocated by " + runs + " runs after warm-up (no allocation-free steady state)");
            }
        }
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
