package dev.wayfinder.render.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.core.SegmentationIds;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import org.junit.jupiter.api.Test;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/** Free cameras draw the robot too, at the right place, into BGRA ints with row 0 at the top. */
@ExtendWith(NeedsEgl.class)
class FreeCameraTest {
    private static IntBuffer ints(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    @Test
    void topDownShowsTheRobotWhereItIsWithXRightAndYUp() {
        Episode e = BenchEpisodes.clutteredRoom(32, 32);
        RenderScene scene = RenderScene.of(e);
        ObjectPoses p = ObjectPoses.initial(e);
        int size = 200;
        TopDownCamera cam = new TopDownCamera(0, 0, 5);
        IntBuffer px = ints(size * size);
        IntBuffer ids = ints(size * size);
        try (Renderer r = Renderer.create()) {
            for (double[] xy : new double[][] {{-3, 0}, {2, 3.2}, {1.5, -3.4}}) {
                p.setRobot(xy[0], xy[1], 0);
                r.renderView(scene, p, cam, size, size, px, ids);
                double su = 0;
                double sv = 0;
                int n = 0;
                for (int v = 0; v < size; v++) {
                    for (int u = 0; u < size; u++) {
                        if (ids.get(v * size + u) == SegmentationIds.ROBOT) {
                            su += u + 0.5;
                            sv += v + 0.5;
                            n++;
                        }
                    }
                }
                assertTrue(n > 0, "robot visible from above at " + xy[0] + "," + xy[1]);
                // 10 m across 200 px: 20 px per metre, origin at the centre, +y up.
                assertEquals(100 + 20 * xy[0], su / n, 1.5, "robot column");
                assertEquals(100 - 20 * xy[1], sv / n, 1.5, "robot row");
                assertEquals(0xff, px.get(0) >>> 24, "opaque alpha");
            }
        }
    }

    @Test
    void orbitOverviewSeesTheArenaAndTheRobot() {
        Episode e = BenchEpisodes.clutteredRoom(32, 32);
        IntBuffer px = ints(320 * 240);
        IntBuffer ids = ints(320 * 240);
        try (Renderer r = Renderer.create()) {
            r.renderView(RenderScene.of(e), ObjectPoses.initial(e), OrbitCamera.overview(e), 320, 240, px, ids);
        }
        boolean robot = false;
        boolean floor = false;
        boolean wall = false;
        for (int i = 0; i < 320 * 240; i++) {
            robot |= ids.get(i) == SegmentationIds.ROBOT;
            floor |= ids.get(i) == SegmentationIds.FLOOR;
            wall |= ids.get(i) == SegmentationIds.WALL;
        }
        assertTrue(robot && floor && wall, "robot " + robot + ", floor " + floor + ", wall " + wall);
    }
}
