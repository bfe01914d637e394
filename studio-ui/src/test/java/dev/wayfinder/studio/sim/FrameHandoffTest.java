package dev.wayfinder.studio.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.sim.camera.CameraFrame;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The simulation's frames on their way to the FX thread: newest wins, camera pictures recycled, never torn. */
class FrameHandoffTest {
    private static final int W = 32;
    private static final int H = 24;

    /** A camera frame whose every RGB byte is {@code value}. */
    private static CameraFrame camera(int value) {
        CameraFrame f = new CameraFrame(new dev.wayfinder.sim.camera.CameraInfo(W, H, 20, 20, W / 2.0, H / 2.0, 0.05,
                10, new dev.wayfinder.scenarios.model.Pose3(0, 0, 0.1, 0, 0, 0)));
        java.util.Arrays.fill(f.rgb(), (byte) value);
        java.util.Arrays.fill(f.measuredDepth(), 1f);
        return f;
    }

    private static SimFrame frame(long seq, CameraImages c) {
        return new SimFrame(seq, null, (int) seq, 0, EpisodeStatus.RUNNING, "", new double[3], new float[0], new float[0],
                List.of(),
                Optional.of(c), 1);
    }

    @Test
    void theNewestWinsAndTheOvertakenAndReplacedPicturesAreReused() {
        FrameHandoff h = new FrameHandoff();
        SimFrame a = frame(1, h.cameraImages(camera(1), 8, 8, 5));
        h.publish(a);
        assertSame(a, h.take(), "the frame waiting");
        assertNull(h.take(), "nothing new");
        SimFrame b = frame(2, h.cameraImages(camera(2), 8, 8, 5));
        h.publish(b);
        SimFrame c = frame(3, h.cameraImages(camera(3), 8, 8, 5));
        h.publish(c);
        assertEquals(3, h.allocated(), "a shown, b waiting, c being filled: three sets");
        // b was overtaken before the FX thread took it: its pictures are free again.
        SimFrame d = frame(4, h.cameraImages(camera(4), 8, 8, 5));
        assertSame(b.camera().get().rgb(), d.camera().get().rgb(), "b's arrays refilled for d");
        assertEquals(3, h.allocated());
        h.publish(d);
        assertSame(d, h.take(), "c was overtaken too: the newest wins");
        assertTrue(a.camera().get().rgb()[0] == (0xff000000 | 0x010101), "a stayed as it was until replaced");
        SimFrame e = frame(5, h.cameraImages(camera(5), 8, 8, 5));
        assertEquals(3, h.allocated(), "c's or a's arrays reused");
        assertTrue(d.camera().get().rgb()[0] == (0xff000000 | 0x040404), "the shown frame is untouched");
        assertTrue(e.camera().get().rgb() != d.camera().get().rgb());
    }

    @Test
    void anotherCameraSizeGetsNewArrays() {
        FrameHandoff h = new FrameHandoff();
        h.publish(frame(1, h.cameraImages(camera(1), 8, 8, 5)));
        h.take();
        h.publish(frame(2, h.cameraImages(camera(2), 8, 8, 5)));
        h.take();
        CameraImages other = h.cameraImages(camera(3), 16, 16, 5);
        assertEquals(16 * 16, other.policy().length, "a free set of the old size is not used for the new size");
        assertEquals(3, h.allocated());
    }

    /**
     * A simulation thread publishing as fast as it can while an FX thread takes frames and, while a frame is shown,
     * checks again and again that its pictures still hold the value they were made with. Seeded pauses vary the
     * interleaving.
     */
    @Test
    void aShownFrameIsNeverOverwrittenAndTheSteadyStateAllocatesNothing() throws Exception {
        long seed = 16;
        FrameHandoff h = new FrameHandoff();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread sim = new Thread(() -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            long seq = 0;
            while (!stop.get()) {
                seq++;
                int v = (int) (seq % 250) + 1;
                h.publish(frame(seq, h.cameraImages(camera(v), 8, 8, 5)));
                if (rnd.nextInt(8) == 0) {
                    Thread.onSpinWait();
                }
            }
        }, "test-simulation");
        sim.start();
        SplittableRandom rnd = new SplittableRandom(seed + 1);
        int taken = 0;
        long allocatedAfterWarmup = -1;
        try {
            long end = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < end) {
                SimFrame f = h.take();
                if (f == null) {
                    Thread.onSpinWait();
                    continue;
                }
                taken++;
                if (taken == 50) {
                    allocatedAfterWarmup = h.allocated();
                }
                int expected = 0xff000000 | (int) (f.sequence() % 250 + 1) * 0x010101;
                CameraImages c = f.camera().orElseThrow();
                int checks = 1 + rnd.nextInt(40);
                for (int k = 0; k < checks; k++) {
                    for (int i = 0; i < c.rgb().length; i += 7) {
                        if (c.rgb()[i] != expected) {
                            throw new AssertionError("frame " + f.sequence() + " was overwritten while shown at pixel "
                                    + i + " (seed " + seed + ")");
                        }
                    }
                    for (int i = 0; i < c.policy().length; i++) {
                        if (c.policy()[i] != expected) {
                            throw new AssertionError("frame " + f.sequence() + "'s policy picture was overwritten "
                                    + "while shown (seed " + seed + ")");
                        }
                    }
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            stop.set(true);
            sim.join(5000);
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get().getMessage(), failure.get());
        }
        assertTrue(taken > 100, "frames taken: " + taken + " (seed " + seed + ")");
        assertTrue(allocatedAfterWarmup > 0, "50 frames shown (seed " + seed + ")");
        assertTrue(h.allocated() <= 3, "at most three sets of pictures ever, made " + h.allocated() + " over "
                + taken + " frames shown (seed " + seed + ")");
        assertEquals(allocatedAfterWarmup, h.allocated(), "none after the first 50 frames (seed " + seed + ")");
    }
}
