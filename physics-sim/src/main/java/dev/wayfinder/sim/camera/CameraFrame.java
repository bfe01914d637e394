package dev.wayfinder.sim.camera;

import java.util.Arrays;
import java.util.Objects;

/**
 * One camera image with its depth and segmentation, in preallocated arrays that a {@link CameraSensor}
 * overwrites on every capture. Rows run top to bottom, pixels left to right (row-major, origin top left).
 *
 * <ul>
 *   <li>{@link #rgb()}: (height x width x 3) bytes, sRGB, interleaved R, G, B</li>
 *   <li>{@link #depth()}: (height x width) <em>ground-truth</em> metres along the optical axis; {@code +inf}
 *       where nothing was hit. Privileged: training labels, experts and checks may use it, a policy must not
 *       (a robot has no such image)</li>
 *   <li>{@link #measuredDepth()}: (height x width) what the robot's RGB-D camera delivers: metres along the
 *       optical axis with the episode's {@link dev.wayfinder.scenarios.model.DepthEffects} applied
 *       ({@link DepthNoiseModel}), NaN where the camera has no valid measurement (REP-118, 32FC1)</li>
 *   <li>{@link #segmentation()}: (height x width) segmentation ids as
 *       {@link dev.wayfinder.sim.core.SegmentationIds} defines them (body ids as
 *       {@link dev.wayfinder.sim.core.World#segmentationId(int)} gives them); 0 where nothing was hit</li>
 * </ul>
 *
 * The one camera frame type: the OpenGL renderer (rendering's {@code Renderer#renderCamera}) reads its pixels back
 * straight into these arrays, and env observations, policies, images and checks read them. Not thread-safe: one
 * writer (the sensor) at a time; readers copy what they keep.
 */
public final class CameraFrame {
    private final CameraInfo info;
    private final byte[] rgb;
    private final float[] depth;
    private final float[] measuredDepth;
    private final int[] segmentation;
    private long stampNanos;

    /** A frame sized for {@code info}, black, depth infinite, measured depth NaN, segmentation 0. */
    public CameraFrame(CameraInfo info) {
        this.info = Objects.requireNonNull(info, "info");
        this.rgb = new byte[info.pixels() * 3];
        this.depth = new float[info.pixels()];
        this.measuredDepth = new float[info.pixels()];
        this.segmentation = new int[info.pixels()];
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        Arrays.fill(measuredDepth, Float.NaN);
    }

    /** The camera this frame is sized for. */
    public CameraInfo info() {
        return info;
    }

    /** Width, pixels. */
    public int width() {
        return info.width();
    }

    /** Height, pixels. */
    public int height() {
        return info.height();
    }

    /** The colour at column {@code u}, row {@code v} (0 = top) as 0xRRGGBB. */
    public int rgbAt(int u, int v) {
        int o = (v * info.width() + u) * 3;
        return (rgb[o] & 0xff) << 16 | (rgb[o + 1] & 0xff) << 8 | (rgb[o + 2] & 0xff);
    }

    /** Ground-truth depth at column {@code u}, row {@code v} (0 = top), metres. */
    public float depthAt(int u, int v) {
        return depth[v * info.width() + u];
    }

    /** Segmentation id at column {@code u}, row {@code v} (0 = top). */
    public int segmentationAt(int u, int v) {
        return segmentation[v * info.width() + u];
    }

    /** Colour, (height x width x 3) bytes; the live array, written by the sensor. */
    public byte[] rgb() {
        return rgb;
    }

    /**
     * Ground-truth depth in metres along the optical axis, (height x width), {@code +inf} where nothing was
     * hit; the live array. Privileged information: use {@link #measuredDepth()} for what a robot would see.
     */
    public float[] depth() {
        return depth;
    }

    /**
     * Depth as the robot's RGB-D camera measures it, metres along the optical axis, (height x width), NaN
     * where invalid (no return, out of range, depth edge, dropout); the live array. Equals {@link #depth()}
     * wherever something was hit when the episode's depth camera is perfect.
     */
    public float[] measuredDepth() {
        return measuredDepth;
    }

    /** Segmentation ids, (height x width); the live array. */
    public int[] segmentation() {
        return segmentation;
    }

    /**
     * Simulation time of the capture, nanoseconds since reset: when the world looked as the frame shows it,
     * which is the episode's camera latency before the frame's delivery.
     */
    public long stampNanos() {
        return stampNanos;
    }

    /** Sets the simulation time of the capture, nanoseconds since reset (&gt;= 0). */
    public void setStampNanos(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("stamp must be >= 0 ns, got " + nanos);
        }
        this.stampNanos = nanos;
    }

    /** A deep copy. */
    public CameraFrame copy() {
        CameraFrame c = new CameraFrame(info);
        System.arraycopy(rgb, 0, c.rgb, 0, rgb.length);
        System.arraycopy(depth, 0, c.depth, 0, depth.length);
        System.arraycopy(measuredDepth, 0, c.measuredDepth, 0, measuredDepth.length);
        System.arraycopy(segmentation, 0, c.segmentation, 0, segmentation.length);
        c.stampNanos = stampNanos;
        return c;
    }
}
