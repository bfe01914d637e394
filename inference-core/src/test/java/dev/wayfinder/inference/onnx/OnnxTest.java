package dev.wayfinder.inference.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Graphs;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.format.ModelFile;
import dev.wayfinder.inference.format.ModelFormatException;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.UnsupportedOperatorException;
import dev.wayfinder.inference.graph.ValueInfo;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** ONNX export runs in ONNX Runtime with our results; import reads it back; bad files fail cleanly. */
class OnnxTest {

    /** Runs the exported graph in ONNX Runtime (one intra-op thread) on input {@code x} of batch {@code batch}. */
    static float[] onnxRuntime(byte[] onnx, ValueInfo input, int batch, float[] x) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setIntraOpNumThreads(1);
            try (OrtSession s = env.createSession(onnx, opts)) {
                long[] shape = new long[input.dims().length];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = input.dims()[i] < 0 ? batch : input.dims()[i];
                }
                try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                     OrtSession.Result r = s.run(Map.of(input.name(), t))) {
                    FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                    float[] out = new float[fb.remaining()];
                    fb.get(out);
                    return out;
                }
            }
        }
    }

    @Test
    void wholeModelsMatchOnnxRuntimeOnEveryBackend() throws Exception {
        long seed = 9;
        SplittableRandom rnd = new SplittableRandom(seed);
        for (Graph g : new Graph[] {PolicyCnn.build(seed), Graphs.everyOp()}) {
            ValueInfo in = g.inputs().get(0);
            for (int batch : new int[] {1, 3}) {
                int per = 1;
                for (int i = 1; i < in.dims().length; i++) {
                    per *= in.dims()[i];
                }
                float[] x = Graphs.random(rnd, batch * per);
                float[] want = onnxRuntime(OnnxExporter.toBytes(g), in, batch, x);
                for (Backend b : Backends.available()) {
                    float[] got = Graphs.run(g, b, batch, false, x);
                    assertEquals(want.length, got.length);
                    double err = Graphs.maxAbs(got, want);
                    assertTrue(err <= 1e-4, g.name() + " batch " + batch + " on " + b.name()
                            + ": max abs error vs ONNX Runtime " + err + " (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void exportThenImportGivesTheSameGraph() throws Exception {
        for (Graph g : new Graph[] {PolicyCnn.build(2), Graphs.everyOp()}) {
            Graph back = OnnxImporter.fromBytes(OnnxExporter.toBytes(g));
            assertArrayEquals(ModelFile.toBytes(g), ModelFile.toBytes(back), g.name());
        }
    }

    /** A PyTorch-style file: initializers also listed as inputs, a Constant node feeding Reshape, unnamed nodes. */
    @Test
    void importsExporterQuirks() throws Exception {
        ProtoWriter g = new ProtoWriter();
        g.message(1, new ProtoWriter().string(2, "shape_const").string(4, "Constant")
                .message(5, new ProtoWriter().string(1, "value").int64(20, 4).message(5, new ProtoWriter()
                        .int64s(1, new long[] {2}).int64(2, OnnxProto.INT64).int64s(7, new long[] {-1, 6}))));
        g.message(1, new ProtoWriter().string(1, "x").string(1, "shape_const").string(2, "r").string(4, "Reshape"));
        g.message(1, new ProtoWriter().string(1, "r").string(1, "w").string(2, "y").string(4, "MatMul"));
        g.message(1, new ProtoWriter().string(1, "y").string(2, "z").string(4, "Softmax")
                .message(5, new ProtoWriter().string(1, "axis").int64(3, 1).int64(20, 2)));
        g.message(5, new ProtoWriter().int64s(1, new long[] {6, 2}).int64(2, 1).string(8, "w")
                .floats(4, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        g.message(11, value("x", "N", 2, 3));
        g.message(11, value("w", null, 6, 2));
        g.message(12, new ProtoWriter().string(1, "z"));
        byte[] model = model(g, 17);
        Graph graph = OnnxImporter.fromBytes(model);
        assertEquals(1, graph.inputs().size());
        assertEquals(3, graph.nodes().size());
        assertEquals("Reshape_1", graph.nodes().get(0).name());
        float[] x = {0.1f, 0.2f, 0.3f, -0.1f, 0.5f, 0.0f};
        float[] ours = Graphs.run(graph, Backends.preferred(), x);
        float[] ort = onnxRuntime(model, graph.inputs().get(0), 1, x);
        assertTrue(Graphs.maxAbs(ours, ort) <= 1e-6, "differs from ONNX Runtime by " + Graphs.maxAbs(ours, ort));
    }

    @Test
    void everyUnsupportedOperatorIsNamed() {
        ProtoWriter g = new ProtoWriter();
        g.message(1, new ProtoWriter().string(1, "x").string(2, "a").string(3, "lstm_1").string(4, "LSTM"));
        g.message(1, new ProtoWriter().string(1, "a").string(2, "b").string(3, "my_gather").string(4, "Gather"));
        g.message(1, new ProtoWriter().string(1, "b").string(2, "c").string(3, "pool").string(4, "MaxPool")
                .message(5, new ProtoWriter().string(1, "kernel_shape").int64(20, 7).int64s(8, new long[] {2, 2}))
                .message(5, new ProtoWriter().string(1, "ceil_mode").int64(20, 2).int64(3, 1)));
        g.message(11, value("x", null, 1, 4));
        g.message(12, new ProtoWriter().string(1, "c"));
        UnsupportedOperatorException e = assertThrows(UnsupportedOperatorException.class,
                () -> OnnxImporter.fromBytes(model(g, 13)));
        assertEquals("LSTM", e.opType());
        assertEquals("lstm_1", e.nodeName());
        assertTrue(e.getMessage().contains("Gather in node 'my_gather'") && e.getMessage().contains("ceil_mode"),
                e.getMessage());
    }

    @Test
    void oldOpsetIsRefusedWithAHint() {
        ProtoWriter g = new ProtoWriter().message(11, value("x", null, 1)).message(12, new ProtoWriter().string(1, "x"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> OnnxImporter.fromBytes(model(g, 9)));
        assertTrue(e.getMessage().contains("opset 9"), e.getMessage());
    }

    @Test
    void fuzzedOnnxFailsCleanly() {
        long seed = Long.getLong("wayfinder.test.seed", 77L);
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] original = OnnxExporter.toBytes(Graphs.everyOp());
        for (int iter = 0; iter < 1500; iter++) {
            byte[] data = original.clone();
            if (rnd.nextBoolean()) {
                data = java.util.Arrays.copyOf(data, rnd.nextInt(data.length));
            } else {
                for (int f = 1 + rnd.nextInt(6); f > 0; f--) {
                    int i = rnd.nextInt(Math.min(data.length, 4096));
                    data[i] = rnd.nextInt(3) == 0 ? (byte) 0xff : (byte) (data[i] ^ (1 << rnd.nextInt(8)));
                }
            }
            try {
                OnnxImporter.fromBytes(data);
            } catch (ModelException e) {
                assertTrue(e.getMessage() != null && e.getMessage().length() > 10, e.toString());
            } catch (Throwable t) {
                fail("iteration " + iter + " with seed " + seed + " threw " + t, t);
            }
        }
    }

    private static ProtoWriter value(String name, String batchParam, int... dims) {
        ProtoWriter shape = new ProtoWriter();
        if (batchParam != null) {
            shape.message(1, new ProtoWriter().string(2, batchParam));
        }
        for (int d : dims) {
            shape.message(1, new ProtoWriter().int64(1, d));
        }
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1,
                new ProtoWriter().int64(1, 1).message(2, shape)));
    }

    private static byte[] model(ProtoWriter graph, int opset) {
        return new ProtoWriter().int64(1, 8).message(7, graph.string(2, "t"))
                .message(8, new ProtoWriter().string(1, "").int64(2, opset)).toBytes();
    }
}
