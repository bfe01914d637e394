package dev.wayfinder.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Same episode, same bytes; and a long run allocates nothing per frame and does not grow. */
@ExtendWith(NeedsEgl.class)
class DeterminismAndMemoryTest {
    private static byte[] render(Renderer r, Episode e, int frames) {
        RenderScene scene = RenderScene.of(e);
        ObjectPoses p = ObjectPoses.initial(e);
        CameraStream cam = CameraStream.of(e);
        CameraFrame f = cam.newFrame();
        byte[] all = new byte[frames * f.width() * f.height() * 12];
        int o = 0;
        for (int i = 0; i < frames; i++) {
            p.setRobot(e.start().x() + 0.05 * i, e.start().y(), e.start().yaw() + 0.02 * i);
            r.renderCamera(scene, p, cam, f);
            int n = f.width() * f.height();
            System.arraycopy(f.rgb(), 0, all, o, n * 3);
            o += n * 3;
            for (int k = 0; k < n; k++) {
                int d = Float.floatToRawIntBits(f.depth()[k]);
                int s = f.segmentation()[k];
                all[o++] = (byte) d; all[o++] = (byte) (d >> 8); all[o++] = (byte) (d >> 16); all[o++] = (byte) (d >> 24);
                all[o++] = (byte) s; all[o++] = (byte) (s >> 8); all[o++] = (byte) (s >> 16); all[o++] = (byte) (s >> 24);
            }
        }
        return Arrays.copyOf(all, o);
    }

    private static Episode withEffects(Episode e, long seed) {
        return new Episode(e.scenarioName(), seed, e.arena(), e.obstacles(), e.robot(), e.dynamics(),
                new CameraEffects(0.05, 1.3, 0.8, 0.4, 0.01), e.lighting(), e.start(), e.goal(), e.goalTolerance(),
                e.limits());
    }

    @Test
    void sameEpisodeGivesIdenticalBytesAcrossRenderers() {
        long seed = 42;
        Episode e = withEffects(BenchEpisodes.clutteredRoom(64, 48), seed);
        byte[] a;
        byte[] b;
        byte[] c;
        try (Renderer r = Renderer.create()) {
            a = render(r, e, 5);
            b = render(r, e, 5);
        }
        try (Renderer r = Renderer.create()) {
            c = render(r, e, 5);
        }
        assertArrayEquals(a, b, "same renderer, same episode (seed " + seed + ")");
        assertArrayEquals(a, c, "fresh renderer, same episode (seed " + seed + ")");
        try (Renderer r = Renderer.create()) {
            byte[] other = render(r, withEffects(e, seed + 1), 5);
            assertFalse(Arrays.equals(a, other), "another seed must give other noise (seeds " + seed + ", "
                    + (seed + 1) + ")");
        }
    }

    @Test
    void twoRenderersOnOneThreadStayIndependent() {
        Episode e = TestEpisodes.room(10, List.of());
        try (Renderer r1 = Renderer.create(); Renderer r2 = Renderer.create()) {
            byte[] x = render(r1, e, 2);
            byte[] y = render(r2, e, 2);
            byte[] z = render(r1, e, 2);
            assertArrayEquals(x, y);
            assertArrayEquals(x, z);
        }
    }

    @Test
    void tenThousandFramesAllocateNothingAndDoNotGrow() throws IOException {
        Episode e = BenchEpisodes.clutteredRoom(64, 64);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        try (Renderer r = Renderer.create()) {
            RenderScene scene = RenderScene.of(e);
            ObjectPoses p = ObjectPoses.initial(e);
            CameraStream cam = new CameraStream(e.robot().camera(), new CameraEffects(0.02, 1.1, 1.0, 0.3, 0.001),
                    3, true, true);
            CameraFrame f = cam.newFrame();
            for (int i = 0; i < 500; i++) {
                step(r, scene, p, cam, f, i);
            }
            long rss0 = rssKb();
            long alloc0 = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 10_000; i++) {
                step(r, scene, p, cam, f, i);
            }
            long allocated = threads.getThreadAllocatedBytes(tid) - alloc0;
            long rssGrowth = rssKb() - rss0;
            assertTrue(allocated < 200_000, "10,000 frames allocated " + allocated + " bytes on the heap");
            assertTrue(rssGrowth < 64 * 1024, "resident memory grew by " + rssGrowth + " kB over 10,000 frames");
        }
    }

    private static void step(Renderer r, RenderScene scene, ObjectPoses p, CameraStream cam, CameraFrame f,
                             int i) {
        double a = i * 0.01;
        p.setRobot(-3 + Math.sin(a), Math.cos(a) * 0.5, a);
        p.setObstacle(25, 1 + Math.sin(a * 0.7), 1, a);
        r.renderCamera(scene, p, cam, f);
    }

    private static long rssKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }
}
