package dev.wayfinder.policy.data;

/**
 * Samples in memory: images (raw sRGB bytes), states and labels in flat arrays. Not thread-safe.
 */
public final class Chunk {
    private final int capacity;
    private final int imageBytes;
    private final int stateSize;
    private final byte[] images;
    private final float[] states;
    private final byte[] labels;
    private int size;

    /** An empty chunk for {@code capacity} samples. */
    public Chunk(int capacity, int imageBytes, int stateSize) {
        if (capacity < 1 || imageBytes < 1 || stateSize < 1) {
            throw new IllegalArgumentException("capacity, image bytes and state size must be >= 1");
        }
        this.capacity = capacity;
        this.imageBytes = imageBytes;
        this.stateSize = stateSize;
        this.images = new byte[capacity * imageBytes];
        this.states = new float[capacity * stateSize];
        this.labels = new byte[capacity];
    }

    /** Appends a sample (copied). */
    public void add(byte[] rgb, float[] state, int stateAt, int label) {
        if (size == capacity) {
            throw new IllegalStateException("chunk is full (" + capacity + " samples)");
        }
        if (label < 0 || label > 255) {
            throw new IllegalArgumentException("label must be in 0..255, got " + label);
        }
        System.arraycopy(rgb, 0, images, size * imageBytes, imageBytes);
        System.arraycopy(state, stateAt, states, size * stateSize, stateSize);
        labels[size] = (byte) label;
        size++;
    }

    /** Number of samples. */
    public int size() {
        return size;
    }

    /** Drops all samples. */
    public void clear() {
        size = 0;
    }

    /** Bytes per image. */
    public int imageBytes() {
        return imageBytes;
    }

    /** Floats per state. */
    public int stateSize() {
        return stateSize;
    }

    /** All images, sample-major; live. */
    public byte[] images() {
        return images;
    }

    /** All states, sample-major; live. */
    public float[] states() {
        return states;
    }

    /** Label of sample {@code k}. */
    public int label(int k) {
        return labels[k] & 0xff;
    }
}
