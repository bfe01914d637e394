package dev.wayfinder.cluster;

import dev.wayfinder.policy.work.JobResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Collected samples cross the wire compressed and come back byte for byte. */
class JobReplyTest {
    private static final long SEED = 41;

    /** Samples like a camera's: smooth images with pixel noise, then state floats. */
    private static byte[] samples(int count, SplittableRandom r) {
        int image = 64 * 64 * 3;
        byte[] out = new byte[count * (1 + 4 * 20 + image)];
        int k = 0;
        for (int s = 0; s < count; s++) {
            out[k++] = (byte) r.nextInt(6);
            for (int j = 0; j < 80; j++) {
                out[k++] = (byte) r.nextInt(256);
            }
            int base = r.nextInt(200);
            for (int p = 0; p < image; p++) {
                out[k++] = (byte) (base + (p / 192) % 40 + r.nextInt(4));
            }
        }
        return out;
    }

    private static long wire(Object o) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        }
        return b.size();
    }

    @Test
    void samplesRoundTripAndShrink() throws IOException {
        byte[] raw = samples(12, new SplittableRandom(SEED));
        JobResult r = new JobResult(40, 2, List.of(), 12, 3, raw, 12, "worker-a");
        JobReply reply = JobReply.of(r);
        assertEquals(0, reply.result().samples().length, "the result travels without its raw samples");
        JobResult back = reply.unpacked();
        assertArrayEquals(raw, back.samples(), "seed " + SEED);
        assertEquals(12, back.sampleCount());
        assertEquals(40, back.firstIndex());
        assertEquals(3, back.weightsVersion());
        assertEquals("worker-a", back.ranOn());
        long packed = wire(reply);
        long plain = wire(r);
        // Two bits of noise per pixel here; real camera samples are measured by `wayfinder bench cluster`.
        assertTrue(packed < plain * 0.9, "compressed " + packed + " B against " + plain + " B (seed " + SEED + ")");
    }

    @Test
    void evaluationResultsAndFailuresCarryNoSamples() {
        JobResult r = new JobResult(0, 4, List.of(), 100, 1, new byte[0], 0, "w");
        assertEquals(0, JobReply.of(r).packed().length);
        assertEquals(0, JobReply.of(r).unpacked().samples().length);
        JobReply f = JobReply.failed("boom");
        assertNull(f.result());
        assertEquals("boom", f.error());
    }

    @Test
    void aDamagedReplyIsRefused() {
        byte[] raw = samples(2, new SplittableRandom(SEED));
        JobReply good = JobReply.of(new JobResult(0, 1, List.of(), 2, 1, raw, 2, "w"));
        JobReply wrongLength = new JobReply(good.result(), good.packed(), good.rawLength() + 7, null);
        assertThrows(RuntimeException.class, wrongLength::unpacked);
    }
}
