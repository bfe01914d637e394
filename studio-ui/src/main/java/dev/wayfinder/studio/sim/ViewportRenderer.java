package dev.wayfinder.studio.sim;

import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.view.OrbitCamera;
import dev.wayfinder.scenarios.model.Episode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Draws the studio camera's view of the newest simulation frame with rendering's OpenGL {@link Renderer}, on a thread
 * of its own (the renderer's context lives there). It renders only when something changed (a new frame, the camera,
 * the size) and only the newest state: requests made while it draws are merged into one. A finished picture waits in
 * a one-slot mailbox until the FX thread {@link #take}s it (without waiting) and {@link #recycle}s it when copied;
 * the next one is drawn only then, with the newest state, so the renderer never draws pictures nobody will see and
 * nothing is allocated per frame once the buffers exist. No method here waits for OpenGL.
 */
public final class ViewportRenderer implements AutoCloseable {
    /** The largest picture drawn, pixels per side (a larger viewport shows it scaled). */
    static final int MAX_SIDE = 4096;

    /** One finished picture: 0xAARRGGBB ints (premultiplied, opaque), row 0 at the top. */
    public static final class Picture {
        private IntBuffer pixels;
        private int width;
        private int height;
        private OrbitCamera camera;
        private SimFrame frame;
        private long number;

        /** The pixels, {@code width * height} ints from index 0. */
        public IntBuffer pixels() {
            return pixels;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /** The camera it was drawn from. */
        public OrbitCamera camera() {
            return camera;
        }

        /** The simulation frame it shows. */
        public SimFrame frame() {
            return frame;
        }

        /** Counts the pictures this renderer finished, from 1. */
        public long number() {
            return number;
        }
    }

    private final Object lock = new Object();
    private final AtomicReference<Picture> mailbox = new AtomicReference<>();
    private final ConcurrentLinkedQueue<Picture> free = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;
    private volatile String error = "";
    private volatile String description = "";
    private volatile long rendered;
    // Guarded by lock: the newest request.
    private SimFrame frame;
    private OrbitCamera camera;
    private int width = 1;
    private int height = 1;
    private long requested;

    /** Starts the rendering thread; it draws once it has a frame, a camera and a size. */
    public ViewportRenderer() {
        thread = new Thread(this::loop, "studio-viewport");
        thread.setDaemon(true);
        thread.start();
    }

    /** Shows {@code f} (any thread; the simulation thread calls it). */
    public void show(SimFrame f) {
        if (f == null || f.episode() == null) {
            return;
        }
        synchronized (lock) {
            frame = f;
            requested++;
            lock.notifyAll();
        }
    }

    /** Draws from {@code c} from now on. */
    public void setCamera(OrbitCamera c) {
        synchronized (lock) {
            camera = c;
            requested++;
            lock.notifyAll();
        }
    }

    /** Draws pictures of {@code w x h} pixels from now on (clamped to 1..{@value #MAX_SIDE}). */
    public void setSize(int w, int h) {
        synchronized (lock) {
            int nw = Math.clamp(w, 1, MAX_SIDE);
            int nh = Math.clamp(h, 1, MAX_SIDE);
            if (nw != width || nh != height) {
                width = nw;
                height = nh;
                requested++;
                lock.notifyAll();
            }
        }
    }

    /** The newest finished picture not taken yet, or null; hand it back with {@link #recycle}. Never waits. */
    public Picture take() {
        Picture p = mailbox.getAndSet(null);
        if (p != null) {
            synchronized (lock) {
                // The lock is never held while drawing: this waits for nothing but the field updates.
                lock.notifyAll();
            }
        }
        return p;
    }

    /** Returns a taken picture's buffer for reuse. */
    public void recycle(Picture p) {
        if (p != null) {
            free.offer(p);
        }
    }

    /** Pictures finished so far. */
    public long rendered() {
        return rendered;
    }

    /** The OpenGL renderer drawing (empty before it started). */
    public String description() {
        return description;
    }

    /** Why nothing can be drawn (no OpenGL), or empty. */
    public String error() {
        return error;
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
            error = "no 3D view: " + e.getMessage();
            return;
        }
        description = renderer.description();
        try {
            Episode sceneOf = null;
            RenderScene scene = null;
            ObjectPoses poses = null;
            long done = 0;
            while (!closed) {
                SimFrame f;
                OrbitCamera c;
                int w;
                int h;
                synchronized (lock) {
                    // Waits for a change, and for the last picture to be taken: drawing pictures faster than the FX
                    // thread shows them would only take the processor from it.
                    while (!closed && (requested == done || frame == null || camera == null
                            || mailbox.get() != null)) {
                        lock.wait();
                    }
                    if (closed) {
                        break;
                    }
                    f = frame;
                    c = camera;
                    w = width;
                    h = height;
                    done = requested;
                }
                if (f.episode() != sceneOf) {
                    sceneOf = f.episode();
                    scene = RenderScene.of(sceneOf);
                    poses = ObjectPoses.initial(sceneOf);
                }
                for (int b = 0; b < f.bodyCount(); b++) {
                    poses.set(b, f.x(b), f.y(b), f.yaw(b));
                }
                Picture p = free.poll();
                if (p == null) {
                    p = new Picture();
                }
                if (p.pixels == null || p.pixels.capacity() < w * h) {
                    p.pixels = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
                }
                renderer.renderView(scene, poses, c, w, h, p.pixels);
                p.width = w;
                p.height = h;
                p.camera = c;
                p.frame = f;
                p.number = ++rendered;
                Picture old = mailbox.getAndSet(p);
                if (old != null) {
                    free.offer(old);
                }
            }
        } catch (InterruptedException e) {
            // close() ends the loop.
        } catch (RuntimeException e) {
            error = "the 3D view stopped: " + e;
        } finally {
            renderer.close();
        }
    }
}
