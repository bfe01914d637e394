package dev.wayfinder.policy.data;

import dev.wayfinder.robot.net.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sequences for truncated backpropagation through time are rebuilt from interleaved samples by their links: each
 * holds consecutive samples of one robot's episode, oldest first, never crosses an episode's start, reaches across
 * chunk files, stops where a chunk is not in memory, and pads short ones with rows of weight 0.
 */
class SequenceSamplerTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 8, 6, 0, 0, 4);
    private static final int ROBOTS = 3;

    /**
     * Writes {@code n} samples of {@link #ROBOTS} robots taking turns (robot k % 3, sometimes one skips a turn), each
     * robot's episodes 7 steps long. The state's first floats say who and when: robot, episode, step; the label is
     * the step modulo 6.
     */
    private static void record(Dataset d, int n, long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        int[] step = new int[ROBOTS];
        int[] episode = new int[ROBOTS];
        long[] last = {-1, -1, -1};
        int written = 0;
        for (int turn = 0; written < n; turn++) {
            int robot = turn % ROBOTS;
            if (r.nextInt(5) == 0) {
                continue; // this robot is idle this turn: links are not always 3 apart
            }
            r.nextBytes(img);
            java.util.Arrays.fill(st, 0f);
            st[0] = robot;
            st[1] = episode[robot];
            st[2] = step[robot];
            st[SPEC.hiddenOffset()] = 100 + written; // the stored hidden state names its sample
            st[SPEC.linkOffset()] = last[robot] < 0 ? 0 : written - last[robot];
            d.add(img, st, 0, step[robot] % 6);
            last[robot] = written;
            written++;
            step[robot]++;
            if (step[robot] == 7) {
                step[robot] = 0;
                episode[robot]++;
                last[robot] = -1;
            }
        }
        d.flush();
    }

    @Test
    void sequencesFollowOneRobotsEpisodeOldestFirst(@TempDir Path dir) throws Exception {
        long seed = 17;
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        record(d, Dataset.CHUNK_SAMPLES * 3, seed);
        int windows = 24;
        int steps = 5;
        int rows = windows * steps;
        float[] img = new float[rows * SPEC.imageSize()];
        float[] st = new float[rows * SPEC.stateSize()];
        float[] aux = new float[rows * NetworkSpec.AUX_TARGETS];
        int[] lab = new int[rows];
        float[] w = new float[rows];
        float[] targets = new float[rows * 6];
        int[] lengths = new int[windows];
        BatchSampler s = new BatchSampler(d, SPEC, 3, 1000, 1, 0.5, seed);
        int full = 0;
        int short_ = 0;
        for (int batch = 0; batch < 10; batch++) {
            s.nextSequences(img, st, aux, lab, targets, w, lengths, windows, steps, true);
            for (int b = 0; b < windows; b++) {
                String at = "seed " + seed + ", batch " + batch + ", sequence " + b;
                assertTrue(lengths[b] >= 1 && lengths[b] <= steps, at + ": length " + lengths[b]);
                full += lengths[b] == steps ? 1 : 0;
                short_ += lengths[b] < steps ? 1 : 0;
                float robot = st[b * SPEC.stateSize()];
                float episode = st[b * SPEC.stateSize() + 1];
                float firstStep = st[b * SPEC.stateSize() + 2];
                if (lengths[b] < steps) {
                    assertEquals(0, firstStep, 0, at + ": a short sequence starts its episode");
                }
                for (int t = 0; t < steps; t++) {
                    int row = t * windows + b;
                    if (t >= lengths[b]) {
                        assertEquals(0, w[row], 0, at + ": padding weighs nothing");
                        continue;
                    }
                    assertTrue(w[row] > 0, at);
                    assertEquals(robot, st[row * SPEC.stateSize()], 0, at + ": one robot");
                    assertEquals(episode, st[row * SPEC.stateSize() + 1], 0, at + ": one episode");
                    assertEquals(firstStep + t, st[row * SPEC.stateSize() + 2], 0, at + ": consecutive, oldest first");
                    assertEquals((int) (firstStep + t) % 6, lab[row], at + ": the label follows its sample");
                    assertEquals(1f, targets[row * 6 + lab[row]], 0, at);
                    assertTrue(st[row * SPEC.stateSize() + SPEC.hiddenOffset()] >= 100,
                            at + ": the stored hidden state is kept (action dropout leaves it)");
                }
            }
        }
        assertTrue(full > 0 && short_ > 0, "seed " + seed + ": both full and short sequences drawn (" + full + ", "
                + short_ + ")");
    }

    @Test
    void aSequenceStopsWhereItsEarlierChunkIsNotInMemory(@TempDir Path dir) throws Exception {
        long seed = 19;
        // Episodes of one robot that never end, over many chunks, with one chunk in memory: no sequence reaches
        // back past the start of the resident chunk.
        Dataset d = new Dataset(dir, 16 * 16 * 3, SPEC.sampleFloats());
        byte[] img = new byte[16 * 16 * 3];
        float[] st = new float[SPEC.sampleFloats()];
        for (int k = 0; k < Dataset.CHUNK_SAMPLES * 4; k++) {
            st[0] = k % Dataset.CHUNK_SAMPLES;
            st[SPEC.linkOffset()] = k == 0 ? 0 : 1;
            d.add(img, st, 0, 0);
        }
        d.flush();
        BatchSampler s = new BatchSampler(d, SPEC, 1, 1000, 0, 0, seed);
        int windows = 64;
        int steps = 8;
        float[] im = new float[windows * steps * SPEC.imageSize()];
        float[] states = new float[windows * steps * SPEC.stateSize()];
        int[] lab = new int[windows * steps];
        float[] w = new float[windows * steps];
        int[] lengths = new int[windows];
        s.nextSequences(im, states, null, lab, null, w, lengths, windows, steps, false);
        for (int b = 0; b < windows; b++) {
            int first = (int) states[b * SPEC.stateSize()];
            assertEquals(Math.min(steps, first + lengths[b]), lengths[b], "seed " + seed + ", sequence " + b
                    + " starts at position " + first + " of its chunk");
        }
        assertThrows(IllegalStateException.class, () -> new BatchSampler(d, SPEC.withRecurrentUnits(0), 1, 1, 0, 0, 1)
                .nextSequences(im, states, null, lab, null, w, lengths, windows, steps, false));
    }
}
