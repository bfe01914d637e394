package dev.wayfinder.studio.randomization;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.camera.CameraFrame;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Draws and renders gallery tiles on a thread of its own, which owns one OpenGL context (rendering's
 * {@link Renderer}, made at the first camera view). Each request is a batch: the episodes of seeds
 * {@code base .. base + count - 1} drawn with {@link Randomizer#draw} at full width, as {@code wayfinder randomize}
 * draws them; for each, the robot camera's first view (as {@code randomize}'s contact sheet renders it) and a
 * top-down map (scenarios' {@link MapDrawer}, its map area without title and legend). Tiles are handed to the sink
 * one by one through {@code deliver} as they are finished. The newest request wins: a batch overtaken by a newer
 * request stops before its next tile, and waiting requests other than the newest are never started. Without OpenGL
 * the tiles keep their maps and say why they have no camera view. Thread-safe.
 */
public final class GalleryRenderer implements AutoCloseable {
    /** Pixels of a map tile's longer side (the map drawer's smallest size is 64). */
    public static final int MAP_SIZE = 160;

    /** What the gallery shows: {@code count} episodes of {@code scenario} from seed {@code baseSeed} on. */
    public record Request(Scenario scenario, long baseSeed, int count) {
        public Request {
            Objects.requireNonNull(scenario, "scenario");
            if (count < 1 || count > 256) {
                throw new IllegalArgumentException("count must be in [1, 256], got " + count);
            }
        }

        /** The seed of tile {@code index}. */
        public long seed(int index) {
            return baseSeed + index;
        }
    }

    /** Receives finished tiles on the deliver executor. */
    @FunctionalInterface
    public interface Sink {
        /** {@code tile} of the request numbered {@code generation} (see {@link #submit}) is finished. */
        void tile(long generation, GalleryTile tile);
    }

    private record Job(long generation, Request request) {
    }

    private final boolean camera;
    private final Executor deliver;
    private final Sink sink;
    private final LinkedBlockingQueue<Job> jobs = new LinkedBlockingQueue<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong tilesMade = new AtomicLong();
    private final AtomicLong batchesCancelled = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile String cameraError = "";
    private Renderer renderer;

    /**
     * Starts the thread.
     *
     * @param camera  whether to render camera views (false: maps only, no OpenGL)
     * @param deliver where tiles are handed to the sink (the FX thread's {@code Platform::runLater} in the studio)
     */
    public GalleryRenderer(boolean camera, Executor deliver, Sink sink) {
        this.camera = camera;
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.sink = Objects.requireNonNull(sink, "sink");
        thread = new Thread(this::loop, "studio-gallery");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks for {@code r}'s tiles; supersedes every earlier request. Returns the request's number (from 1). */
    public long submit(Request r) {
        Objects.requireNonNull(r, "request");
        long n = generation.incrementAndGet();
        jobs.add(new Job(n, r));
        return n;
    }

    /** Number of the newest request. */
    public long latest() {
        return generation.get();
    }

    /** Tiles finished so far, over all batches. */
    public long tilesMade() {
        return tilesMade.get();
    }

    /** Batches stopped before their last tile because a newer request came. */
    public long batchesCancelled() {
        return batchesCancelled.get();
    }

    /** Why there are no camera views (OpenGL could not start); empty when there is no such problem. */
    public String cameraError() {
        return cameraError;
    }

    private void loop() {
        try {
            while (!closed) {
                Job job = jobs.take();
                Job newer;
                while ((newer = jobs.poll()) != null) {
                    job = newer;
                }
                if (job.generation() != generation.get()) {
                    continue;
                }
                run(job);
            }
        } catch (InterruptedException e) {
            // close() ends the loop.
        } finally {
            if (renderer != null) {
                renderer.close();
            }
        }
    }

    private void run(Job job) {
        Request r = job.request();
        for (int i = 0; i < r.count(); i++) {
            if (closed || generation.get() != job.generation()) {
                batchesCancelled.incrementAndGet();
                return;
            }
            GalleryTile tile = tile(r.scenario(), i, r.seed(i));
            tilesMade.incrementAndGet();
            long gen = job.generation();
            deliver.execute(() -> sink.tile(gen, tile));
        }
    }

    private GalleryTile tile(Scenario s, int index, long seed) {
        Episode e;
        try {
            e = Randomizer.draw(s, seed, 1.0).episode();
        } catch (RuntimeException ex) {
            // RandomizationException (no solvable layout) names the scenario, the seed and what to change.
            return new GalleryTile(index, seed, Optional.empty(), Optional.empty(), Optional.empty(),
                    String.valueOf(ex.getMessage()));
        }
        Optional<GalleryTile.Pixels> map = Optional.of(map(e));
        Optional<GalleryTile.Pixels> view = Optional.empty();
        String problem = "";
        if (camera) {
            try {
                view = cameraView(e);
            } catch (RuntimeException ex) {
                problem = "the camera view failed: " + ex.getMessage();
            }
            if (view.isEmpty() && problem.isEmpty()) {
                problem = cameraError;
            }
        }
        return new GalleryTile(index, seed, Optional.of(e), view, map, problem);
    }

    private Optional<GalleryTile.Pixels> cameraView(Episode e) {
        if (renderer == null) {
            if (!cameraError.isEmpty()) {
                return Optional.empty();
            }
            try {
                renderer = Renderer.create();
            } catch (RenderException | UnsatisfiedLinkError | NoClassDefFoundError ex) {
                cameraError = "no camera views: OpenGL through EGL failed: " + ex.getMessage();
                return Optional.empty();
            }
        }
        CameraStream stream = CameraStream.of(e);
        CameraFrame frame = stream.newFrame();
        renderer.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), stream, frame);
        return Optional.of(pixels(FrameImages.rgb(frame)));
    }

    /** The map area of {@link MapDrawer}'s picture of {@code e}: walls, obstacles, start and goal. */
    static GalleryTile.Pixels map(Episode e) {
        BufferedImage whole = MapDrawer.draw(e, new MapDrawer.Options(MAP_SIZE, true, Optional.of("")));
        MapLayout l = MapLayout.of(e.arena(), MAP_SIZE);
        int x0 = (int) Math.floor(l.px(-l.extentX()));
        int y0 = (int) Math.floor(l.py(l.extentY()));
        int w = Math.min(whole.getWidth() - x0, (int) Math.ceil(l.px(l.extentX())) - x0);
        int h = Math.min(whole.getHeight() - y0, (int) Math.ceil(l.py(-l.extentY())) - y0);
        return pixels(whole.getSubimage(x0, y0, w, h));
    }

    private static GalleryTile.Pixels pixels(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < argb.length; i++) {
            argb[i] |= 0xff000000;
        }
        return new GalleryTile.Pixels(w, h, argb);
    }

    /** Stops the thread (the batch running stops at its next tile) and frees the OpenGL context; waits up to 5 s. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
