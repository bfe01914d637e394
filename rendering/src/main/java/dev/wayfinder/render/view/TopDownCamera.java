package dev.wayfinder.render.view;

import dev.wayfinder.render.math.Mat4;
import dev.wayfinder.scenarios.model.Episode;

/**
 * An orthographic map view looking straight down, +x to the right and +y up in the image.
 *
 * @param centerX    metres
 * @param centerY    metres
 * @param halfExtent half of the visible span along the image's shorter side, metres, &gt; 0
 */
public record TopDownCamera(double centerX, double centerY, double halfExtent) implements FreeCamera {
    private static final double HEIGHT = 100;

    public TopDownCamera {
        if (!(halfExtent > 0)) {
            throw new IllegalArgumentException("halfExtent must be > 0 metres, got " + halfExtent);
        }
    }

    /** The whole arena of {@code episode} with its walls and a small margin. */
    public static TopDownCamera of(Episode episode) {
        var a = episode.arena();
        return new TopDownCamera(0, 0, Math.max(a.halfX(), a.halfY()) + a.wallThickness() + 0.2);
    }

    @Override
    public void view(float[] out) {
        Mat4.viewFromBodyPose(out, centerX, centerY, HEIGHT, 0, Math.PI / 2, Math.PI / 2);
    }

    @Override
    public void projection(float[] out, int width, int height) {
        double aspect = (double) width / height;
        double hw = aspect >= 1 ? halfExtent * aspect : halfExtent;
        double hh = aspect >= 1 ? halfExtent : halfExtent / aspect;
        Mat4.orthographic(out, hw, hh, 1, HEIGHT + 10);
    }
}
