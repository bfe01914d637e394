package dev.wayfinder.benchmarks.inference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;
import java.util.Locale;

/**
 * The FMA ceiling of one core as the Vector API reaches it: a loop of independent fused multiply-adds on registers
 * (no loads, no stores; enough chains to cover any FMA latency, few enough that they and the two operands stay in
 * the register file: 28 where there are 32 vector registers (AVX-512), 12 where there are 16 (AVX2); 28 chains on
 * AVX2 spill to the stack and read about 40 % low), timed on the calling thread. The
 * per-kernel GFLOP/s in the inference benchmarks are read against this number. Prints the median and best of
 * {@code --runs N} (default 9) timed rounds of 50 ms after a 1 s warm-up, on the preferred species.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp benchmarks/target/wayfinder-benchmarks-jmh.jar
 * dev.wayfinder.benchmarks.inference.FmaPeak}
 */
public final class FmaPeak {
    private static final int ITERATIONS = 1000;
    private static final VectorSpecies<Float> PREFERRED = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {
    }

    public static void main(String[] args) {
        int runs = 9;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[i + 1]);
            }
        }
        double[] g = measure(PREFERRED, runs);
        Arrays.sort(g);
        System.out.printf(Locale.ROOT, "%d-bit FMA, one thread: median %.1f GFLOP/s, best %.1f (%d rounds)%n",
                PREFERRED.vectorBitSize(), g[g.length / 2], g[g.length - 1], runs);
    }

    /** GFLOP/s of each timed round. */
    static double[] measure(VectorSpecies<Float> s, int runs) {
        float[] seed = new float[2 * s.length()];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = 1e-7f * (i + 1);
        }
        float sink = 0;
        long warm = System.nanoTime() + 1_000_000_000L;
        boolean wide = s.vectorBitSize() >= 512;
        int chains = wide ? 28 : 12;
        while (System.nanoTime() < warm) {
            sink += wide ? chainsPreferred(seed, ITERATIONS) : chains12(seed, ITERATIONS);
        }
        double[] gflops = new double[runs];
        for (int r = 0; r < runs; r++) {
            long calls = 0;
            long t0 = System.nanoTime();
            long end = t0 + 50_000_000L;
            long t;
            do {
                for (int i = 0; i < 100; i++) {
                    sink += wide ? chainsPreferred(seed, ITERATIONS) : chains12(seed, ITERATIONS);
                }
                calls += 100;
                t = System.nanoTime();
            } while (t < end);
            gflops[r] = 2.0 * s.length() * chains * ITERATIONS * calls / (t - t0);
        }
        if (sink == 42) {
            System.out.println();
        }
        return gflops;
    }

    /**
     * 12 independent accumulators, each updated by one FMA per iteration: with the two operands, 14 of the 16
     * registers of a machine without AVX-512.
     */
    private static float chains12(float[] seed, int n) {
        VectorSpecies<Float> s = PREFERRED;
        FloatVector x = FloatVector.fromArray(s, seed, 0);
        FloatVector y = FloatVector.fromArray(s, seed, s.length());
        FloatVector c0 = FloatVector.zero(s), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < n; i++) {
            c0 = x.fma(y, c0); c1 = x.fma(y, c1); c2 = x.fma(y, c2); c3 = x.fma(y, c3);
            c4 = x.fma(y, c4); c5 = x.fma(y, c5); c6 = x.fma(y, c6); c7 = x.fma(y, c7);
            c8 = x.fma(y, c8); c9 = x.fma(y, c9); c10 = x.fma(y, c10); c11 = x.fma(y, c11);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11);
        return sum.reduceLanes(VectorOperators.ADD);
    }

    /**
     * 28 independent accumulators, each updated by one FMA per iteration (32 registers: AVX-512). The species is a constant here: the JIT
     * compiles Vector API code to vector instructions only for a species it knows.
     */
    private static float chainsPreferred(float[] seed, int n) {
        VectorSpecies<Float> s = PREFERRED;
        FloatVector x = FloatVector.fromArray(s, seed, 0);
        FloatVector y = FloatVector.fromArray(s, seed, s.length());
        FloatVector c0 = FloatVector.zero(s), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0;
        FloatVector c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0, c12 = c0, c13 = c0;
        FloatVector c14 = c0, c15 = c0, c16 = c0, c17 = c0, c18 = c0, c19 = c0, c20 = c0;
        FloatVector c21 = c0, c22 = c0, c23 = c0, c24 = c0, c25 = c0, c26 = c0, c27 = c0;
        for (int i = 0; i < n; i++) {
            c0 = x.fma(y, c0); c1 = x.fma(y, c1); c2 = x.fma(y, c2); c3 = x.fma(y, c3);
            c4 = x.fma(y, c4); c5 = x.fma(y, c5); c6 = x.fma(y, c6); c7 = x.fma(y, c7);
            c8 = x.fma(y, c8); c9 = x.fma(y, c9); c10 = x.fma(y, c10); c11 = x.fma(y, c11);
            c12 = x.fma(y, c12); c13 = x.fma(y, c13); c14 = x.fma(y, c14); c15 = x.fma(y, c15);
            c16 = x.fma(y, c16); c17 = x.fma(y, c17); c18 = x.fma(y, c18); c19 = x.fma(y, c19);
            c20 = x.fma(y, c20); c21 = x.fma(y, c21); c22 = x.fma(y, c22); c23 = x.fma(y, c23);
            c24 = x.fma(y, c24); c25 = x.fma(y, c25); c26 = x.fma(y, c26); c27 = x.fma(y, c27);
        }
        FloatVector sum = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10)
                .add(c11).add(c12).add(c13).add(c14).add(c15).add(c16).add(c17).add(c18).add(c19).add(c20).add(c21)
                .add(c22).add(c23).add(c24).add(c25).add(c26).add(c27);
        return sum.reduceLanes(VectorOperators.ADD);
    }
}
