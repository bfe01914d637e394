package dev.wayfinder.policy.work;

import dev.wayfinder.policy.data.SampleSink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Labelled samples packed into bytes, in the order they were added, to carry one job's samples from a worker to the
 * learner; {@link #replay} hands them on to another sink (the dataset) in the same order. A sample is its label, its
 * state floats and its image bytes.
 */
public final class SampleBuffer implements SampleSink {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final int imageBytes;
    private final int stateSize;
    private int count;

    /** An empty buffer for images of {@code imageBytes} bytes and states of {@code stateSize} floats. */
    public SampleBuffer(int imageBytes, int stateSize) {
        this.imageBytes = imageBytes;
        this.stateSize = stateSize;
    }

    @Override
    public void add(byte[] rgb, float[] state, int stateAt, int label) {
        try {
            out.writeByte(label);
            for (int j = 0; j < stateSize; j++) {
                out.writeFloat(state[stateAt + j]);
            }
            out.write(rgb, 0, imageBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    /** Number of samples. */
    public int count() {
        return count;
    }

    /** The packed samples. */
    public byte[] toBytes() {
        return bytes.toByteArray();
    }

    /**
     * Hands {@code count} samples packed in {@code packed} to {@code sink}, in order.
     *
     * @throws IOException when the bytes do not hold that many samples of this layout
     */
    public static void replay(byte[] packed, int count, int imageBytes, int stateSize, SampleSink sink)
            throws IOException {
        long expected = (long) count * (1 + 4L * stateSize + imageBytes);
        if (packed.length != expected) {
            throw new IOException("samples of " + packed.length + " bytes, expected " + expected + " for " + count
                    + " samples of " + imageBytes + "-byte images and " + stateSize + " state floats");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed));
        byte[] img = new byte[imageBytes];
        float[] st = new float[stateSize];
        for (int k = 0; k < count; k++) {
            int label = in.readUnsignedByte();
            for (int j = 0; j < stateSize; j++) {
                st[j] = in.readFloat();
            }
            in.readFully(img);
            sink.add(img, st, 0, label);
        }
    }
}
