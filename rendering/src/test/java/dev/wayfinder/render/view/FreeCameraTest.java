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

    @Test
    void viewProjectionPutsTheRobotWhereTheRendererDrawsIt() {
        Episode e = BenchEpisodes.clutteredRoom(32, 32);
        RenderScene scene = RenderScene.of(e);
        ObjectPoses p = ObjectPoses.initial(e);
        int w = 400;
        int h = 300;
        IntBuffer px = ints(w * h);
        IntBuffer ids = ints(w * h);
        // Steep enough that no obstacle hides the top of the robot.
        OrbitCamera cam = OrbitCamera.overview(e).orbit(0.7, 0.5).zoom(0.8).pan(0.5, -0.3);
        ViewProjection vp = ViewProjection.of(cam, w, h);
        double[] at = new double[2];
        try (Renderer r = Renderer.create()) {
            for (double[] xy : new double[][] {{0, 0}, {-2.5, 1.5}, {2, -2}}) {
                p.setRobot(xy[0], xy[1], 0.3);
                r.renderView(scene, p, cam, w, h, px, ids);
                // The top of the robot's body: drawn, not hidden behind anything from this height.
                double top = e.robot().height();
                assertTrue(vp.pixel(xy[0], xy[1], top, at), "in front of the camera");
                int u = (int) at[0];
                int v = (int) at[1];
                boolean hit = false;
                for (int dv = -2; dv <= 2; dv++) {
                    for (int du = -2; du <= 2; du++) {
                        int uu = Math.clamp(u + du, 0, w - 1);
                        int vv = Math.clamp(v + dv, 0, h - 1);
                        hit |= ids.get(vv * w + uu) == SegmentationIds.ROBOT;
                    }
                }
                assertTrue(hit, "robot at " + xy[0] + "," + xy[1] + " projects to pixel " + u + "," + v
                        + " where the renderer drew id " + ids.get(v * w + u));
            }
        }
    }

    @Test
    void panMovesTheTargetInThePictureAndKeepsItCentred() {
        OrbitCamera cam = new OrbitCamera(1, 2, 0, 6, 0.4, 0.6, Math.toRadians(50));
        OrbitCamera panned = cam.pan(1.0, 0.5);
        double[] px = new double[2];
        ViewProjection after = ViewProjection.of(panned, 400, 400);
        assertTrue(after.pixel(panned.targetX(), panned.targetY(), panned.targetZ(), px));
        assertEquals(200, px[0], 1e-3, "the new target is in the middle");
        assertEquals(200, px[1], 1e-3);
        assertTrue(after.pixel(cam.targetX(), cam.targetY(), cam.targetZ(), px));
        assertTrue(px[0] < 200, "the old target moved left: " + px[0]);
        assertTrue(px[1] > 200, "and down: " + px[1]);
        double moved = Math.hypot(panned.targetX() - cam.targetX(),
                Math.hypot(panned.targetY() - cam.targetY(), panned.targetZ() - cam.targetZ()));
        assertEquals(Math.hypot(1.0, 0.5), moved, 1e-9, "the target moved by the pan's length");
        assertEquals(cam.distance(), panned.distance());
    }
}
