package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A batch split over threads ({@link CompileOptions#threads()}) gives bit-for-bit the single-threaded result,
 * allocates nothing in steady state on any of its threads, and stops its threads on close.
 */
class ThreadedExecutionTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final long SEED = Long.getLong("wayfinder.test.seed", 20261129L);

    /** The host backends: a device backend runs each context on its device and ignores the thread count. */
    static List<String> backends() {
        return Backends.available().stream()
                .filter(b -> !(b instanceof dev.wayfinder.inference.backend.device.DeviceBackend)).map(Backend::name).toList();
    }

    @Test
    void splitsAreWholeRowBlocksWithTheRestLast() {
        assertArrayEquals(new int[] {16, 16}, Compiler.parts(32, 2));
        assertArrayEquals(new int[] {12, 12, 8}, Compiler.parts(32, 3));
        assertArrayEquals(new int[] {4, 2}, Compiler.parts(6, 2));
        assertArrayEquals(new int[] {8, 5}, Compiler.parts(13, 2));
        assertArrayEquals(new int[] {4}, Compiler.parts(4, 8));
        assertArrayEquals(new int[] {4, 1}, Compiler.parts(5, 8));
        assertArrayEquals(new int[] {32}, Compiler.parts(32, 1));
        for (int batch = 1; batch <= 70; batch++) {
            for (int threads = 1; threads <= 9; threads++) {
                int[] p = Compiler.parts(batch, threads);
                assertEquals(batch, Arrays.stream(p).sum(), batch + " on " + threads);
                assertTrue(p.length <= threads, batch + " on " + threads + ": " + Arrays.toString(p));
                for (int i = 0; i + 1 < p.length; i++) {
                    assertEquals(0, p[i] % Compiler.ROW_BLOCK, batch + " on " + threads + ": " + Arrays.toString(p));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void threadedOutputEqualsSingleThreadedExactly(String name) throws Exception {
        Backend backend = Backends.byName(name);
        Graph g = PolicyCnn.build(SEED);
        for (boolean int8 : new boolean[] {false, true}) {
            for (int batch : name.equals("scalar") ? new int[] {5, 8} : new int[] {2, 5, 8, 13, 32}) {
                for (int threads : new int[] {2, 3}) {
                    CompileOptions o = new CompileOptions(batch, backend, int8);
                    ExecutionPlan single = Compiler.compile(g, o);
                    ExecutionPlan split = Compiler.compile(g, o.withThreads(threads));
                    // Below the thread count the vector backend splits single layers instead of the batch.
                    int expectedThreads = batch < threads && name.equals("vector") ? threads
                            : Compiler.parts(batch, threads).length;
                    assertEquals(expectedThreads, split.threads());
                    assertEquals(single.describe(), split.describe());
                    String what = name + " int8=" + int8 + " batch " + batch + " threads " + threads + " seed " + SEED;
                    try (ExecutionContext a = single.newContext(); ExecutionContext b = split.newContext()) {
                        for (int rep = 0; rep < 3; rep++) {
                            float[] in = PolicyCnn.images(SEED + rep, batch);
                            float[] expected = new float[batch * PolicyCnn.ACTIONS];
                            float[] actual = new float[batch * PolicyCnn.ACTIONS];
                            a.run(in, expected);
                            b.run(in, actual);
                            assertArrayEquals(expected, actual, what + " rep " + rep);
                        }
                    }
                }
            }
        }
    }

    @Test
    void steadyStateAllocatesNothingOnAnyThread() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(SEED), CompileOptions.batch(8).withThreads(2));
        assertEquals(2, plan.threads());
        try (ExecutionContext ctx = plan.newContext()) {
            long[] ids = new long[] {Thread.currentThread().threadId(), ctx.workerThreadIds()[0]};
            float[] in = PolicyCnn.images(SEED, 8);
            float[] out = new float[8 * PolicyCnn.ACTIONS];
            long last = -1;
            for (int round = 0, zeroRounds = 0; round < 150 && zeroRounds < 3; round++) {
                long before = allocated(ids);
                for (int i = 0; i < 50; i++) {
                    ctx.run(in, out);
                }
                last = allocated(ids) - before;
                zeroRounds = last == 0 ? zeroRounds + 1 : 0;
            }
            assertEquals(0, last, "bytes allocated by 50 threaded runs (caller and worker) after warm-up, seed " + SEED);
        }
    }

    private static long allocated(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += THREADS.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    @Test
    void closeStopsTheWorkersAndRefusesFurtherRuns() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(SEED), CompileOptions.batch(8).withThreads(2));
        ExecutionContext ctx = plan.newContext();
        ctx.run();
        long id = ctx.workerThreadIds()[0];
        ctx.close();
        ctx.close();
        Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.threadId() == id).findFirst()
                .orElse(null);
        if (worker != null) {
            worker.join(10_000);
            assertTrue(!worker.isAlive(), "worker still alive after close");
        }
        assertThrows(IllegalStateException.class, ctx::run);
    }

    @Test
    void smallBatchesAndSingleThreadRunOnTheCaller() throws Exception {
        Graph g = PolicyCnn.build(SEED);
        // Batch 1 on 4 threads splits layers (see SplitLayersTest) where the backend can; the scalar one cannot.
        assertEquals(1, Compiler.compile(g, CompileOptions.batch(1).withThreads(4)
                .withBackend(Backends.byName("scalar"))).threads());
        assertEquals(1, Compiler.compile(g, CompileOptions.batch(4).withThreads(2)).threads());
        assertEquals(1, Compiler.compile(g, CompileOptions.batch(32)).threads());
        try (ExecutionContext c = Compiler.compile(g, CompileOptions.batch(4).withThreads(2)).newContext()) {
            assertEquals(0, c.workerThreadIds().length);
        }
        assertThrows(IllegalArgumentException.class, () -> CompileOptions.batch(1).withThreads(0));
    }
}
