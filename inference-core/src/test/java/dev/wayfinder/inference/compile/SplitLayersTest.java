package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.tensor.Tensor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Single layers split over threads at batches below the thread count (one image's convolution channels and dense
 * columns shared out): the same values as the scalar reference and bit for bit those of the single-threaded
 * vector plan, on seeded random shapes, 2 and 3 threads (zero allocation: {@link ZeroAllocationTest}); a failing
 * part neither hangs nor poisons the next run; close stops the workers. A failure prints the seed;
 * {@code -Dwayfinder.test.seed=N} replays.
 */
class SplitLayersTest {
    private static final long SEED = Long.getLong("wayfinder.test.seed", 20261129L);

    private static Backend vector() {
        Backend b = Backends.byName("vector");
        Assumptions.assumeTrue(b.isAvailable(), "vector backend not available");
        return b;
    }

    @Test
    void randomConvAndDenseStacksMatchTheReferenceAndTheSingleThreadedPlan() throws Exception {
        Backend vector = vector();
        Backend scalar = Backends.byName("scalar");
        SplittableRandom rnd = new SplittableRandom(SEED);
        int splitPlans = 0;
        for (int trial = 0; trial < 60; trial++) {
            long seed = rnd.nextLong();
            Net net = randomNet(seed);
            int[][] runs = {{1, 2}, {1, 3}, {2, 3}};
            int[] run = runs[trial % runs.length];
            int batch = run[0];
            int threads = run[1];
            String what = net.what + ", batch " + batch + ", threads " + threads + "; seed " + SEED + " trial " + trial;
            float[] in = random(new SplittableRandom(seed ^ 0x5eed), batch * net.inSize);
            float[] expected = runOnce(Compiler.compile(net.graph, new CompileOptions(batch, scalar, false)), in);
            float[] single = runOnce(Compiler.compile(net.graph, new CompileOptions(batch, vector, false)), in);
            for (boolean int8 : new boolean[] {false, true}) {
                CompileOptions o = new CompileOptions(batch, vector, int8, threads);
                ExecutionPlan split = Compiler.compile(net.graph, o, 0);
                boolean any = false;
                for (boolean b : split.splitSteps()) {
                    any |= b;
                }
                assertEquals(any ? threads : 1, split.threads(), what);
                splitPlans += any ? 1 : 0;
                float[] actual;
                try (ExecutionContext ctx = split.newContext()) {
                    // A first run on other data: state left in the arena or the parts' scratch would show.
                    float[] junk = random(new SplittableRandom(seed + 1), in.length);
                    ctx.setInput(0, junk);
                    ctx.run();
                    actual = runOnce(ctx, in);
                }
                if (int8) {
                    float[] singleInt8 = runOnce(Compiler.compile(net.graph, new CompileOptions(batch, vector, true)), in);
                    assertArrayEquals(singleInt8, actual, "int8, split vs single-threaded vector: " + what);
                } else {
                    assertArrayEquals(single, actual, "split vs single-threaded vector: " + what);
                    assertClose(expected, actual, "split vs scalar reference: " + what);
                }
            }
        }
        assertTrue(splitPlans > 60, "too few plans split layers (" + splitPlans + "); seed " + SEED);
    }

    @Test
    void linkedConvolutionsSplitToo() throws Exception {
        Backend vector = vector();
        Backend scalar = Backends.byName("scalar");
        SplittableRandom rnd = new SplittableRandom(SEED + 7);
        int linked = 0;
        for (int trial = 0; trial < 16; trial++) {
            long seed = rnd.nextLong();
            SplittableRandom r = new SplittableRandom(seed);
            // A stride-2 conv whose output is 16 or 32 wide (two vectors for 8 or 16 lanes) feeding a stride-2 3x3
            // conv: the pair the compiler links (the first writes the second's phase-split copy).
            int ow = r.nextBoolean() ? 16 : 32;
            int c = 1 + r.nextInt(4);
            int h = 2 + r.nextInt(40);
            int m1 = 8 * (1 + r.nextInt(3));
            int m2 = 1 + r.nextInt(20);
            GraphBuilder b = new GraphBuilder("linked");
            String x = b.input("x", -1, c, h, 2 * ow);
            x = conv(b, x, r, c, m1, 3, 2, new int[] {1, 1, 1, 1}, 1, 1);
            if (r.nextBoolean()) {
                x = b.relu(x);
            }
            x = conv(b, x, r, m1, m2, 3, 2, new int[] {1, 1, 1, 1}, 1, 1);
            x = b.relu(x);
            Graph g = b.output(x).build();
            int threads = 2 + trial % 2;
            String what = "c " + c + " h " + h + " w " + 2 * ow + " m " + m1 + "/" + m2 + ", threads " + threads
                    + "; seed " + SEED + " trial " + trial;
            float[] in = random(new SplittableRandom(seed ^ 1), c * h * 2 * ow);
            ExecutionPlan split = Compiler.compile(g, new CompileOptions(1, vector, false, threads), 0);
            boolean reader = split.steps().size() == 2 && split.steps().get(1).kernel().scratchFloats() == 0;
            linked += reader ? 1 : 0;
            float[] expected = runOnce(Compiler.compile(g, new CompileOptions(1, scalar, false)), in);
            float[] single = runOnce(Compiler.compile(g, new CompileOptions(1, vector, false)), in);
            float[] actual;
            try (ExecutionContext ctx = split.newContext()) {
                ctx.setInput(0, random(new SplittableRandom(seed), in.length));
                ctx.run();
                actual = runOnce(ctx, in);
            }
            assertArrayEquals(single, actual, "split vs single-threaded vector: " + what);
            assertClose(expected, actual, "split vs scalar reference: " + what);
        }
        assertTrue(linked >= 4, "the compiler linked only " + linked + " of 16 conv pairs; seed " + SEED);
    }

    @Test
    void policyNetworkAtBatchOneSplitsItsLargeLayersOnly() throws Exception {
        Backend vector = vector();
        Graph g = PolicyCnn.build(SEED);
        for (boolean int8 : new boolean[] {false, true}) {
            ExecutionPlan plan = Compiler.compile(g, new CompileOptions(1, vector, int8, 2));
            assertEquals(2, plan.threads());
            // conv, conv, conv, dense 2048->128 split; dense 128->4 (1 kFLOP) below the threshold.
            assertArrayEquals(new boolean[] {true, true, true, true, false}, plan.splitSteps(), plan.describe().toString());
            ExecutionPlan single = Compiler.compile(g, new CompileOptions(1, vector, int8));
            assertEquals(single.describe(), plan.describe());
            try (ExecutionContext a = single.newContext(); ExecutionContext b = plan.newContext()) {
                for (int rep = 0; rep < 3; rep++) {
                    float[] in = PolicyCnn.images(SEED + rep, 1);
                    float[] expected = new float[PolicyCnn.ACTIONS];
                    float[] actual = new float[PolicyCnn.ACTIONS];
                    a.run(in, expected);
                    b.run(in, actual);
                    assertArrayEquals(expected, actual, "int8=" + int8 + " rep " + rep + " seed " + SEED);
                }
                long[] nanos = b.profile(3);
                assertEquals(plan.describe().size(), nanos.length);
                // Threads claim parts as they come (the caller takes what a worker has not yet claimed), so check
                // that the worker does take parts, and that the results stay exact when it does.
                float[] in = PolicyCnn.images(SEED, 1);
                float[] expected = new float[PolicyCnn.ACTIONS];
                float[] actual = new float[PolicyCnn.ACTIONS];
                a.run(in, expected);
                long before = b.partsRunByWorkers();
                for (int i = 0; i < 20_000 && b.partsRunByWorkers() - before < 100; i++) {
                    b.run(in, actual);
                    assertArrayEquals(expected, actual, "int8=" + int8 + " run " + i + " seed " + SEED);
                }
                assertTrue(b.partsRunByWorkers() - before >= 100, "the worker ran only "
                        + (b.partsRunByWorkers() - before) + " parts");
            }
        }
        // Batches from the thread count on are split by batch or not at all, as before.
        assertEquals(1, Compiler.compile(g, new CompileOptions(2, vector, false, 2)).threads());
        assertEquals(1, Compiler.compile(g, new CompileOptions(1, Backends.byName("scalar"), false, 2)).threads());
    }

    @Test
    void aFailingPartNeitherHangsNorPoisonsTheNextRun() {
        for (int threads : new int[] {2, 3}) {
            for (int f = 0; f < threads; f++) {
                int failing = f;
                Failing kernel = new Failing(failing);
                ExecutionPlan.Step step = new ExecutionPlan.Step("failing", kernel, new int[] {0}, 16, 32,
                        new int[] {32, 32, 32});
                ExecutionPlan plan = new ExecutionPlan("test", 1, List.of(step), 64, List.of(), List.of(), List.of(),
                        List.of(), threads);
                try (ExecutionContext ctx = plan.newContext()) {
                    String what = "part " + failing + " of " + threads + " failing";
                    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                        kernel.fail = true;
                        IllegalStateException e = assertThrows(IllegalStateException.class, ctx::run, what);
                        assertEquals("part " + failing + " failed", e.getMessage(), what);
                        kernel.fail = false;
                        ctx.run();
                        ctx.run();
                    }, what);
                }
            }
        }
    }

    @Test
    void closeStopsTheWorkersAndRefusesFurtherRuns() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(SEED), new CompileOptions(1, vector(), false, 3));
        ExecutionContext ctx = plan.newContext();
        ctx.run();
        long[] ids = ctx.workerThreadIds();
        assertEquals(2, ids.length);
        ctx.close();
        ctx.close();
        for (long id : ids) {
            Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> t.threadId() == id).findFirst()
                    .orElse(null);
            if (worker != null) {
                worker.join(10_000);
                assertFalse(worker.isAlive(), "worker still alive after close");
            }
        }
        assertThrows(IllegalStateException.class, ctx::run);
    }

    /** A kernel whose part {@code failing} throws while {@link #fail} is set; the other parts write their index. */
    private static final class Failing implements Kernel {
        final int failing;
        volatile boolean fail;

        Failing(int failing) {
            this.failing = failing;
        }

        @Override
        public void run(float[] arena, int[] inputs, int output, int scratch) {
            throw new AssertionError("a split step runs by parts");
        }

        @Override
        public int splitUnits() {
            return 3;
        }

        @Override
        public void runPart(float[] arena, int[] inputs, int output, int scratch, int part, int parts) {
            if (fail && part == failing) {
                throw new IllegalStateException("part " + failing + " failed");
            }
            arena[output + part] = part;
        }
    }

    private record Net(Graph graph, int inSize, String what) {
    }

    /**
     * One or two random convolutions (kernel 1-5, stride 1-2, dilation 1-2, asymmetric pads, groups 1, 2 or
     * depthwise, every activation), then optionally flatten and one or two dense layers.
     */
    private static Net randomNet(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder what = new StringBuilder();
        GraphBuilder b = new GraphBuilder("random");
        int c = 1 + r.nextInt(12);
        int h = 3 + r.nextInt(30);
        int w = 3 + r.nextInt(40);
        String x = b.input("x", -1, c, h, w);
        int inSize = c * h * w;
        int convs = 1 + r.nextInt(2);
        for (int i = 0; i < convs; i++) {
            int k = 1 + 2 * r.nextInt(3);
            int stride = 1 + r.nextInt(2);
            int dil = r.nextInt(5) == 0 ? 2 : 1;
            int span = (k - 1) * dil + 1;
            int[] pads = {r.nextInt(k), r.nextInt(k), r.nextInt(k), r.nextInt(k)};
            if (h + pads[0] + pads[2] < span || w + pads[1] + pads[3] < span) {
                continue;
            }
            int kind = r.nextInt(4);
            int groups = kind == 0 ? c : kind == 1 && c % 2 == 0 ? 2 : 1;
            int m = groups == c ? c * (1 + r.nextInt(2)) : groups * (1 + r.nextInt(20));
            x = conv(b, x, r, c, m, k, stride, pads, dil, groups);
            x = activation(b, x, r);
            what.append(String.format("conv c%d %dx%d -> m%d k%d s%d d%d pads %d,%d,%d,%d g%d; ", c, h, w, m, k,
                    stride, dil, pads[0], pads[1], pads[2], pads[3], groups));
            h = (h + pads[0] + pads[2] - span) / stride + 1;
            w = (w + pads[1] + pads[3] - span) / stride + 1;
            c = m;
        }
        int dense = c * h * w <= 4096 ? r.nextInt(3) : 0;
        if (dense > 0) {
            x = b.flatten(x);
            int k = c * h * w;
            for (int i = 0; i < dense; i++) {
                int m = 1 + r.nextInt(r.nextBoolean() ? 40 : 300);
                x = b.dense(x, tensor(r, m, k), tensor(r, m));
                x = activation(b, x, r);
                what.append("dense ").append(k).append(" -> ").append(m).append("; ");
                k = m;
            }
        }
        return new Net(b.output(x).build(), inSize, what.toString());
    }

    private static String conv(GraphBuilder b, String x, SplittableRandom r, int c, int m, int k, int stride,
                               int[] pads, int dil, int groups) {
        String wt = b.constant(tensor(r, m, c / groups, k, k));
        String bias = b.constant(tensor(r, m));
        return b.apply(new Op.Conv(new int[] {k, k}, new int[] {stride, stride}, pads, new int[] {dil, dil}, groups),
                x, wt, bias);
    }

    private static String activation(GraphBuilder b, String x, SplittableRandom r) {
        return switch (r.nextInt(5)) {
            case 0 -> b.relu(x);
            case 1 -> b.apply(new Op.LeakyRelu(0.1f), x);
            case 2 -> b.apply(new Op.Tanh(), x);
            case 3 -> b.apply(new Op.Sigmoid(), x);
            default -> x;
        };
    }

    private static Tensor tensor(SplittableRandom r, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] v = random(r, n);
        for (int i = 0; i < n; i++) {
            v[i] *= 0.5f;
        }
        return Tensor.of(v, dims);
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static float[] runOnce(ExecutionPlan plan, float[] in) {
        try (ExecutionContext ctx = plan.newContext()) {
            return runOnce(ctx, in);
        }
    }

    private static float[] runOnce(ExecutionContext ctx, float[] in) {
        ctx.setInput(0, in);
        ctx.run();
        return ctx.output(0);
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-4 + 1e-4 * Math.abs(expected[i]);
            assertTrue(Math.abs(expected[i] - actual[i]) <= tol, what + ": element " + i + " expected "
                    + expected[i] + " got " + actual[i] + " (atol 1e-4, rtol 1e-4)");
        }
    }
}
