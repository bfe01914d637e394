package dev.wayfinder.render.view;

import dev.wayfinder.render.math.Mat4;
import dev.wayfinder.scenarios.model.Episode;

/**
 * A perspective camera orbiting a target point: it looks at the target from {@code distance} metres away,
 * from the direction given by azimuth (radians counter-clockwise from +x) and elevation (radians above the
 * floor plane).
 *
 * @param targetX     metres
 * @param targetY     metres
 * @param targetZ     metres
 * @param distance    metres, &gt; 0
 * @param azimuth     radians
 * @param elevation   radians, in (-pi/2, pi/2)
 * @param verticalFov full vertical field of view, radians, in (0, pi)
 */
public record OrbitCamera(double targetX, double targetY, double targetZ, double distance, double azimuth,
                          double elevation, double verticalFov) implements FreeCamera {
    public OrbitCamera {
        if (!(distance > 0)) {
            throw new IllegalArgumentException("distance must be > 0 metres, got " + distance);
        }
        if (!(Math.abs(elevation) < Math.PI / 2)) {
            throw new IllegalArgumentException("elevation must be in (-pi/2, pi/2), got " + elevation);
        }
        if (!(verticalFov > 0 && verticalFov < Math.PI)) {
            throw new IllegalArgumentException("verticalFov must be in (0, pi), got " + verticalFov);
        }
    }

    /** A three-quarter view of the whole arena of {@code episode}, from behind the robot's start side. */
    public static OrbitCamera overview(Episode episode) {
        double hx = episode.arena().halfX();
        double hy = episode.arena().halfY();
        double radius = Math.hypot(hx, hy);
        double fov = Math.toRadians(45);
        return new OrbitCamera(0, 0, 0, radius / Math.sin(fov / 2) * 0.9, Math.toRadians(-115),
                Math.toRadians(50), fov);
    }

    /** This camera rotated by {@code dAzimuth} and tilted by {@code dElevation} (clamped), radians. */
    public OrbitCamera orbit(double dAzimuth, double dElevation) {
        double e = Math.clamp(elevation + dElevation, -1.5, 1.5);
        return new OrbitCamera(targetX, targetY, targetZ, distance, azimuth + dAzimuth, e, verticalFov);
    }

    /**
     * This camera with its target moved in the image plane: {@code right} metres toward the image's right edge and
     * {@code up} metres toward its top edge (the view direction and distance stay).
     */
    public OrbitCamera pan(double right, double up) {
        double ca = Math.cos(azimuth), sa = Math.sin(azimuth);
        double ce = Math.cos(elevation), se = Math.sin(elevation);
        // Right: (-sin a, cos a, 0); up: right x forward = (-sin e cos a, -sin e sin a, cos e).
        return new OrbitCamera(targetX - sa * right - se * ca * up, targetY + ca * right - se * sa * up,
                targetZ + ce * up, distance, azimuth, elevation, verticalFov);
    }

    /** This camera with the distance multiplied by {@code factor} (&gt; 0). */
    public OrbitCamera zoom(double factor) {
        return new OrbitCamera(targetX, targetY, targetZ, distance * factor, azimuth, elevation, verticalFov);
    }

    @Override
    public void view(float[] out) {
        double ce = Math.cos(elevation);
        double ex = targetX + distance * ce * Math.cos(azimuth);
        double ey = targetY + distance * ce * Math.sin(azimuth);
        double ez = targetZ + distance * Math.sin(elevation);
        Mat4.viewFromBodyPose(out, ex, ey, ez, 0, elevation, azimuth + Math.PI);
    }

    @Override
    public void projection(float[] out, int width, int height) {
        double f = height / 2.0 / Math.tan(verticalFov / 2);
        Mat4.projection(out, f, f, width / 2.0, height / 2.0, width, height, Math.max(0.01, distance * 0.01),
                distance * 4 + 50);
    }
}
