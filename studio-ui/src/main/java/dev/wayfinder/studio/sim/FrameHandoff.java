package dev.wayfinder.studio.sim;

import dev.wayfinder.sim.camera.CameraFrame;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hands the simulation's frames to the FX thread, newest winning, and recycles their camera pictures (four arrays of
 * the camera's size per step, the largest per-step allocation on the way from the simulation to the camera panel).
 *
 * <p>A frame's pictures belong to exactly one party at a time: the simulation thread while it fills them
 * ({@link #cameraImages}), this mailbox while the frame waits ({@link #publish}), the FX thread while the frame is
 * the one shown ({@link #take}). A frame overtaken in the mailbox before the FX thread took it, and the frame shown
 * before the one just taken, give their pictures back; the simulation thread fills only pictures given back. So the
 * pictures the FX thread shows are never written while shown, and at most three sets exist once it runs (one shown,
 * one waiting, one being filled): a steady state allocates no picture arrays. Frames reach other threads' listeners
 * too (the viewport's renderer); those read only the poses, which are never reused.
 */
public final class FrameHandoff {
    private final AtomicReference<SimFrame> mailbox = new AtomicReference<>();
    private final ConcurrentLinkedQueue<CameraImages> free = new ConcurrentLinkedQueue<>();
    private final AtomicLong allocated = new AtomicLong();
    private SimFrame shown; // FX thread
    private byte[] scratch = new byte[0]; // simulation thread

    /**
     * Converts {@code f} into a recycled set of pictures when one of its sizes is free, else into new arrays.
     * Simulation thread.
     */
    CameraImages cameraImages(CameraFrame f, int policyWidth, int policyHeight, double maxDepth) {
        CameraImages reuse = free.poll();
        // Sets of another size (another scenario's camera, another model) are dropped, not kept.
        while (reuse != null && !(reuse.width() == f.width() && reuse.height() == f.height()
                && reuse.policyWidth() == policyWidth && reuse.policyHeight() == policyHeight)) {
            reuse = free.poll();
        }
        if (reuse == null) {
            allocated.incrementAndGet();
        }
        if (scratch.length < policyWidth * policyHeight * 3) {
            scratch = new byte[policyWidth * policyHeight * 3];
        }
        return CameraImages.of(f, policyWidth, policyHeight, maxDepth, reuse, scratch);
    }

    /** Offers the newest frame (simulation thread); a frame still waiting is overtaken and its pictures recycled. */
    public void publish(SimFrame f) {
        SimFrame overtaken = mailbox.getAndSet(f);
        if (overtaken != null) {
            recycle(overtaken);
        }
    }

    /**
     * The newest frame not taken yet, or null; from now on it is the shown one, and the one shown before gives its
     * pictures back. FX thread.
     */
    public SimFrame take() {
        if (mailbox.get() == null) {
            return null;
        }
        // The FX thread is the only taker, so a frame is there to take: give the shown one's pictures back first,
        // which keeps the sets in existence at three (shown, waiting, being filled), never four.
        SimFrame before = shown;
        if (before != null) {
            recycle(before);
        }
        shown = mailbox.getAndSet(null);
        return shown;
    }

    /** Sets of camera pictures made so far (a steady state makes none). */
    public long allocated() {
        return allocated.get();
    }

    private void recycle(SimFrame f) {
        Optional<CameraImages> c = f.camera();
        c.ifPresent(free::offer);
    }
}
