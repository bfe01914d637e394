package dev.wayfinder.benchmarks.inference;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;

import java.util.List;
import java.util.Locale;

/**
 * The per-kernel profile of the policy network on the preferred backend (float weights, one thread):
 * {@link ExecutionContext#profile} after a 3 s warm-up, the minimum over 15 rounds of 300 runs at batch 1 and of
 * 20 runs at batch 32 (minima are less sensitive to preemption on a shared machine than means), with GFLOP/s for
 * the steps whose work is known. Read the GFLOP/s against {@link FmaPeak}.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/wayfinder-benchmarks-jmh.jar
 * dev.wayfinder.benchmarks.inference.KernelProfile [--int8]}
 */
public final class KernelProfile {
    /** Multiply-adds x 2 per image of the policy network's steps, in plan order (convs, dense, dense). */
    private static final double[] FLOPS = {
        2.0 * 16 * 32 * 32 * 3 * 9, 2.0 * 32 * 16 * 16 * 16 * 9, 2.0 * 32 * 8 * 8 * 32 * 9, 2.0 * 2048 * 128,
        2.0 * 128 * 4};

    private KernelProfile() {
    }

    public static void main(String[] args) throws Exception {
        boolean int8 = List.of(args).contains("--int8");
        for (int batch : new int[] {1, 32}) {
            ExecutionContext ctx = Compiler.compile(PolicyCnn.build(1),
                    new CompileOptions(batch, Backends.preferred(), int8, 1)).newContext();
            ctx.setInput(0, PolicyCnn.images(1, batch));
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                ctx.run();
            }
            int runs = batch == 1 ? 300 : 20;
            long[] best = ctx.profile(runs);
            for (int r = 1; r < 15; r++) {
                long[] p = ctx.profile(runs);
                for (int i = 0; i < p.length; i++) {
                    best[i] = Math.min(best[i], p[i]);
                }
            }
            List<String> steps = ctx.plan().describe();
            System.out.printf(Locale.ROOT, "batch %d (%s%s), minimum of 15 x %d runs%n", batch,
                    Backends.preferred().name(), int8 ? ", INT8 dense" : "", runs);
            double sum = 0;
            for (int i = 0; i < steps.size(); i++) {
                double us = best[i] / 1000.0 / runs;
                sum += us;
                String gflops = steps.size() == FLOPS.length && FLOPS[i] * batch / us / 1e3 > 1
                        ? String.format(Locale.ROOT, "%7.1f GFLOP/s", FLOPS[i] * batch / us / 1e3) : "";
                System.out.printf(Locale.ROOT, "  %10.1f us %s  %s%n", us, gflops, steps.get(i));
            }
            System.out.printf(Locale.ROOT, "  %10.1f us  sum%n", sum);
        }
    }
}
