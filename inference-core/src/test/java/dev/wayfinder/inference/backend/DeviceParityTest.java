package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.onnx.OnnxExporter;
import dev.wayfinder.inference.onnx.OnnxImporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The device backends against the scalar reference: every operator on seeded random shapes (the cases of
 * {@link OpParityTest}), and whole models (the policy CNN, the same network exported to ONNX and imported back, a
 * GRU-cell policy, a graph with every operator) against the CPU core at several batch sizes. Each run checks that
 * the plan really ran on the device (no silent fallback to the CPU). A failure prints the seed.
 */
class DeviceParityTest {
    private static final int TRIALS = 4;
    private static final long BASE = Long.getLong("wayfinder.test.seed", 20261207L);

    static List<Object[]> opCases() {
        List<Object[]> list = new ArrayList<>();
        for (String backend : List.of("opencl", "cuda")) {
            for (String k : List.of("conv", "convBnAct", "depthwise", "gemm", "matmulConst", "matmulRuntime", "add", "mul",
                    "unary", "softmax", "maxpool", "avgpool", "gap", "concat", "batchnorm", "reshape", "int8")) {
                list.add(new Object[] {backend, k});
            }
        }
        return list;
    }

    /** Compiles on {@code backend}, runs once on junk and then on {@code inputs}; asserts it stayed on the device. */
    static float[] runOnDevice(Graph g, DeviceBackend backend, int batch, boolean int8, float[]... inputs) throws Exception {
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(batch, backend, int8));
        assertEquals(backend.name(), plan.backend(), "the plan fell back to the CPU at load");
        try (ExecutionContext ctx = plan.newContext()) {
            SplittableRandom junk = new SplittableRandom(99);
            for (int i = 0; i < inputs.length; i++) {
                float[] j = Graphs.random(junk, inputs[i].length);
                for (int k = 0; k < j.length; k++) {
                    j[k] *= 100;
                }
                ctx.setInput(i, j);
            }
            ctx.run();
            for (int i = 0; i < inputs.length; i++) {
                ctx.setInput(i, inputs[i]);
            }
            ctx.run();
            assertEquals(backend.name(), ctx.activeBackend(), "the context fell back to the CPU while running");
            return ctx.output(0);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("opCases")
    void everyOperatorMatchesTheScalarReference(String backendName, String kind) throws Exception {
        DeviceBackend backend = NeedsDevice.require(backendName);
        for (int t = 0; t < TRIALS; t++) {
            long seed = BASE + 1000L * kind.hashCode() + t;
            OpParityTest.Case c = OpParityTest.make(kind, new SplittableRandom(seed));
            boolean int8 = kind.equals("int8");
            float[] want = Graphs.run(c.graph(), new ScalarBackend(), c.batch(), int8, c.inputs());
            float[] got = runOnDevice(c.graph(), backend, c.batch(), int8, c.inputs());
            double worst = Graphs.worst(got, want, 1e-4, 1e-4);
            assertTrue(worst <= 1, () -> backendName + " " + c.what() + " differs from scalar by " + worst
                    + "x tolerance (atol 1e-4, rtol 1e-4); seed " + seed);
        }
    }

    /** The models of the whole-model checks, by name. */
    static Graph model(String name) throws Exception {
        return switch (name) {
            case "policy-cnn" -> PolicyCnn.build(3);
            case "policy-cnn-onnx" -> OnnxImporter.fromBytes(OnnxExporter.toBytes(PolicyCnn.build(4)));
            case "gru-policy" -> gruPolicy(5);
            case "every-op" -> Graphs.everyOp();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * A small recurrent policy in the robot's GRU-cell form: a convolution over the image, the features concatenated
     * with the hidden state, gates as dense layers with fused sigmoids, the candidate through Add, Mul and Tanh, the
     * new state as (1 - z) n + z h with 1 - z computed as a second sigmoid.
     */
    static Graph gruPolicy(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = 24;
        GraphBuilder b = new GraphBuilder("gru-policy");
        String img = b.input("image", -1, 3, 16, 16);
        String h = b.input("hidden", -1, hidden);
        String x = b.relu(b.conv(img, Graphs.tensor(rnd, 8, 3, 3, 3), Graphs.tensor(rnd, 8), 2, 1));
        x = b.flatten(x);
        String xs = b.apply(new Op.Concat(1), x, h);
        int in = 8 * 8 * 8 + hidden;
        String z = b.apply(new Op.Sigmoid(), b.dense(xs, Graphs.tensor(rnd, hidden, in), Graphs.tensor(rnd, hidden)));
        String zc = b.apply(new Op.Sigmoid(), b.dense(xs, Graphs.tensor(rnd, hidden, in), Graphs.tensor(rnd, hidden)));
        String r = b.apply(new Op.Sigmoid(), b.dense(xs, Graphs.tensor(rnd, hidden, in), Graphs.tensor(rnd, hidden)));
        String nx = b.dense(x, Graphs.tensor(rnd, hidden, 512), Graphs.tensor(rnd, hidden));
        String nh = b.dense(h, Graphs.tensor(rnd, hidden, hidden), Graphs.tensor(rnd, hidden));
        String n = b.apply(new Op.Tanh(), b.apply(new Op.Add(), nx, b.apply(new Op.Mul(), r, nh)));
        String hNew = b.apply(new Op.Add(), b.apply(new Op.Mul(), zc, n), b.apply(new Op.Mul(), z, h));
        String logits = b.apply(new Op.Softmax(-1), b.dense(hNew, Graphs.tensor(rnd, 4, hidden), Graphs.tensor(rnd, 4)));
        return b.output(logits).output(hNew).build();
    }

    static float[][] inputs(Graph g, int batch, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] in = new float[g.inputs().size()][];
        for (int i = 0; i < in.length; i++) {
            int n = batch;
            int[] d = g.inputs().get(i).dims();
            for (int j = 1; j < d.length; j++) {
                n *= d[j];
            }
            in[i] = Graphs.random(rnd, n);
        }
        return in;
    }

    @ParameterizedTest(name = "opencl {0}")
    @ValueSource(strings = {"policy-cnn", "policy-cnn-onnx", "gru-policy", "every-op"})
    void wholeModelsMatchTheCpuCoreOnOpenCl(String name) throws Exception {
        wholeModel("opencl", name);
    }

    @ParameterizedTest(name = "cuda {0}")
    @ValueSource(strings = {"policy-cnn", "policy-cnn-onnx", "gru-policy", "every-op"})
    void wholeModelsMatchTheCpuCoreOnCuda(String name) throws Exception {
        wholeModel("cuda", name);
    }

    private static void wholeModel(String backendName, String name) throws Exception {
        DeviceBackend backend = NeedsDevice.require(backendName);
        Graph g = model(name);
        Backend cpu = Backends.bestHost();
        for (int batch : new int[] {1, 3, 32}) {
            long seed = BASE + batch;
            float[][] in = inputs(g, batch, seed);
            float[] want = Graphs.run(g, cpu, batch, false, in);
            float[] got = runOnDevice(g, backend, batch, false, in);
            double worst = Graphs.worst(got, want, 1e-4, 1e-3);
            assertTrue(worst <= 1, () -> backendName + " " + name + " batch " + batch + " differs from " + cpu.name()
                    + " by " + worst + "x tolerance (atol 1e-4, rtol 1e-3); seed " + seed);
        }
    }

    @Test
    void contextsOfOnePlanKeepTheirOwnState() throws Exception {
        DeviceBackend backend = NeedsDevice.require("opencl");
        Graph g = PolicyCnn.build(7);
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(2, backend, false));
        float[] a = PolicyCnn.images(1, 2);
        float[] b = PolicyCnn.images(2, 2);
        try (ExecutionContext ca = plan.newContext(); ExecutionContext cb = plan.newContext()) {
            ca.setInput(0, a);
            cb.setInput(0, b);
            ca.run();
            cb.run();
            float[] wantA = Graphs.run(g, new ScalarBackend(), 2, false, a);
            float[] wantB = Graphs.run(g, new ScalarBackend(), 2, false, b);
            assertTrue(Graphs.worst(ca.output(0), wantA, 1e-4, 1e-3) <= 1, "context A");
            assertTrue(Graphs.worst(cb.output(0), wantB, 1e-4, 1e-3) <= 1, "context B");
            // the second output read of a context returns the same values: the outputs are in its host arena
            assertEquals(java.util.Arrays.toString(ca.output(0)), java.util.Arrays.toString(ca.output(0)));
        }
    }
}
