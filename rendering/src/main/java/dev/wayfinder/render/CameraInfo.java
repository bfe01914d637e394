package dev.wayfinder.render;

import dev.wayfinder.scenarios.model.CameraSpec;

/**
 * Pinhole intrinsics of a camera image, as ROS's sensor_msgs/CameraInfo carries them (no distortion).
 *
 * @param width  pixels, &gt;= 1
 * @param height pixels, &gt;= 1
 * @param fx     focal length along u, pixels, &gt; 0
 * @param fy     focal length along v, pixels, &gt; 0
 * @param cx     principal point u, pixels (0 = left edge of the first column)
 * @param cy     principal point v, pixels (0 = top edge of the first row)
 * @param near   near clip distance, metres
 * @param far    far clip distance, metres
 */
public record CameraInfo(int width, int height, double fx, double fy, double cx, double cy, double near,
                         double far) {
    public CameraInfo {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (!(fx > 0) || !(fy > 0)) {
            throw new IllegalArgumentException("focal lengths must be > 0, got fx=" + fx + " fy=" + fy);
        }
        if (!(near > 0) || !(far > near)) {
            throw new IllegalArgumentException("need 0 < near < far, got near=" + near + " far=" + far);
        }
    }

    /** The intrinsics of {@code spec}. */
    public static CameraInfo of(CameraSpec spec) {
        return new CameraInfo(spec.width(), spec.height(), spec.fx(), spec.fy(), spec.cx(), spec.cy(),
                spec.near(), spec.far());
    }

    /** The row-major 3x3 matrix K = [fx 0 cx; 0 fy cy; 0 0 1]. */
    public double[] k() {
        return new double[] {fx, 0, cx, 0, fy, cy, 0, 0, 1};
    }
}
