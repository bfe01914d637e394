package dev.wayfinder.inference.backend;

import dev.wayfinder.inference.ModelException;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
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

    /** Compiles {@code g} for {@code batch} on {@code backend}, sets the inputs, runs, returns output 0. */
    public static float[] run(Graph g, Backend backend, int batch, boolean int8, float[]... inputs) throws ModelException {
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(batch, backend, int8));
        ExecutionContext ctx = plan.newContext();
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
}
