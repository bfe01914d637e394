package dev.wayfinder.policy.data;

import dev.wayfinder.robot.net.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The on-disk dataset keeps what was written, drops what a resume discards, and samples within bounds. */
class DatasetTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 8, 6);

    private static void fill(Dataset d, int n, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        for (int k = 0; k < n; k++) {
            r.nextBytes(img);
            st[0] = k;
            st[SPEC.stateSize()] = k + 0.5f;
            d.add(img, st, 0, k % 6);
        }
        d.flush();
    }

    @Test
    void chunksRoundTripAndTruncate(@TempDir Path dir) throws Exception {
        long seed = 5;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        fill(d, Dataset.CHUNK_SAMPLES * 2 + 10, seed);
        assertEquals(3, d.chunkCount(), "seed " + seed);
        Chunk last = d.read(2);
        assertEquals(10, last.size());
        assertEquals(Dataset.CHUNK_SAMPLES * 2 + 9, last.states()[9 * SPEC.sampleFloats()], 0);
        Files.writeString(dir.resolve("chunk-000003.bin.tmp"), "torn");
        Dataset reopened = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        assertEquals(3, reopened.chunkCount());
        assertTrue(Files.notExists(dir.resolve("chunk-000003.bin.tmp")), "leftover temp files are removed");
        reopened.truncate(1);
        assertEquals(1, new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats()).chunkCount());
        assertThrows(java.io.IOException.class, () -> new Dataset(dir, 8, SPEC.sampleFloats()).read(0));
        var other = assertThrows(java.io.IOException.class,
                () -> new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats() + 1).read(0));
        assertTrue(other.getMessage().contains("chunk-000000.bin") && other.getMessage().contains("start a new one"),
                other.getMessage());
    }

    /**
     * Full chunks are written on a background thread while the next fills, reusing the written chunk's buffers: every
     * sample of five chunks comes back as it was added, in order.
     */
    @Test
    void chunksWrittenInTheBackgroundHoldEverySampleInOrder(@TempDir Path dir) throws Exception {
        long seed = 77;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        int n = Dataset.CHUNK_SAMPLES * 5 + 3;
        fill(d, n, seed);
        assertEquals(6, d.chunkCount(), "seed " + seed);
        SplittableRandom r = new SplittableRandom(seed);
        byte[] img = new byte[16 * 16 * 3];
        for (int k = 0; k < n; k++) {
            r.nextBytes(img);
            Chunk c = d.read(k / Dataset.CHUNK_SAMPLES);
            int at = k % Dataset.CHUNK_SAMPLES;
            assertArrayEquals(img, java.util.Arrays.copyOfRange(c.images(), at * img.length, (at + 1) * img.length),
                    "sample " + k + " (seed " + seed + ")");
            assertEquals(k, c.states()[at * SPEC.sampleFloats()], 0, "sample " + k + " (seed " + seed + ")");
            assertEquals(k % 6, c.label(at), "sample " + k + " (seed " + seed + ")");
        }
    }

    /** A chunk that cannot be written in the background fails the next call, naming the file, not silently. */
    @Test
    void aFailedBackgroundWriteIsThrownByTheNextCall(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("dataset");
        Dataset d = new Dataset(folder, 16 * 16 * 3, SPEC.sampleFloats());
        Files.delete(folder);
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        for (int k = 0; k < Dataset.CHUNK_SAMPLES; k++) {
            d.add(img, st, 0, 0);
        }
        var e = assertThrows(java.io.IOException.class, d::flush);
        assertTrue(e.getMessage().contains("chunk-000000.bin"), e.getMessage());
        assertEquals(0, d.chunkCount());
    }

    @Test
    void samplerHoldsAtMostItsChunkBudgetAndKeepsPixelsInRange(@TempDir Path dir) throws Exception {
        long seed = 9;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        fill(d, Dataset.CHUNK_SAMPLES * 5, seed);
        BatchSampler s = new BatchSampler(d, SPEC, 2, 3, 2, 0.5, seed);
        float[] img = new float[32 * SPEC.imageSize()];
        float[] st = new float[32 * SPEC.stateSize()];
        float[] aux = new float[32 * NetworkSpec.AUX_TARGETS];
        int[] lab = new int[32];
        float[] w = new float[32];
        for (int b = 0; b < 20; b++) {
            s.next(img, st, aux, lab, w, 32, true);
            assertTrue(s.residentSamples() <= 2 * Dataset.CHUNK_SAMPLES, "seed " + seed + " batch " + b);
            for (float v : img) {
                assertTrue(v >= -0.5f && v <= 0.5f, "seed " + seed + ": pixel " + v);
            }
            for (int k = 0; k < 32; k++) {
                assertEquals(k(st, k) % 6, lab[k], "label follows its sample, seed " + seed);
                assertEquals(k(st, k) + 0.5f, aux[k * NetworkSpec.AUX_TARGETS], "targets follow their sample");
                assertTrue(w[k] > 0, "weights positive");
            }
        }
    }

    @Test
    void aSamplerTakingOverTheLastRoundsChunksDrawsTheSameBatchesWithoutReadingThemAgain(@TempDir Path dir)
            throws Exception {
        long seed = 13;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        fill(d, Dataset.CHUNK_SAMPLES * 3, seed);
        // Round 1 holds all three chunks; round 2 adds a fourth and may hold all four.
        BatchSampler round1 = new BatchSampler(d, SPEC, 4, 3, 2, 0.5, seed);
        float[][] a = batch();
        round1.next(a[0], a[1], a[2], new int[32], a[3], 32, true);
        fill(d, Dataset.CHUNK_SAMPLES, seed + 1);
        long before = d.chunkReads();
        BatchSampler plain = new BatchSampler(d, SPEC, 4, 3, 2, 0.5, seed + 7);
        BatchSampler handed = new BatchSampler(d, SPEC, 4, 3, 2, 0.5, seed + 7).takeOver(round1);
        for (int b = 0; b < 8; b++) {
            float[][] x = batch();
            float[][] y = batch();
            int[] lx = new int[32];
            int[] ly = new int[32];
            plain.next(x[0], x[1], x[2], lx, x[3], 32, true);
            long reads = d.chunkReads();
            handed.next(y[0], y[1], y[2], ly, y[3], 32, true);
            if (b == 0) {
                // The plain sampler read all four; the handed-over one only the new chunk.
                assertEquals(4, reads - before, "seed " + seed);
                assertEquals(1, d.chunkReads() - reads, "seed " + seed);
            }
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(x[i], y[i], "seed " + seed + " batch " + b);
            }
            assertArrayEquals(lx, ly, "seed " + seed + " batch " + b);
        }
        // After a truncation nothing is handed over: chunk indices are written again.
        d.truncate(2);
        fill(d, Dataset.CHUNK_SAMPLES * 2, seed + 2);
        long reads = d.chunkReads();
        float[][] z = batch();
        new BatchSampler(d, SPEC, 4, 3, 2, 0.5, seed).takeOver(handed).next(z[0], z[1], z[2], new int[32], z[3],
                32, true);
        assertEquals(4, d.chunkReads() - reads, "seed " + seed + ": read again after the truncation");
    }

    private static float[][] batch() {
        return new float[][] {new float[32 * SPEC.imageSize()], new float[32 * SPEC.stateSize()],
                new float[32 * NetworkSpec.AUX_TARGETS], new float[32]};
    }

    @Test
    void samplesWithAnObstacleCloseAheadWeighMore(@TempDir Path dir) throws Exception {
        long seed = 11;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        for (int k = 0; k < Dataset.CHUNK_SAMPLES; k++) {
            st[0] = k;
            java.util.Arrays.fill(st, SPEC.stateSize(), st.length, 1f);
            if (k % 2 == 0) {
                // an obstacle 0.3 m ahead in one of the middle strips
                st[SPEC.stateSize() + NetworkSpec.AUX_TARGETS / 2] = 0.1f;
            } else {
                // one 0.3 m away at the image's edge only: not ahead
                st[SPEC.stateSize()] = 0.1f;
            }
            d.add(img, st, 0, 0);
        }
        d.flush();
        BatchSampler s = new BatchSampler(d, SPEC, 2, 3, 0, 0, seed).nearWeight(4);
        float[] im = new float[16 * SPEC.imageSize()];
        float[] states = new float[16 * SPEC.stateSize()];
        int[] lab = new int[16];
        float[] w = new float[16];
        s.next(im, states, null, lab, w, 16, false);
        for (int k = 0; k < 16; k++) {
            boolean ahead = k(states, k) % 2 == 0;
            assertEquals(ahead ? 4 * w[firstFar(states, 16)] : w[firstFar(states, 16)], w[k], 1e-6,
                    "seed " + seed + ", sample " + k(states, k));
        }
        assertThrows(IllegalArgumentException.class, () -> s.nearWeight(0));
    }

    @Test
    void targetsAreOneHotLabelsOrTheExpertsPreferences(@TempDir Path dir) throws Exception {
        long seed = 13;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        double[] costs = new double[6];
        for (int k = 0; k < Dataset.CHUNK_SAMPLES; k++) {
            st[0] = k;
            // chosen action k % 6 at cost 0, the next one nearly as good, one unsafe, the rest far worse
            java.util.Arrays.fill(costs, 0.5);
            costs[k % 6] = 0;
            costs[(k + 1) % 6] = 0.01;
            costs[(k + 2) % 6] = Double.POSITIVE_INFINITY;
            dev.wayfinder.policy.net.TrainingTargets.expertCosts(costs, 6, st, SPEC.costsOffset());
            d.add(img, st, 0, k % 6);
        }
        d.flush();
        int n = 16;
        float[] im = new float[n * SPEC.imageSize()];
        float[] states = new float[n * SPEC.stateSize()];
        int[] lab = new int[n];
        float[] w = new float[n];
        float[] t = new float[n * 6];
        new BatchSampler(d, SPEC, 2, 3, 0, 0, seed).next(im, states, null, lab, t, w, n, false);
        for (int k = 0; k < n; k++) {
            for (int a = 0; a < 6; a++) {
                assertEquals(a == lab[k] ? 1 : 0, t[k * 6 + a], 0, "one-hot at temperature 0, seed " + seed);
            }
        }
        new BatchSampler(d, SPEC, 2, 3, 0, 0, seed).labelTemperature(0.05).next(im, states, null, lab, t, w, n, false);
        for (int k = 0; k < n; k++) {
            int a = lab[k];
            String at = "seed " + seed + ", sample " + k(states, k);
            assertEquals(k(states, k) % 6, a, at);
            assertTrue(t[k * 6 + a] > t[k * 6 + (a + 1) % 6] && t[k * 6 + (a + 1) % 6] > 0.5 * t[k * 6 + a], at);
            assertEquals(0, t[k * 6 + (a + 2) % 6], 0, at + ": the unsafe action");
            assertTrue(t[k * 6 + (a + 3) % 6] < 1e-3, at);
        }
        assertThrows(IllegalArgumentException.class, () -> new BatchSampler(d, SPEC, 2, 3, 0, 0, 1).labelTemperature(-1));
    }

    private static int firstFar(float[] st, int n) {
        for (int k = 0; k < n; k++) {
            if (k(st, k) % 2 == 1) {
                return k;
            }
        }
        throw new AssertionError("no far sample in the batch");
    }

    private static int k(float[] st, int k) {
        return (int) st[k * SPEC.stateSize()];
    }

    @Test
    void atomicWriteReplacesWholeFiles(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.bin");
        AtomicFiles.write(f, new byte[] {1, 2, 3});
        AtomicFiles.write(f, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
        assertTrue(Files.notExists(dir.resolve("x.bin.tmp")));
    }
}
