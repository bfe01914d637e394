package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Graphs;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.GraphException;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompilerTest {
    private final Backend scalar = new ScalarBackend();

    @Test
    void policyNetworkFusesBiasAndActivationIntoFiveKernels() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(1), new CompileOptions(1, scalar, false));
        List<String> steps = plan.describe();
        assertEquals(5, steps.size(), steps.toString());
        assertTrue(steps.get(0).endsWith("Conv2d(RELU)"), steps.get(0));
        assertTrue(steps.get(3).endsWith("Dense(RELU)"), steps.get(3));
        assertTrue(steps.get(4).endsWith("Dense(NONE)"), steps.get(4));
    }

    @Test
    void arenaReusesMemoryOfDeadValues() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(1), new CompileOptions(1, scalar, false));
        int allValues = 3 * 64 * 64 + 16 * 32 * 32 + 32 * 16 * 16 + 32 * 8 * 8 + 128 + 4;
        // Input and output stay live; conv3's output can reuse conv1's space.
        assertTrue(plan.arenaSize() < allValues, plan.arenaSize() + " >= " + allValues);
        assertTrue(plan.arenaSize() >= 3 * 64 * 64 + 16 * 32 * 32 + 4, "input and conv1 output overlap: " + plan.arenaSize());
    }

    @Test
    void foldedBatchNormEqualsUnfusedComputation() throws Exception {
        SplittableRandom rnd = new SplittableRandom(11);
        Tensor w = Graphs.tensor(rnd, 6, 3, 3, 3);
        Tensor[] bn = {Graphs.tensor(rnd, 6), Graphs.tensor(rnd, 6), Graphs.tensor(rnd, 6),
                Tensor.of(new float[] {0.5f, 1, 2, 0.1f, 3, 1}, 6)};
        Graph fused = convBn(w, bn, false);
        Graph unfused = convBn(w, bn, true);
        assertEquals(1, Compiler.compile(fused, new CompileOptions(1, scalar, false)).describe().size());
        // Unfused: the conv, then batch norm as a depthwise 1x1 conv carrying the ReLU.
        assertEquals(2, Compiler.compile(unfused, new CompileOptions(1, scalar, false)).describe().size());
        float[] x = Graphs.random(rnd, 3 * 9 * 9);
        float[] a = Graphs.run(fused, scalar, x);
        float[] b = Graphs.run(unfused, scalar, x);
        assertTrue(Graphs.worst(a, b, 1e-5, 1e-5) <= 1, "max diff " + Graphs.maxAbs(a, b));
    }

    /** conv -> BN -> relu; with {@code exposeConv} the conv output is also a graph output, which blocks fusion. */
    private static Graph convBn(Tensor w, Tensor[] bn, boolean exposeConv) {
        GraphBuilder b = new GraphBuilder("convbn");
        String x = b.input("x", -1, 3, 9, 9);
        String c = b.conv(x, w, null, 1, 1);
        String y = b.relu(b.apply(new Op.BatchNormalization(1e-5f), c, b.constant(bn[0]), b.constant(bn[1]),
                b.constant(bn[2]), b.constant(bn[3])));
        b.output(y);
        if (exposeConv) {
            b.output(c);
        }
        return b.build();
    }

    @Test
    void shapeMismatchNamesTheNode() {
        GraphBuilder b = new GraphBuilder("bad");
        String x = b.input("x", -1, 10);
        b.output(b.dense(x, Graphs.tensor(new SplittableRandom(1), 4, 12), Graphs.tensor(new SplittableRandom(2), 4)));
        GraphException e = assertThrows(GraphException.class,
                () -> Compiler.compile(b.build(), new CompileOptions(1, scalar, false)));
        assertTrue(e.getMessage().contains("Gemm_") && e.getMessage().contains("inner dimensions"), e.getMessage());
    }

    @Test
    void runtimeConvWeightIsReportedAsUnsupported() {
        GraphBuilder b = new GraphBuilder("bad");
        String x = b.input("x", 1, 1, 4, 4);
        String w = b.input("w", 1, 1, 3, 3);
        b.output(b.apply(new Op.Conv(new int[] {3, 3}, new int[] {1, 1}, new int[4], new int[] {1, 1}, 1), x, w));
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> Compiler.compile(b.build(), new CompileOptions(1, scalar, false)));
        assertEquals("Conv", e.opType());
        assertTrue(e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void contextsOnManyThreadsGiveTheSingleThreadResult() throws Exception {
        ExecutionPlan plan = Compiler.compile(PolicyCnn.build(5), new CompileOptions(2, Backends.preferred(), false));
        List<float[]> inputs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] x = PolicyCnn.images(100 + i, 2);
            inputs.add(x);
            ExecutionContext c = plan.newContext();
            c.setInput(0, x);
            c.run();
            expected.add(c.output(0));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    ExecutionContext c = plan.contextForCurrentThread();
                    float[] out = new float[2 * PolicyCnn.ACTIONS];
                    for (int rep = 0; rep < 20; rep++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            c.run(inputs.get(i), out);
                            assertArrayEquals(expected.get(i), out);
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void hugeBatchIsACheckedErrorNotACrash() {
        GraphException e = assertThrows(GraphException.class,
                () -> Compiler.compile(PolicyCnn.build(1), new CompileOptions(1 << 20, scalar, false)));
        assertTrue(e.getMessage().contains("'image'") && e.getMessage().contains("elements"), e.getMessage());
    }

    @Test
    void wrongInputLengthIsRejected() throws Exception {
        ExecutionContext c = Compiler.compile(PolicyCnn.build(1), new CompileOptions(1, scalar, false)).newContext();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.setInput(0, new float[10]));
        assertTrue(e.getMessage().contains("'image'") && e.getMessage().contains("12288"), e.getMessage());
    }
}
