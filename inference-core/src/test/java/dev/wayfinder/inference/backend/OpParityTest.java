package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.graph.ShapeInference;
import dev.wayfinder.inference.tensor.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every operator on every available backend against the scalar reference, on seeded random shapes and values.
 * A failure prints the seed; rerun one case with -Dwayfinder.test.seed=SEED.
 */
class OpParityTest {
    private static final int TRIALS = 6;
    private static final long BASE = Long.getLong("wayfinder.test.seed", 20261129L);

    /** A random single-op (or tiny) graph with its batch size and input data. */
    record Case(String what, Graph graph, int batch, float[][] inputs) {
    }

    static List<Object[]> cases() {
        List<Object[]> list = new ArrayList<>();
        String[] kinds = {"conv", "convBnAct", "depthwise", "gemm", "matmulConst", "matmulRuntime", "add", "mul",
                "unary", "softmax", "maxpool", "avgpool", "gap", "concat", "batchnorm", "reshape", "int8"};
        for (Backend b : Backends.available()) {
            for (String k : kinds) {
                list.add(new Object[] {b.name(), k});
            }
        }
        return list;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void matchesScalarReference(String backendName, String kind) throws Exception {
        Backend backend = Backends.byName(backendName);
        Backend ref = new ScalarBackend();
        for (int t = 0; t < TRIALS; t++) {
            long seed = BASE + 1000L * kind.hashCode() + t;
            Case c = make(kind, new SplittableRandom(seed));
            boolean int8 = kind.equals("int8");
            float[] want = Graphs.run(c.graph(), ref, c.batch(), int8, c.inputs());
            float[] got = Graphs.run(c.graph(), backend, c.batch(), int8, c.inputs());
            double worst = Graphs.worst(got, want, 1e-4, 1e-4);
            assertTrue(worst <= 1, () -> backendName + " " + c.what() + " differs from scalar by " + worst
                    + "x tolerance (atol 1e-4, rtol 1e-4); seed " + seed);
        }
    }

    private static int r(SplittableRandom rnd, int lo, int hi) {
        return rnd.nextInt(lo, hi + 1);
    }

    static Case make(String kind, SplittableRandom rnd) {
        return switch (kind) {
            case "conv" -> conv(rnd, false, false);
            case "convBnAct" -> conv(rnd, false, true);
            case "depthwise" -> conv(rnd, true, false);
            case "gemm" -> gemm(rnd);
            case "matmulConst" -> {
                int n = r(rnd, 1, 9), k = r(rnd, 1, 70), m = r(rnd, 1, 40);
                GraphBuilder b = new GraphBuilder("mm");
                String x = b.input("x", -1, n, k);
                b.output(b.apply(new Op.MatMul(), x, b.constant(Graphs.tensor(rnd, k, m))));
                int batch = r(rnd, 1, 3);
                yield new Case("MatMul const [" + batch + "," + n + "," + k + "]x[" + k + "," + m + "]", b.build(), batch,
                        new float[][] {Graphs.random(rnd, batch * n * k)});
            }
            case "matmulRuntime" -> {
                int n = r(rnd, 1, 9), k = r(rnd, 1, 40), m = r(rnd, 1, 40), batch = r(rnd, 1, 3);
                boolean shareB = rnd.nextBoolean();
                GraphBuilder b = new GraphBuilder("mm");
                String x = b.input("x", -1, n, k);
                String y = shareB ? b.input("y", k, m) : b.input("y", -1, k, m);
                b.output(b.apply(new Op.MatMul(), x, y));
                yield new Case("MatMul runtime b" + batch + " n" + n + " k" + k + " m" + m + " shared " + shareB,
                        b.build(), batch, new float[][] {Graphs.random(rnd, batch * n * k),
                        Graphs.random(rnd, (shareB ? 1 : batch) * k * m)});
            }
            case "add", "mul" -> binary(rnd, kind.equals("add") ? new Op.Add() : new Op.Mul());
            case "unary" -> {
                Op[] ops = {new Op.Relu(), new Op.LeakyRelu((float) rnd.nextDouble()), new Op.Tanh(), new Op.Sigmoid()};
                Op op = ops[rnd.nextInt(ops.length)];
                int[] dims = {-1, r(rnd, 1, 7), r(rnd, 1, 40)};
                yield single(rnd, op.type(), op, dims, r(rnd, 1, 3));
            }
            case "softmax" -> {
                int[] dims = {-1, r(rnd, 1, 6), r(rnd, 1, 12)};
                yield single(rnd, "Softmax", new Op.Softmax(r(rnd, -3, 2)), dims, r(rnd, 1, 3));
            }
            case "maxpool", "avgpool" -> {
                int k = r(rnd, 1, 3), s = r(rnd, 1, 3), p = r(rnd, 0, k - 1);
                int[] pads = {p, r(rnd, 0, k - 1), r(rnd, 0, k - 1), p};
                int[] dims = {-1, r(rnd, 1, 5), r(rnd, k, 17), r(rnd, k, 17)};
                Op op = kind.equals("maxpool") ? new Op.MaxPool(new int[] {k, k}, new int[] {s, s}, pads)
                        : new Op.AveragePool(new int[] {k, k}, new int[] {s, s}, pads, rnd.nextBoolean());
                yield single(rnd, op.toString(), op, dims, r(rnd, 1, 2));
            }
            case "gap" -> single(rnd, "GlobalAveragePool", new Op.GlobalAveragePool(),
                    new int[] {-1, r(rnd, 1, 9), r(rnd, 1, 9), r(rnd, 1, 9)}, r(rnd, 1, 3));
            case "concat" -> {
                int c1 = r(rnd, 1, 5), c2 = r(rnd, 1, 5), h = r(rnd, 1, 6);
                GraphBuilder b = new GraphBuilder("cat");
                String x = b.input("x", -1, c1, h);
                String y = b.input("y", -1, c2, h);
                b.output(b.apply(new Op.Concat(1), x, b.apply(new Op.Relu(), y)));
                int batch = r(rnd, 1, 3);
                yield new Case("Concat", b.build(), batch, new float[][] {Graphs.random(rnd, batch * c1 * h),
                        Graphs.random(rnd, batch * c2 * h)});
            }
            case "batchnorm" -> {
                int c = r(rnd, 1, 8);
                GraphBuilder b = new GraphBuilder("bn");
                String x = b.input("x", -1, c, r(rnd, 1, 6), r(rnd, 1, 6));
                b.output(b.apply(new Op.BatchNormalization(1e-5f), x, b.constant(Graphs.tensor(rnd, c)),
                        b.constant(Graphs.tensor(rnd, c)), b.constant(Graphs.tensor(rnd, c)), b.constant(positive(rnd, c))));
                Graph g = b.build();
                yield new Case("BatchNormalization c" + c, g, 2, new float[][] {Graphs.random(rnd, 2 * size(g, 2))});
            }
            case "reshape" -> {
                GraphBuilder b = new GraphBuilder("reshape");
                int c = r(rnd, 1, 6), h = r(rnd, 1, 6);
                String x = b.input("x", -1, c, h);
                String y = b.apply(new Op.Reshape(new int[] {0, -1, 1}), b.apply(new Op.Tanh(), x));
                b.output(b.apply(new Op.Flatten(1), b.apply(new Op.Sigmoid(), y)));
                yield new Case("Reshape/Flatten", b.build(), 2, new float[][] {Graphs.random(rnd, 2 * c * h)});
            }
            case "int8" -> gemm(rnd);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static int size(Graph g, int batch) {
        int[] d = g.inputs().get(0).dims();
        int n = batch;
        for (int i = 1; i < d.length; i++) {
            n *= d[i];
        }
        return n / batch;
    }

    private static dev.wayfinder.inference.tensor.Tensor positive(SplittableRandom rnd, int c) {
        float[] v = Graphs.random(rnd, c);
        for (int i = 0; i < c; i++) {
            v[i] = Math.abs(v[i]) + 0.1f;
        }
        return dev.wayfinder.inference.tensor.Tensor.of(v, c);
    }

    private static Case single(SplittableRandom rnd, String what, Op op, int[] dims, int batch) {
        GraphBuilder b = new GraphBuilder(what);
        String x = b.input("x", dims);
        b.output(b.apply(op, x));
        int n = batch;
        for (int i = 1; i < dims.length; i++) {
            n *= dims[i];
        }
        return new Case(what + " " + java.util.Arrays.toString(dims) + " batch " + batch, b.build(), batch,
                new float[][] {Graphs.random(rnd, n)});
    }

    private static Case binary(SplittableRandom rnd, Op op) {
        int c = r(rnd, 1, 5), h = r(rnd, 1, 7), w = r(rnd, 1, 33);
        int[] a = {-1, c, h, w};
        int[][] bShapes = {{-1, c, h, w}, {c, 1, 1}, {w}, {1, c, h, 1}};
        int[] bs = bShapes[rnd.nextInt(bShapes.length)];
        GraphBuilder b = new GraphBuilder("binary");
        String x = b.input("x", a);
        int batch = r(rnd, 1, 3);
        int nb = 1;
        for (int d : bs) {
            nb *= d == -1 ? batch : d;
        }
        String y = b.input("y", bs);
        b.output(b.apply(op, x, y));
        return new Case(op.type() + " [b," + c + "," + h + "," + w + "] with " + java.util.Arrays.toString(bs), b.build(),
                batch, new float[][] {Graphs.random(rnd, batch * c * h * w), Graphs.random(rnd, nb)});
    }

    private static Case gemm(SplittableRandom rnd) {
        // Up to 600 inputs, 150 outputs and 13 rows: wide enough for the vector kernel's k-panels (256), 64-column
        // blocks with a column tail, and 4-row groups with a row tail.
        int k = r(rnd, 1, 600), m = r(rnd, 1, 150), batch = r(rnd, 1, 13);
        boolean transB = rnd.nextBoolean();
        float alpha = (float) (0.5 + rnd.nextDouble()), beta = (float) (0.5 + rnd.nextDouble());
        GraphBuilder b = new GraphBuilder("gemm");
        String x = b.input("x", -1, k);
        String w = b.constant(transB ? Graphs.tensor(rnd, m, k) : Graphs.tensor(rnd, k, m));
        String y = b.apply(new Op.Gemm(alpha, beta, false, transB), x, w, b.constant(Graphs.tensor(rnd, m)));
        String[] acts = {"none", "relu", "leaky", "sigmoid"};
        String act = acts[rnd.nextInt(acts.length)];
        y = switch (act) {
            case "relu" -> b.relu(y);
            case "leaky" -> b.apply(new Op.LeakyRelu(0.1f), y);
            case "sigmoid" -> b.apply(new Op.Sigmoid(), y);
            default -> y;
        };
        return new Case("Gemm n" + batch + " k" + k + " m" + m + " transB " + transB + " act " + act, b.output(y).build(),
                batch, new float[][] {Graphs.random(rnd, batch * k)});
    }

    private static Case conv(SplittableRandom rnd, boolean depthwise, boolean bnAct) {
        while (true) {
            int c = r(rnd, 1, 6), kh = r(rnd, 1, 5), kw = r(rnd, 1, 5), sh = r(rnd, 1, 3), sw = r(rnd, 1, 3);
            int dh = r(rnd, 1, 2), dw = r(rnd, 1, 2), h = r(rnd, 1, 24), w = r(rnd, 1, 40);
            int[] pads = {r(rnd, 0, 2), r(rnd, 0, 2), r(rnd, 0, 2), r(rnd, 0, 2)};
            int group = depthwise ? c : (c % 2 == 0 && rnd.nextBoolean() ? 2 : 1);
            int m = depthwise ? c * r(rnd, 1, 2) : group * r(rnd, 1, 20);
            try {
                ShapeInference.outExtent(h, kh, sh, pads[0], pads[2], dh);
                ShapeInference.outExtent(w, kw, sw, pads[1], pads[3], dw);
            } catch (IllegalArgumentException e) {
                continue;
            }
            GraphBuilder b = new GraphBuilder("conv");
            String x = b.input("x", -1, c, h, w);
            Op.Conv op = new Op.Conv(new int[] {kh, kw}, new int[] {sh, sw}, pads, new int[] {dh, dw}, group);
            String y = b.apply(op, x, b.constant(Graphs.tensor(rnd, m, c / group, kh, kw)),
                    rnd.nextBoolean() ? b.constant(Graphs.tensor(rnd, m)) : "");
            if (bnAct) {
                y = b.apply(new Op.BatchNormalization(1e-3f), y, b.constant(Graphs.tensor(rnd, m)),
                        b.constant(Graphs.tensor(rnd, m)), b.constant(Graphs.tensor(rnd, m)), b.constant(positive(rnd, m)));
                y = rnd.nextBoolean() ? b.relu(y) : b.apply(new Op.LeakyRelu(0.2f), y);
            } else if (rnd.nextBoolean()) {
                y = b.relu(y);
            }
            int batch = r(rnd, 1, 2);
            String what = "Conv c" + c + " " + h + "x" + w + " m" + m + " k" + kh + "x" + kw + " s" + sh + "x" + sw + " d"
                    + dh + "x" + dw + " pads " + java.util.Arrays.toString(pads) + " group " + group + " batch " + batch;
            return new Case(what, b.output(y).build(), batch, new float[][] {Graphs.random(rnd, batch * c * h * w)});
        }
    }
}
