package dev.wayfinder.robot;

/**
 * The camera's calibration as a robot knows it (sensor_msgs/CameraInfo plus the camera's mount from the robot
 * description): pinhole intrinsics of the image, and the nominal pose of the optical frame in base_link (x forward,
 * y left, z up; the optical axis along the mount's +x; positive pitch looks down). It is what the robot was
 * calibrated to, not the camera's true pose, which may differ.
 *
 * @param width  pixels, 1..4096
 * @param height pixels, 1..4096
 * @param fx     focal length along u, pixels, &gt; 0
 * @param fy     focal length along v, pixels, &gt; 0
 * @param cx     principal point u, pixels
 * @param cy     principal point v, pixels
 * @param mountX mount position in base_link, metres
 * @param mountY metres
 * @param mountZ metres above the floor (base_link lies on the floor)
 * @param roll   mount roll, radians
 * @param pitch  mount pitch, radians, positive looks down
 * @param yaw    mount yaw, radians, positive looks left
 */
public record CameraModel(int width, int height, double fx, double fy, double cx, double cy, double mountX,
                          double mountY, double mountZ, double roll, double pitch, double yaw) {
    /** Largest image side accepted. */
    public static final int MAX_SIDE = 4096;

    public CameraModel {
        if (width < 1 || width > MAX_SIDE || height < 1 || height > MAX_SIDE) {
            throw new IllegalArgumentException("camera image must be 1.." + MAX_SIDE + " pixels a side, got " + width
                    + "x" + height);
        }
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)) {
            throw new IllegalArgumentException("camera focal lengths must be finite and > 0, got " + fx + ", " + fy);
        }
        for (double v : new double[] {cx, cy, mountX, mountY, mountZ, roll, pitch, yaw}) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("camera principal point and mount must be finite");
            }
        }
    }

    /** Pixels, width x height. */
    public int pixels() {
        return width * height;
    }
}
