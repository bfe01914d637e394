package dev.wayfinder.render.view;

/**
 * A camera not attached to the robot, for the studio and overviews: it supplies a view matrix and, for a
 * given image size, a projection (both column-major float[16], image row 0 at the top).
 */
public sealed interface FreeCamera permits OrbitCamera, TopDownCamera {
    /** Writes the view matrix into {@code out} (modified). */
    void view(float[] out);

    /** Writes the projection for a {@code width x height} image into {@code out} (modified). */
    void projection(float[] out, int width, int height);
}
