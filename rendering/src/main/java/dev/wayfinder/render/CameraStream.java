package dev.wayfinder.render;

import dev.wayfinder.render.effects.CameraPostProcess;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;

/**
 * One robot camera stream as the renderer draws it: the camera (mount, field of view, size, clip planes), which
 * outputs to read back besides RGB (depth, segmentation), and the stream's effect state (the episode's
 * {@link CameraEffects}: motion-blur history and noise sequence, seeded), so keep one per environment.
 *
 * <p>It holds no pixels: {@link Renderer#renderCamera(RenderScene, ObjectPoses, CameraStream, CameraFrame)}
 * writes each frame straight into physics-sim's {@link CameraFrame} (RGB, ground-truth depth, segmentation ids
 * as {@link dev.wayfinder.sim.core.SegmentationIds} defines them), the one frame type every consumer reads.
 * Not thread-safe.
 */
public final class CameraStream {
    private final CameraSpec spec;
    private final CameraInfo info;
    private final boolean depth;
    private final boolean segmentation;
    private final CameraPostProcess effects;
    private long frames;

    /**
     * A stream for {@code spec} with {@code effects} seeded by {@code seed}.
     *
     * @param depth        whether to read back depth (costs a little per frame); without it a frame's depth is
     *                     left as it was
     * @param segmentation whether to read back segmentation ids; without it a frame's ids are left as they were
     */
    public CameraStream(CameraSpec spec, CameraEffects effects, long seed, boolean depth, boolean segmentation) {
        this.spec = spec;
        this.info = CameraInfo.of(spec);
        this.depth = depth;
        this.segmentation = segmentation;
        CameraPostProcess post = new CameraPostProcess(effects, spec.width(), spec.height(), seed);
        this.effects = post.isIdentity() ? null : post;
    }

    /** The episode's camera with all three outputs and the episode's effects, seeded by the episode seed. */
    public static CameraStream of(Episode episode) {
        return new CameraStream(episode.robot().camera(), episode.cameraEffects(), episode.seed(), true, true);
    }

    /** A new frame of this camera's size and intrinsics to render into. */
    public CameraFrame newFrame() {
        return new CameraFrame(info);
    }

    /** The camera's intrinsics (the projection the renderer uses). */
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

    /** Whether depth is read back. */
    public boolean readsDepth() {
        return depth;
    }

    /** Whether segmentation is read back. */
    public boolean readsSegmentation() {
        return segmentation;
    }

    /** Frames rendered in this stream since creation or {@link #reset()}. */
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

    /** Called by the renderer after the read-back: applies the effects to the frame's RGB bytes. */
    void finishFrame(byte[] rgb) {
        if (effects != null) {
            effects.apply(rgb);
        }
        frames++;
    }
}
