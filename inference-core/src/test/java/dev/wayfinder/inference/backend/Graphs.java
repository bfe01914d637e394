package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.tensor.Tensor;

import java.util.SplittableRandom;

/** Test helpers: random tensors, and compile-and-run of a graph on a backend. */
public final class Graphs {
    private Graphs() {
    }

    public static float[] random(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    public static Tensor tensor(SplittableRandom rnd, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return Tensor.of(random(rnd, n), dims);
    }

    /**
     * Compiles {@code g} for {@code batch} on {@code backend}, runs it once on other (seeded) data so that state
     * left in the arena would show, then on {@code inputs}; returns output 0.
     */
    public static float[] run(Graph g, Backend backend, int batch, boolean int8, float[]... inputs) throws ModelException {
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(batch, backend, int8));
        ExecutionContext ctx = plan.newContext();
        SplittableRandom other = new SplittableRandom(inputs.length);
        for (int i = 0; i < inputs.length; i++) {
            float[] junk = random(other, inputs[i].length);
            for (int j = 0; j < junk.length; j++) {
                junk[j] = junk[j] * 100;
            }
            ctx.setInput(i, junk);
        }
        ctx.run();
        for (int i = 0; i < inputs.length; i++) {
            ctx.setInput(i, inputs[i]);
        }
        ctx.run();
        return ctx.output(0);
    }

    public static float[] run(Graph g, Backend backend, float[]... inputs) throws ModelException {
        return run(g, backend, 1, false, inputs);
    }

    /** The largest |a - b| / (atol + rtol |b|); <= 1 means within tolerance. */
    public static double worst(float[] a, float[] b, double atol, double rtol) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            double e = Math.abs((double) a[i] - b[i]) / (atol + rtol * Math.abs(b[i]));
            if (!(e <= w)) {
                w = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
            }
        }
        return w;
    }

    public static double maxAbs(float[] a, float[] b) {
        double w = 0;
        for (int i = 0; i < a.length; i++) {
            w = Math.max(w, Math.abs((double) a[i] - b[i]));
        }
        return w;
    }

    /** A graph touching every operator and attribute kind. */
    public static Graph everyOp() {
        SplittableRandom rnd = new SplittableRandom(5);
        GraphBuilder b = new GraphBuilder("every-op");
        String x = b.input("x", -1, 2, 8, 8);
        String c = b.apply(new Op.Conv(new int[] {3, 3}, new int[] {1, 2}, new int[] {1, 1, 1, 0}, new int[] {1, 1}, 2), x,
                b.constant(Graphs.tensor(rnd, 4, 1, 3, 3)), b.constant(Graphs.tensor(rnd, 4)));
        c = b.apply(new Op.BatchNormalization(1e-3f), c, b.constant(Graphs.tensor(rnd, 4)), b.constant(Graphs.tensor(rnd, 4)),
                b.constant(Graphs.tensor(rnd, 4)), b.constant(dev.wayfinder.inference.tensor.Tensor.of(new float[] {1, 2, 3, 4}, 4)));
        c = b.apply(new Op.LeakyRelu(0.1f), c);
        String p = b.apply(new Op.MaxPool(new int[] {2, 2}, new int[] {2, 2}, new int[4]), c);
        String q = b.apply(new Op.AveragePool(new int[] {2, 2}, new int[] {2, 2}, new int[4], true), c);
        String s = b.apply(new Op.Concat(1), p, q);
        s = b.apply(new Op.Mul(), b.apply(new Op.Add(), s, s), b.apply(new Op.Sigmoid(), s));
        String g = b.apply(new Op.Flatten(1), b.apply(new Op.GlobalAveragePool(), s));
        String r = b.apply(new Op.Reshape(new int[] {0, -1}), b.apply(new Op.Tanh(), s));
        String d = b.apply(new Op.Gemm(0.5f, 2f, false, false), g, b.constant(Graphs.tensor(rnd, 8, 3)), b.constant(Graphs.tensor(rnd, 3)));
        String m = b.apply(new Op.MatMul(), r, b.constant(Graphs.tensor(rnd, 64, 3)));
        String out = b.apply(new Op.Softmax(-1), b.apply(new Op.Add(), b.relu(d), m));
        return b.output(out).build();
    }

}
