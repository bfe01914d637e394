package dev.wayfinder.ros.msg;

import java.util.Arrays;

/**
 * sensor_msgs/CameraInfo: calibration of a pinhole camera.
 *
 * @param header time and camera optical frame
 * @param height image rows
 * @param width image columns
 * @param distortionModel e.g. "plumb_bob"
 * @param d distortion parameters (copied)
 * @param k 3x3 intrinsic matrix, row-major
 * @param r 3x3 rectification matrix
 * @param p 3x4 projection matrix (12 entries, copied)
 * @param binningX horizontal binning
 * @param binningY vertical binning
 * @param roi region of interest
 */
public record CameraInfo(Header header, int height, int width, String distortionModel, double[] d, Covariance k,
                         Covariance r, double[] p, int binningX, int binningY, RegionOfInterest roi) {
    /** The type. */
    public static final MessageType<CameraInfo> TYPE = MessageType.of("sensor_msgs/msg/CameraInfo", (v, w) -> {
        Header.write(v.header, w);
        w.writeInt32(v.height);
        w.writeInt32(v.width);
        w.writeString(v.distortionModel);
        w.writeFloat64Sequence(v.d);
        w.writeFloat64Array(v.k.raw());
        w.writeFloat64Array(v.r.raw());
        w.writeFloat64Array(v.p);
        w.writeInt32(v.binningX);
        w.writeInt32(v.binningY);
        RegionOfInterest.write(v.roi, w);
    }, in -> new CameraInfo(Header.read(in), in.readInt32(), in.readInt32(), in.readString(),
            in.readFloat64Sequence(), new Covariance(in.readFloat64Array(9)), new Covariance(in.readFloat64Array(9)),
            in.readFloat64Array(12), in.readInt32(), in.readInt32(), RegionOfInterest.read(in)));

    /** Validates sizes and copies. */
    public CameraInfo {
        if (d == null || p == null || p.length != 12 || k.raw().length != 9 || r.raw().length != 9) {
            throw new IllegalArgumentException("camera info needs d, 3x3 k and r, and 3x4 p");
        }
        d = d.clone();
        p = p.clone();
    }

    /** @return a copy of the d array (the record stays immutable) */
    @Override
    public double[] d() {
        return d.clone();
    }

    /** @return a copy of the p array (the record stays immutable) */
    @Override
    public double[] p() {
        return p.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CameraInfo c && header.equals(c.header) && height == c.height && width == c.width
                && distortionModel.equals(c.distortionModel) && Arrays.equals(d, c.d) && k.equals(c.k)
                && r.equals(c.r) && Arrays.equals(p, c.p) && binningX == c.binningX && binningY == c.binningY
                && roi.equals(c.roi);
    }

    @Override
    public int hashCode() {
        return header.hashCode() * 31 + k.hashCode();
    }

    @Override
    public String toString() {
        return "CameraInfo[" + width + "x" + height + " " + distortionModel + " k=" + k + ", " + header + "]";
    }
}
