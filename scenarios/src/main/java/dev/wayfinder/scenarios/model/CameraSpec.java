package dev.wayfinder.scenarios.model;

/**
 * The robot's forward RGB camera: an ideal pinhole with square pixels and the principal point at the
 * image centre. The optical axis is the mount frame's +x (REP-103 body convention, not the optical frame).
 *
 * @param mount         pose of the camera in base_link (metres, radians)
 * @param horizontalFov full horizontal field of view, radians, in (0, pi)
 * @param width         pixels, 1..4096
 * @param height        pixels, 1..4096
 * @param near          near clip plane, metres, &gt; 0
 * @param far           far clip plane, metres, &gt; near
 */
public record CameraSpec(Pose3 mount, double horizontalFov, int width, int height, double near, double far) {
    /** Largest accepted image side, pixels. */
    public static final int MAX_SIDE = 4096;

    public CameraSpec {
        Checks.notNull("mount", mount);
        Checks.finite("horizontalFov", horizontalFov);
        if (horizontalFov <= 0 || horizontalFov >= Math.PI) {
            throw new IllegalArgumentException("horizontalFov must be in (0, pi) radians, got " + horizontalFov);
        }
        Checks.range("width", width, 1, MAX_SIDE);
        Checks.range("height", height, 1, MAX_SIDE);
        Checks.positive("near", near);
        Checks.positive("far", far);
        if (far <= near) {
            throw new IllegalArgumentException("far (" + far + ") must be greater than near (" + near + ")");
        }
    }

    /** Focal length in pixels along u. */
    public double fx() {
        return width / 2.0 / Math.tan(horizontalFov / 2);
    }

    /** Focal length in pixels along v (equal to fx: square pixels). */
    public double fy() {
        return fx();
    }

    /** Principal point u, pixels. */
    public double cx() {
        return width / 2.0;
    }

    /** Principal point v, pixels. */
    public double cy() {
        return height / 2.0;
    }

    /** Full vertical field of view, radians, implied by the aspect ratio. */
    public double verticalFov() {
        return 2 * Math.atan(height / 2.0 / fy());
    }

    /** This camera at another mount pose. */
    public CameraSpec withMount(Pose3 newMount) {
        return new CameraSpec(newMount, horizontalFov, width, height, near, far);
    }

    /** This camera with another horizontal field of view (radians). */
    public CameraSpec withHorizontalFov(double fov) {
        return new CameraSpec(mount, fov, width, height, near, far);
    }
}
