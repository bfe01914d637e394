package dev.wayfinder.policy.data;

import dev.wayfinder.robot.net.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Batches prepared on the background thread are exactly the batches a loop over {@link BatchSampler} draws for the
 * same seed (chunk swaps, augmentation, action dropout and weights included), feed-forward and sequence batches
 * alike; a failure while preparing reaches the caller; closing early stops the thread.
 */
class PrefetchingSamplerTest {
    private static final NetworkSpec FLAT = new NetworkSpec(16, 16, List.of(4, 4), 8, 6, 0, 0, 0);
    private static final NetworkSpec RECURRENT = new NetworkSpec(16, 16, List.of(4, 4), 8, 6, 0, 0, 4);

    /** Random samples; for a recurrent spec, 3 robots taking turns in 7-step episodes (links set accordingly). */
    private static Dataset dataset(Path dir, NetworkSpec spec, int n, long seed) throws Exception {
        Dataset d = new Dataset(dir, 16 * 16 * 3, spec.sampleFloats());
        SplittableRandom r = new SplittableRandom(seed);
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[spec.sampleFloats()];
        for (int i = 0; i < n; i++) {
            r.nextBytes(img);
            for (int k = 0; k < st.length; k++) {
                st[k] = (float) r.nextDouble();
            }
            if (spec.recurrent()) {
                st[spec.linkOffset()] = (i / 3) % 7 == 0 ? 0 : 3;
            }
            d.add(img, st, 0, r.nextInt(spec.actions()));
        }
        d.flush();
        return d;
    }

    private static BatchSampler sampler(Dataset d, NetworkSpec spec, long seed) {
        // 2 of 5 chunks resident, a swap every 3 batches: chunk loading happens on the prefetch thread too.
        return new BatchSampler(d, spec, 2, 3, 2, 0.5, seed).nearWeight(3.0).labelTemperature(0.0);
    }

    @Test
    void flatBatchesAreThoseOfThePlainSampler(@TempDir Path dir) throws Exception {
        long seed = 23;
        Dataset d = dataset(dir, FLAT, Dataset.CHUNK_SAMPLES * 5, seed);
        int n = 32;
        int count = 40;
        BatchSampler plain = sampler(d, FLAT, seed);
        float[] img = new float[n * FLAT.imageSize()];
        float[] st = new float[n * FLAT.stateSize()];
        float[] aux = new float[n * NetworkSpec.AUX_TARGETS];
        int[] lab = new int[n];
        float[] targets = new float[n * FLAT.actions()];
        float[] w = new float[n];
        try (PrefetchingSampler pre = PrefetchingSampler.flat(sampler(d, FLAT, seed), FLAT, n, true, count)) {
            assertEquals(count, pre.batches());
            for (int b = 0; b < count; b++) {
                plain.next(img, st, aux, lab, targets, w, n, true);
                PrefetchingSampler.Batch got = pre.take();
                String where = "batch " + b + ", seed " + seed;
                assertArrayEquals(img, got.images, where);
                assertArrayEquals(st, got.states, where);
                assertArrayEquals(aux, got.aux, where);
                assertArrayEquals(lab, got.labels, where);
                assertArrayEquals(targets, got.targets, where);
                assertArrayEquals(w, got.weights, where);
                pre.release(got);
            }
            assertThrows(IllegalStateException.class, pre::take, "a batch past the count, seed " + seed);
        }
    }

    @Test
    void sequenceBatchesAreThoseOfThePlainSampler(@TempDir Path dir) throws Exception {
        long seed = 29;
        Dataset d = dataset(dir, RECURRENT, Dataset.CHUNK_SAMPLES * 5, seed);
        int windows = 8;
        int steps = 4;
        int rows = windows * steps;
        int count = 30;
        BatchSampler plain = sampler(d, RECURRENT, seed);
        float[] img = new float[rows * RECURRENT.imageSize()];
        float[] st = new float[rows * RECURRENT.stateSize()];
        float[] aux = new float[rows * NetworkSpec.AUX_TARGETS];
        int[] lab = new int[rows];
        float[] targets = new float[rows * RECURRENT.actions()];
        float[] w = new float[rows];
        int[] lengths = new int[windows];
        int longer = 0;
        try (PrefetchingSampler pre = PrefetchingSampler.sequences(sampler(d, RECURRENT, seed), RECURRENT, windows,
                steps, true, count)) {
            for (int b = 0; b < count; b++) {
                plain.nextSequences(img, st, aux, lab, targets, w, lengths, windows, steps, true);
                PrefetchingSampler.Batch got = pre.take();
                String where = "batch " + b + ", seed " + seed;
                assertArrayEquals(lengths, got.lengths, where);
                assertArrayEquals(img, got.images, where);
                assertArrayEquals(st, got.states, where);
                assertArrayEquals(aux, got.aux, where);
                assertArrayEquals(lab, got.labels, where);
                assertArrayEquals(targets, got.targets, where);
                assertArrayEquals(w, got.weights, where);
                for (int len : got.lengths) {
                    longer += len > 1 ? 1 : 0;
                }
                pre.release(got);
            }
        }
        assertTrue(longer > 0, "some sequences reach back more than one step, seed " + seed);
    }

    @Test
    void aFailureWhilePreparingReachesTheCaller(@TempDir Path dir) throws Exception {
        Dataset empty = new Dataset(dir, 16 * 16 * 3, FLAT.sampleFloats());
        try (PrefetchingSampler pre = PrefetchingSampler.flat(sampler(empty, FLAT, 1), FLAT, 8, true, 5)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, pre::take);
            assertTrue(e.getMessage().contains("is empty"), e.getMessage());
            assertThrows(IllegalStateException.class, pre::take, "nothing after a failure");
        }
    }

    @Test
    void closingEarlyStopsTheThread(@TempDir Path dir) throws Exception {
        Dataset d = dataset(dir, FLAT, Dataset.CHUNK_SAMPLES * 2, 5);
        PrefetchingSampler pre = PrefetchingSampler.flat(sampler(d, FLAT, 5), FLAT, 8, true, 1000);
        PrefetchingSampler.Batch b = pre.take();
        assertThrows(IllegalStateException.class, pre::take, "a second take before the release");
        pre.release(b);
        assertThrows(IllegalArgumentException.class, () -> pre.release(b), "released twice");
        long t0 = System.nanoTime();
        pre.close();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close waited for the remaining batches");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("wayfinder-batch-prefetch") && t.isAlive()),
                "the prefetch thread is gone after close");
    }
}
