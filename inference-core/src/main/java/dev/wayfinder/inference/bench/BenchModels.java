package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.onnx.OnnxExporter;
import dev.wayfinder.inference.onnx.OnnxImporter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The graphs the backend benchmark runs: single operators at the policy network's sizes, and whole models (the
 * policy CNN, the same network exported to ONNX and imported back, a GRU-cell policy). Every graph is batch-major:
 * each image's outputs depend on that image alone. Weights are seeded.
 */
public final class BenchModels {
    private BenchModels() {
    }

    /** A benchmark case: its name, whether it is a whole model, its graph, and whether dense layers run as INT8. */
    public record Case(String name, boolean model, Graph graph, boolean int8) {
    }

    /** The single-operator cases, by name. */
    public static Map<String, Case> ops() {
        SplittableRandom rnd = new SplittableRandom(17);
        Map<String, Case> m = new LinkedHashMap<>();
        GraphBuilder b = new GraphBuilder("conv");
        String x = b.input("x", -1, 16, 32, 32);
        b.output(b.relu(b.conv(x, PolicyCnn.he(rnd, 16 * 9, 32, 16, 3, 3), PolicyCnn.he(rnd, 0, 32), 2, 1)));
        put(m, "conv3x3 s2 16->32 @32x32 +bias+relu", false, b.build(), false);

        b = new GraphBuilder("dense");
        x = b.input("x", -1, 2048);
        b.output(b.relu(b.dense(x, PolicyCnn.he(rnd, 2048, 128, 2048), PolicyCnn.he(rnd, 0, 128))));
        Graph dense = b.build();
        put(m, "dense 2048->128 +relu", false, dense, false);
        put(m, "dense int8 2048->128 +relu", false, dense, true);

        b = new GraphBuilder("matmul");
        x = b.input("x", -1, 16, 64);
        String y = b.input("y", -1, 64, 16);
        b.output(b.apply(new Op.MatMul(), x, y));
        put(m, "matmul [16x64]x[64x16]", false, b.build(), false);

        b = new GraphBuilder("pool");
        x = b.input("x", -1, 32, 32, 32);
        b.output(b.apply(new Op.MaxPool(new int[] {2, 2}, new int[] {2, 2}, new int[4]), x));
        put(m, "maxpool 2x2 32ch @32x32", false, b.build(), false);

        b = new GraphBuilder("add");
        x = b.input("x", -1, 32, 16, 16);
        b.output(b.apply(new Op.Add(), x, b.constant(PolicyCnn.he(rnd, 0, 32, 1, 1))));
        put(m, "add broadcast 32x16x16 + 32x1x1", false, b.build(), false);

        b = new GraphBuilder("sigmoid");
        x = b.input("x", -1, 4096);
        b.output(b.apply(new Op.Sigmoid(), x));
        put(m, "sigmoid 4096", false, b.build(), false);

        b = new GraphBuilder("softmax");
        x = b.input("x", -1, 1000);
        b.output(b.apply(new Op.Softmax(-1), x));
        put(m, "softmax 1000", false, b.build(), false);
        return m;
    }

    /** The whole-model cases, by name. */
    public static Map<String, Case> models() {
        Map<String, Case> m = new LinkedHashMap<>();
        put(m, "policy-cnn", true, PolicyCnn.build(1), false);
        try {
            put(m, "policy-cnn (ONNX import)", true, OnnxImporter.fromBytes(OnnxExporter.toBytes(PolicyCnn.build(1))), false);
        } catch (ModelException e) {
            throw new IllegalStateException("the policy CNN does not survive an ONNX round trip: " + e.getMessage(), e);
        }
        put(m, "gru-policy", true, gruPolicy(5), false);
        return m;
    }

    private static void put(Map<String, Case> m, String name, boolean model, Graph g, boolean int8) {
        m.put(name, new Case(name, model, g, int8));
    }

    /**
     * A recurrent policy in the robot's GRU-cell form: a 3x64x64 image through two stride-2 convolutions, the features
     * concatenated with a 64-unit hidden state, the gates as dense layers with fused sigmoids (1 - z as a second
     * sigmoid), the candidate through Add, Mul and Tanh, then (1 - z) n + z h and four action logits.
     */
    public static Graph gruPolicy(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int hidden = 64;
        GraphBuilder b = new GraphBuilder("gru-policy");
        String img = b.input("image", -1, 3, 64, 64);
        String h = b.input("hidden", -1, hidden);
        String x = b.relu(b.conv(img, PolicyCnn.he(rnd, 27, 16, 3, 3, 3), PolicyCnn.he(rnd, 0, 16), 2, 1));
        x = b.relu(b.conv(x, PolicyCnn.he(rnd, 144, 16, 16, 3, 3), PolicyCnn.he(rnd, 0, 16), 2, 1));
        x = b.flatten(x);
        int features = 16 * 16 * 16;
        String xs = b.apply(new Op.Concat(1), x, h);
        int in = features + hidden;
        String z = b.apply(new Op.Sigmoid(), b.dense(xs, PolicyCnn.he(rnd, in, hidden, in), PolicyCnn.he(rnd, 0, hidden)));
        String zc = b.apply(new Op.Sigmoid(), b.dense(xs, PolicyCnn.he(rnd, in, hidden, in), PolicyCnn.he(rnd, 0, hidden)));
        String r = b.apply(new Op.Sigmoid(), b.dense(xs, PolicyCnn.he(rnd, in, hidden, in), PolicyCnn.he(rnd, 0, hidden)));
        String nx = b.dense(x, PolicyCnn.he(rnd, features, hidden, features), PolicyCnn.he(rnd, 0, hidden));
        String nh = b.dense(h, PolicyCnn.he(rnd, hidden, hidden, hidden), PolicyCnn.he(rnd, 0, hidden));
        String n = b.apply(new Op.Tanh(), b.apply(new Op.Add(), nx, b.apply(new Op.Mul(), r, nh)));
        String hNew = b.apply(new Op.Add(), b.apply(new Op.Mul(), zc, n), b.apply(new Op.Mul(), z, h));
        String logits = b.dense(hNew, PolicyCnn.he(rnd, hidden, 4, hidden), PolicyCnn.he(rnd, 0, 4));
        return b.output(logits).output(hNew).build();
    }
}
