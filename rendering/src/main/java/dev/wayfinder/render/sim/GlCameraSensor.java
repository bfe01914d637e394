package dev.wayfinder.render.sim;

import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.camera.DepthNoiseModel;
import dev.wayfinder.sim.core.SegmentationIds;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;

/**
 * physics-sim's {@link CameraSensor} on the OpenGL renderer: draws a {@link World} from the robot camera at the
 * body poses the camera sees ({@link SimState#cameraBodyPose}: the episode's camera latency ago), without the
 * goal marker, applies the episode's colour effects to the image and its depth effects
 * ({@link DepthNoiseModel}) to the ground-truth depth to give the measured depth. The renderer reads the pixels
 * back straight into the caller's {@link CameraFrame}; nothing is copied per frame.
 *
 * <p>Per world it compiles a {@link RenderScene} once (the last world is remembered, so an environment
 * stepping one world allocates nothing per capture); the effect streams (colour noise, motion blur, depth
 * noise), seeded by the episode seed, restart when the world changes or the state is back at time 0. Not
 * thread-safe: one sensor per thread, on the thread that created its renderer.
 */
public final class GlCameraSensor implements CameraSensor {
    private final Renderer renderer;
    private final boolean ownsRenderer;
    private final CameraInfo info;
    private final CameraSpec spec;
    private final double[] pose = new double[7];
    private World world;
    private RenderScene scene;
    private ObjectPoses poses;
    private CameraStream stream;
    private DepthNoiseModel depthNoise;
    private boolean segmentation = true;
    private boolean closed;

    /**
     * A sensor for {@code spec} rendering with {@code renderer} (shared; this sensor does not close it). Each
     * episode is seen through its own camera (its randomized mount and field of view) when that has
     * {@code spec}'s resolution, else through {@code spec}.
     */
    public GlCameraSensor(Renderer renderer, CameraSpec spec) {
        this(renderer, spec, false);
    }

    private GlCameraSensor(Renderer renderer, CameraSpec spec, boolean owns) {
        this.renderer = renderer;
        this.ownsRenderer = owns;
        this.spec = spec;
        this.info = CameraInfo.of(spec);
    }

    /**
     * Whether frames get the segmentation ids (default true: the training targets and the camera checks use them).
     * A consumer that never reads them (the simulator on ROS 2) turns them off and saves a render target's read-back
     * per frame; the frame's segmentation array is then left as it was. Set before the first capture.
     *
     * @return this sensor
     */
    public GlCameraSensor readingSegmentation(boolean on) {
        if (stream != null) {
            throw new IllegalStateException("set what the camera reads before its first frame");
        }
        this.segmentation = on;
        return this;
    }

    /** A sensor with its own renderer (closed with the sensor) for the camera of {@code episode}. */
    public static GlCameraSensor create(Episode episode) {
        return new GlCameraSensor(Renderer.create(), episode.robot().camera(), true);
    }

    @Override
    public CameraInfo info() {
        return info;
    }

    @Override
    public void capture(World w, SimState state, CameraFrame out) {
        if (closed) {
            throw new IllegalStateException("camera sensor is closed");
        }
        CameraInfo oi = out.info();
        if (oi.width() != info.width() || oi.height() != info.height()) {
            throw new IllegalArgumentException("frame is " + oi.width() + "x" + oi.height() + ", this camera renders "
                    + info.width() + "x" + info.height());
        }
        if (w != world) {
            bind(w);
        } else if (state.timeNanos() == 0) {
            stream.reset();
            depthNoise.reset();
        }
        for (int b = 0; b < w.bodyCount(); b++) {
            state.cameraBodyPose(b, pose);
            poses.set(b, pose[0], pose[1], state.cameraBodyYaw(b));
        }
        renderer.renderCamera(scene, poses, stream, out);
        depthNoise.apply(out.depth(), out.measuredDepth());
        out.setStampNanos(state.cameraStampNanos());
    }

    private void bind(World w) {
        for (int b = 0; b < w.bodyCount(); b++) {
            if (w.segmentationId(b) != SegmentationIds.body(b)) {
                throw new IllegalStateException("world body " + b + " has segmentation id " + w.segmentationId(b)
                        + ", the renderer writes " + SegmentationIds.body(b));
            }
        }
        Episode e = w.episode();
        world = w;
        scene = RenderScene.of(e);
        poses = ObjectPoses.initial(e);
        // The episode's own camera (randomized mount and field of view) at this sensor's resolution.
        CameraSpec c = e.robot().camera();
        CameraSpec use = c.width() == spec.width() && c.height() == spec.height() ? c : spec;
        stream = new CameraStream(use, e.cameraEffects(), e.seed(), true, segmentation);
        depthNoise = new DepthNoiseModel(e.cameraEffects().depth(), use.width(), use.height(), e.seed());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsRenderer) {
            renderer.close();
        }
    }
}
