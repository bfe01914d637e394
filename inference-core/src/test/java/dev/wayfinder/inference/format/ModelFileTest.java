package dev.wayfinder.inference.format;

import dev.wayfinder.inference.backend.Graphs;
import dev.wayfinder.inference.backend.scalar.ScalarBackend;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ModelFileTest {

    @Test
    void roundTripPreservesGraphAndResults(@TempDir Path dir) throws Exception {
        for (Graph g : new Graph[] {Graphs.everyOp(), PolicyCnn.build(3)}) {
            Path f = dir.resolve("m.wfm");
            ModelFile.write(g, f);
            Graph back = ModelFile.read(f);
            assertArrayEquals(ModelFile.toBytes(g), ModelFile.toBytes(back));
            float[] x = Graphs.random(new SplittableRandom(1), g.inputs().get(0).dims()[1] * g.inputs().get(0).dims()[2]
                    * g.inputs().get(0).dims()[3]);
            assertArrayEquals(Graphs.run(g, new ScalarBackend(), x), Graphs.run(back, new ScalarBackend(), x));
        }
    }

    @Test
    void truncatedFileNamesTheProblem() {
        byte[] data = ModelFile.toBytes(Graphs.everyOp());
        byte[] cut = java.util.Arrays.copyOf(data, data.length / 2);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(cut, "cut.wfm"));
        assertTrue(e.getMessage().startsWith("cut.wfm: ") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void flippedBitFailsTheChecksum() {
        byte[] data = ModelFile.toBytes(Graphs.everyOp());
        data[data.length / 3] ^= 4;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(data, "m"));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void hostileWeightCountIsRejectedBeforeAllocating() {
        byte[] data = ModelFile.toBytes(PolicyCnn.build(1));
        // Body: name (u16 len + bytes), input count, input (name, rank, dims), output count, output name, weight count.
        int p = ModelFile.HEADER;
        p += 2 + ModelFile.u16(data, p);
        p += 4;
        p += 2 + ModelFile.u16(data, p);
        p += 1 + 4 * data[p];
        p += 4;
        p += 2 + ModelFile.u16(data, p);
        for (int i = 0; i < 4; i++) {
            data[p + i] = (byte) 0xff;
        }
        reseal(data);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(data, "m"));
        assertTrue(e.getMessage().contains("weight count") && e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void hostileTensorShapeIsRejectedBeforeAllocating() {
        GraphBuilder b = new GraphBuilder("t");
        String x = b.input("x", 1, 2);
        b.output(b.apply(new Op.Add(), x, b.constant("w", dev.wayfinder.inference.tensor.Tensor.of(new float[] {1, 2}, 1, 2))));
        byte[] data = ModelFile.toBytes(b.build());
        // Find the weight's dims [1, 2] and make them [65536, 65536].
        int at = indexOf(data, new byte[] {1, 2, 1, 0, 0, 0, 2, 0, 0, 0}) + 1;
        data[at + 1] = 0;
        data[at + 3] = 1;
        data[at + 5] = 0;
        data[at + 7] = 1;
        reseal(data);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(data, "m"));
        assertTrue(e.getMessage().contains("weight 'w' shape") && e.getMessage().contains("offset"), e.getMessage());
    }

    @Test
    void notAModelFile() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelFile.fromBytes("hello, this is not a model".getBytes(), "x.txt"));
        assertTrue(e.getMessage().contains("magic"), e.getMessage());
    }

    /**
     * Fuzz: truncations, bit flips and overwrites with extreme values, both with the checksum left stale and
     * recomputed (so the parser sees the damage). Every outcome is a graph or a ModelFormatException.
     */
    @Test
    void fuzzedFilesFailCleanly() {
        long seed = Long.getLong("wayfinder.test.seed", 42L);
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] originals = {ModelFile.toBytes(Graphs.everyOp()), ModelFile.toBytes(PolicyCnn.build(2))};
        int[] extremes = {0, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 1 << 30};
        for (int iter = 0; iter < 2000; iter++) {
            byte[] data = originals[iter % 2].clone();
            int kind = rnd.nextInt(4);
            if (kind == 0) {
                data = java.util.Arrays.copyOf(data, rnd.nextInt(data.length));
            } else if (kind == 1) {
                for (int f = 1 + rnd.nextInt(8); f > 0; f--) {
                    int i = rnd.nextInt(data.length);
                    data[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            } else {
                // Overwrite 4 bytes somewhere in the first 2 KiB (where the structure is) with an extreme value.
                int i = ModelFile.HEADER + rnd.nextInt(Math.min(2048, data.length - ModelFile.HEADER - 8));
                int v = extremes[rnd.nextInt(extremes.length)];
                for (int k = 0; k < 4; k++) {
                    data[i + k] = (byte) (v >>> (8 * k));
                }
            }
            if (kind >= 2 || rnd.nextBoolean()) {
                reseal(data);
            }
            byte[] input = data;
            int it = iter;
            try {
                ModelFile.fromBytes(input, "fuzz");
            } catch (ModelFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz: ") && e.getMessage().length() > 12,
                        () -> "iteration " + it + " seed " + seed + ": vague message " + e.getMessage());
            } catch (Throwable t) {
                fail("iteration " + it + " (mutation kind " + kind + ") with seed " + seed + " threw " + t, t);
            }
        }
    }

    /** Recomputes the trailing checksum (and, if it still fits, keeps the declared length). */
    static void reseal(byte[] data) {
        if (data.length < ModelFile.HEADER + 4) {
            return;
        }
        CRC32 crc = new CRC32();
        crc.update(data, 0, data.length - 4);
        int v = (int) crc.getValue();
        for (int k = 0; k < 4; k++) {
            data[data.length - 4 + k] = (byte) (v >>> (8 * k));
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void oversizedFileIsRefusedByLength(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("big.wfm");
        Files.write(f, ModelFile.toBytes(Graphs.everyOp()));
        assertTrue(Files.size(f) < ModelFile.DEFAULT_MAX_BYTES);
        byte[] data = Files.readAllBytes(f);
        data[8] = (byte) 0xff;
        data[9] = (byte) 0xff;
        data[10] = (byte) 0xff;
        data[11] = (byte) 0x7f;
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.fromBytes(data, "m"));
        assertTrue(e.getMessage().contains("offset 8") && e.getMessage().contains("truncated"), e.getMessage());
    }
}
