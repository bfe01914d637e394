package dev.wayfinder.studio.eval;

import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.DepthNoiseModel;
import dev.wayfinder.studio.sim.CameraImages;
import dev.wayfinder.studio.sim.SimulationRunner;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Renders the robot camera of a replayed episode at the step asked for, with rendering's OpenGL {@link Renderer} on
 * a thread of its own (its context lives there). Requests never wait: the newest one wins, and those made while a
 * picture is drawn are merged into one. Each picture is drawn from the body poses the {@link ReplayTrack} kept for
 * that step, with the episode's own camera (its randomized mount and field of view) and its colour and depth
 * effects restarted for every picture, so the same step always gives the same picture whatever was shown before.
 */
public final class ReplayCamera implements AutoCloseable {
    /** One finished picture: the camera at {@code step} of {@code track}. */
    public record Picture(ReplayTrack track, int step, CameraImages images) {
    }

    private final Consumer<Picture> sink;
    private final Consumer<String> failed;
    private final Object lock = new Object();
    private final Thread thread;
    private volatile boolean closed;
    private volatile long rendered;
    // Guarded by lock: the newest request.
    private ReplayTrack track;
    private int step;
    private long requested;

    /**
     * Starts the rendering thread.
     *
     * @param sink   receives each picture, on the rendering thread
     * @param failed receives why nothing can be drawn (no OpenGL, a failed draw), on the rendering thread
     */
    public ReplayCamera(Consumer<Picture> sink, Consumer<String> failed) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.failed = Objects.requireNonNull(failed, "failed");
        thread = new Thread(this::loop, "studio-replay-camera");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for the camera at step {@code k} of {@code t} (any thread; never waits). */
    public void request(ReplayTrack t, int k) {
        Objects.requireNonNull(t, "track");
        if (k < 0 || k > t.lastStep()) {
            throw new IllegalArgumentException("step " + k + " is outside 0.." + t.lastStep());
        }
        synchronized (lock) {
            track = t;
            step = k;
            requested++;
            lock.notifyAll();
        }
    }

    /** Pictures finished so far. */
    public long rendered() {
        return rendered;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        Renderer renderer;
        try {
            renderer = Renderer.create();
        } catch (RenderException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            failed.accept("no robot camera: " + e.getMessage());
            return;
        }
        try {
            Episode sceneOf = null;
            RenderScene scene = null;
            ObjectPoses poses = null;
            CameraStream stream = null;
            CameraFrame frame = null;
            DepthNoiseModel noise = null;
            long done = 0;
            while (!closed) {
                ReplayTrack t;
                int k;
                synchronized (lock) {
                    while (!closed && (requested == done || track == null)) {
                        lock.wait();
                    }
                    if (closed) {
                        break;
                    }
                    t = track;
                    k = step;
                    done = requested;
                }
                Episode e = t.episode();
                if (e != sceneOf) {
                    sceneOf = e;
                    scene = RenderScene.of(e);
                    poses = ObjectPoses.initial(e);
                    stream = CameraStream.of(e);
                    frame = stream.newFrame();
                    noise = new DepthNoiseModel(e.cameraEffects().depth(), stream.width(), stream.height(), e.seed());
                }
                double[] p = t.poses(k);
                for (int b = 0; b < p.length / 3; b++) {
                    poses.set(b, p[3 * b], p[3 * b + 1], p[3 * b + 2]);
                }
                stream.reset();
                noise.reset();
                renderer.renderCamera(scene, poses, stream, frame);
                noise.apply(frame.depth(), frame.measuredDepth());
                CameraImages images = CameraImages.of(frame, frame.width(), frame.height(),
                        SimulationRunner.depthRange(e));
                rendered++;
                sink.accept(new Picture(t, k, images));
            }
        } catch (InterruptedException e) {
            // close() ends the loop.
        } catch (RuntimeException e) {
            failed.accept("the replay camera stopped: " + e);
        } finally {
            renderer.close();
        }
    }
}
