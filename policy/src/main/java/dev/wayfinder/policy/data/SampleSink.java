package dev.wayfinder.policy.data;

import java.io.IOException;

/**
 * Where labelled samples go: the on-disk {@link Dataset}, or a buffer that carries one shard's samples from a worker
 * to the learner.
 */
public interface SampleSink {
    /** Appends a sample: the image's raw sRGB bytes, the state floats from {@code stateAt}, the expert's label. */
    void add(byte[] rgb, float[] state, int stateAt, int label) throws IOException;
}
