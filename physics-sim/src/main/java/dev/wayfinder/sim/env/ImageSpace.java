package dev.wayfinder.sim.env;

import dev.wayfinder.sim.camera.CameraFrame;

import java.util.random.RandomGenerator;

/**
 * Camera frames of a fixed size: members are {@link CameraFrame}s of {@code height x width} pixels.
 *
 * @param width  pixels, &gt;= 1
 * @param height pixels, &gt;= 1
 */
public record ImageSpace(int width, int height) implements Space {
    public ImageSpace {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be >= 1, got " + width + "x" + height);
        }
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof CameraFrame f && f.info().width() == width && f.info().height() == height;
    }

    /** Image spaces cannot be sampled meaningfully; throws. */
    @Override
    public Object sample(RandomGenerator rng) {
        throw new UnsupportedOperationException("an image space has no sampler");
    }
}
