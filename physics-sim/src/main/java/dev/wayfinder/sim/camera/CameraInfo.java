package dev.wayfinder.sim.camera;

import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Pose3;

import java.util.Objects;

/**
 * Intrinsics and mounting of a camera, as a renderer produces images for it (like sensor_msgs/CameraInfo).
 * Square pixels, principal point at the image centre, optical axis along the mount frame's +x.
 *
 * @param width  pixels, 1..4096
 * @param height pixels, 1..4096
 * @param fx     focal length along u, pixels, &gt; 0
 * @param fy     focal length along v, pixels, &gt; 0
 * @param cx     principal point u, pixels
 * @param cy     principal point v, pixels
 * @param near   near clip distance, metres, &gt; 0
 * @param far    far clip distance, metres, &gt; near
 * @param mount  pose of the camera in base_link (metres, radians)
 */
public record CameraInfo(int width, int height, double fx, double fy, double cx, double cy, double near,
                         double far, Pose3 mount) {
    public CameraInfo {
        if (width < 1 || width > CameraSpec.MAX_SIDE || height < 1 || height > CameraSpec.MAX_SIDE) {
            throw new IllegalArgumentException("image size must be 1.." + CameraSpec.MAX_SIDE + " pixels, got "
                    + width + "x" + height);
        }
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("focal lengths must be finite and > 0, got " + fx + ", " + fy);
        }
        if (!(near > 0) || !(far > near) || !Double.isFinite(far)) {
            throw new IllegalArgumentException("need 0 < near < far (finite), got " + near + ", " + far);
        }
        Objects.requireNonNull(mount, "mount");
    }

    /** The camera described by an episode's robot. */
    public static CameraInfo of(CameraSpec spec) {
        return new CameraInfo(spec.width(), spec.height(), spec.fx(), spec.fy(), spec.cx(), spec.cy(),
                spec.near(), spec.far(), spec.mount());
    }

    /** Number of pixels, width x height. */
    public int pixels() {
        return width * height;
    }
}
