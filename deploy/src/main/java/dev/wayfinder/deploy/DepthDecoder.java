package dev.wayfinder.deploy;

import dev.wayfinder.robot.RobotObservation.DepthImage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Depth images as REP-118 defines them into the robot's {@link DepthImage} (metres, NaN where nothing was measured):
 * {@code 32FC1} in metres with NaN (or 0 or infinity) invalid, and {@code 16UC1} in millimetres with 0 invalid. The
 * message's {@code is_bigendian} flag is honoured. The depth image must be registered to the colour image (the same
 * size; an RGB-D driver's aligned depth). Stateless and thread-safe.
 */
public final class DepthDecoder {
    private DepthDecoder() {
    }

    /**
     * @param encoding  32FC1 or 16UC1
     * @param width     pixels
     * @param height    pixels
     * @param step      row length in bytes
     * @param bigEndian the message's is_bigendian
     * @param data      the pixels (read from position 0; not changed)
     * @param stamp     header stamp, nanoseconds
     * @param expectedW the colour image's width, or 0 when none arrived yet
     * @param expectedH the colour image's height, or 0
     * @throws Refusal when the image does not agree with itself or the colour image
     */
    public static DepthImage decode(String encoding, int width, int height, int step, boolean bigEndian,
                                    ByteBuffer data, long stamp, int expectedW, int expectedH) throws Refusal {
        int bytes;
        switch (encoding) {
            case "32FC1" -> bytes = 4;
            case "16UC1", "mono16" -> bytes = 2;
            default -> throw new Refusal(Refusal.Reason.DEPTH_ENCODING, "depth encoding '" + encoding
                    + "' is not read; expected 32FC1 (metres) or 16UC1 (millimetres), REP-118");
        }
        if (width < 1 || height < 1 || width > dev.wayfinder.robot.CameraModel.MAX_SIDE
                || height > dev.wayfinder.robot.CameraModel.MAX_SIDE) {
            throw new Refusal(Refusal.Reason.DEPTH_SIZE, "depth image is " + width + "x" + height + "; expected 1.."
                    + dev.wayfinder.robot.CameraModel.MAX_SIDE + " pixels a side");
        }
        if (expectedW > 0 && (width != expectedW || height != expectedH)) {
            throw new Refusal(Refusal.Reason.DEPTH_SIZE, "depth image is " + width + "x" + height + " but the colour"
                    + " image is " + expectedW + "x" + expectedH + "; subscribe to depth registered to the colour"
                    + " camera (an RGB-D driver's aligned depth)");
        }
        long rowBytes = (long) width * bytes;
        if (step < rowBytes) {
            throw new Refusal(Refusal.Reason.DEPTH_STEP, "depth image " + width + "x" + height + " " + encoding
                    + " has step " + step + " bytes, shorter than a row of " + rowBytes + " bytes");
        }
        long need = (long) step * height;
        if (data.limit() < need) {
            throw new Refusal(Refusal.Reason.DEPTH_TRUNCATED, "depth image " + width + "x" + height + " " + encoding
                    + " with step " + step + " needs " + need + " bytes, got " + data.limit());
        }
        ByteBuffer in = data.duplicate().order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        float[] metres = new float[width * height];
        if (bytes == 4) {
            float[] row = new float[width];
            for (int y = 0; y < height; y++) {
                in.position(y * step);
                in.slice().order(in.order()).asFloatBuffer().get(row);
                for (int x = 0, d = y * width; x < width; x++, d++) {
                    float v = row[x];
                    metres[d] = v > 0 && Float.isFinite(v) ? v : Float.NaN;
                }
            }
        } else {
            short[] row = new short[width];
            for (int y = 0; y < height; y++) {
                in.position(y * step);
                in.slice().order(in.order()).asShortBuffer().get(row);
                for (int x = 0, d = y * width; x < width; x++, d++) {
                    int mm = row[x] & 0xffff;
                    metres[d] = mm == 0 ? Float.NaN : mm / 1000f;
                }
            }
        }
        return new DepthImage(width, height, metres, stamp);
    }
}
