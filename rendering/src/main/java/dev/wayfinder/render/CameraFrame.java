package dev.wayfinder.render;

import dev.wayfinder.render.effects.CameraPostProcess;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.sim.camera.CameraInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * The preallocated output of one robot camera stream, rewritten by every
 * {@link Renderer#renderCamera(RenderScene, ObjectPoses, CameraFrame)}: RGB (H x W x 3 bytes, row 0 at the
 * top), depth (H x W floats, metres along the optical axis; {@code +Infinity} where nothing was hit, as
 * REP-117 prescribes) and segmentation (H x W ints, see {@link SegmentationIds}). It also holds the stream's
 * effect state (motion blur history, noise generator), so keep one per environment. Not thread-safe.
 */
public final class CameraFrame {
    private final CameraSpec spec;
    private final CameraInfo info;
    private final boolean depthEnabled;
    private final boolean segmentationEnabled;
    private final ByteBuffer rgb;
    private final FloatBuffer depth;
    private final IntBuffer segmentation;
    private final CameraPostProcess effects;
    private long frames;

    /**
     * A frame for {@code spec} with {@code effects} seeded by {@code seed}.
     *
     * @param depth        whether to read back depth (costs a little per frame)
     * @param segmentation whether to read back segmentation ids
     */
    public CameraFrame(CameraSpec spec, CameraEffects effects, long seed, boolean depth, boolean segmentation) {
        this.spec = spec;
        this.info = CameraInfo.of(spec);
        this.depthEnabled = depth;
        this.segmentationEnabled = segmentation;
        int n = spec.width() * spec.height();
        this.rgb = ByteBuffer.allocateDirect(n * 3).order(ByteOrder.nativeOrder());
        this.depth = depth ? ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asFloatBuffer() : null;
        this.segmentation = segmentation
                ? ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asIntBuffer() : null;
        CameraPostProcess post = new CameraPostProcess(effects, spec.width(), spec.height(), seed);
        this.effects = post.isIdentity() ? null : post;
    }

    /** The episode's camera with all three outputs and the episode's effects, seeded by the episode seed. */
    public static CameraFrame of(Episode episode) {
        return new CameraFrame(episode.robot().camera(), episode.cameraEffects(), episode.seed(), true, true);
    }

    /** The camera's intrinsics. */
    public CameraInfo info() {
        return info;
    }

    /** The camera specification (mount, FOV, size, clip planes). */
    public CameraSpec spec() {
        return spec;
    }

    /** The mount pose in base_link. */
    public Pose3 mount() {
        return spec.mount();
    }

    /** Width, pixels. */
    public int width() {
        return spec.width();
    }

    /** Height, pixels. */
    public int height() {
        return spec.height();
    }

    /** RGB bytes, H x W x 3, row 0 at the top (absolute indexing; position and limit are not used). */
    public ByteBuffer rgb() {
        return rgb;
    }

    /** Whether depth is read back. */
    public boolean hasDepth() {
        return depthEnabled;
    }

    /** Whether segmentation is read back. */
    public boolean hasSegmentation() {
        return segmentationEnabled;
    }

    /** Depth in metres, H x W; throws when this frame reads no depth. */
    public FloatBuffer depth() {
        if (depth == null) {
            throw new IllegalStateException("this camera frame was created without depth");
        }
        return depth;
    }

    /** Segmentation ids, H x W; throws when this frame reads no segmentation. */
    public IntBuffer segmentation() {
        if (segmentation == null) {
            throw new IllegalStateException("this camera frame was created without segmentation");
        }
        return segmentation;
    }

    /** The colour at column {@code u}, row {@code v} (0 = top) as 0xRRGGBB. */
    public int rgbAt(int u, int v) {
        int o = (v * spec.width() + u) * 3;
        return (rgb.get(o) & 0xff) << 16 | (rgb.get(o + 1) & 0xff) << 8 | (rgb.get(o + 2) & 0xff);
    }

    /** Depth at column {@code u}, row {@code v} (0 = top), metres. */
    public float depthAt(int u, int v) {
        return depth().get(v * spec.width() + u);
    }

    /** Segmentation id at column {@code u}, row {@code v} (0 = top). */
    public int segmentationAt(int u, int v) {
        return segmentation().get(v * spec.width() + u);
    }

    /** Copies the RGB bytes into {@code out} (length &gt;= H*W*3). */
    public void copyRgb(byte[] out) {
        rgb.get(0, out, 0, spec.width() * spec.height() * 3);
    }

    /** Frames rendered into this stream since creation or {@link #reset()}. */
    public long frameCount() {
        return frames;
    }

    /** Starts the stream again: forgets motion-blur history and restarts the noise sequence. */
    public void reset() {
        frames = 0;
        if (effects != null) {
            effects.reset();
        }
    }

    /** Called by the renderer after the read-back. */
    void finishFrame() {
        if (effects != null) {
            effects.apply(rgb);
        }
        frames++;
    }
}
