package dev.wayfinder.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.core.SegmentationIds;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where things appear in the robot camera: position, direction of motion, depth and segmentation. */
@ExtendWith(NeedsEgl.class)
class CameraGeometryTest {
    private static Renderer renderer;

    @BeforeAll
    static void start() {
        renderer = Renderer.create();
    }

    @AfterAll
    static void stop() {
        renderer.close();
    }

    private static CameraFrame render(Episode e) {
        CameraFrame f = TestEpisodes.frame(e);
        renderer.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), CameraStream.of(e), f);
        return f;
    }

    private static Obstacle redBox(double x, double y) {
        return Obstacle.fixed("red", new Box(0.4, 0.4, 1.0), new Pose2(x, y, 0), TestEpisodes.RED);
    }

    @Test
    void redBoxStraightAheadIsCentredAndRed() {
        CameraFrame f = render(TestEpisodes.room(20, List.of(redBox(3, 0))));
        double[] c = TestEpisodes.centroid(f, SegmentationIds.obstacle(0));
        // Front face 0.4 m wide at 2.8 m with fx = 32 px: about 4.6 px wide, centred on u = 32.
        assertEquals(32, c[0], 0.75, "box centroid u");
        assertTrue(c[2] >= 4 * 10, "box covers too few pixels: " + c[2]);
        int rgb = f.rgbAt(32, 32);
        int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff, b = rgb & 0xff;
        assertTrue(r > g + 60 && r > b + 60, "centre pixel should be red, was #" + Integer.toHexString(rgb));
        assertEquals(SegmentationIds.obstacle(0), f.segmentationAt(32, 32));
    }

    @Test
    void boxMovedLeftMovesLeftInTheImage() {
        double[] ahead = TestEpisodes.centroid(render(TestEpisodes.room(20, List.of(redBox(3, 0)))),
                SegmentationIds.obstacle(0));
        double[] left = TestEpisodes.centroid(render(TestEpisodes.room(20, List.of(redBox(3, 0.8)))),
                SegmentationIds.obstacle(0));
        // Pinhole: u = cx - fx * y / x for the box centre; the visible front face is at x = 2.8.
        double expectedShift = 32 * 0.8 / 2.9;
        assertTrue(left[0] < ahead[0], "moved +y (left) but centroid went from " + ahead[0] + " to " + left[0]);
        assertEquals(expectedShift, ahead[0] - left[0], 1.5, "image shift in pixels");
        assertEquals(ahead[1], left[1], 0.5, "vertical position must not change");
    }

    @Test
    void robotTurningLeftMovesTheBoxRightInTheImage() {
        Episode e = TestEpisodes.room(20, List.of(redBox(3, 0)));
        ObjectPoses p = ObjectPoses.initial(e);
        p.setRobot(0, 0, Math.toRadians(10));
        CameraFrame f = TestEpisodes.frame(e);
        renderer.renderCamera(RenderScene.of(e), p, CameraStream.of(e), f);
        double[] c = TestEpisodes.centroid(f, SegmentationIds.obstacle(0));
        assertEquals(32 + 32 * Math.tan(Math.toRadians(10)), c[0], 1.0, "centroid u after a 10 degree left turn");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.0, 2.5, 5.0, 9.5})
    void depthFacingAWallIsItsDistance(double d) {
        CameraFrame f = render(TestEpisodes.room(2 * d, List.of()));
        assertEquals(SegmentationIds.WALL, f.segmentationAt(32, 32));
        assertEquals(d, f.depthAt(32, 32), d * 0.01, "depth at the centre");
        // Depth is along the optical axis, so it is the same across a wall facing the camera.
        assertEquals(d, f.depthAt(5, 31), d * 0.01, "depth off-centre on the same wall");
    }

    @Test
    void depthOfTheFloorGrowsTowardTheHorizonAndSkyIsInfinite() {
        CameraFrame f = render(TestEpisodes.room(20, List.of()));
        // Camera 0.5 m above the floor, level: the ray through row v hits the floor at 0.5 * fy / (v - cy).
        for (int v = 40; v < 64; v += 6) {
            double expected = 0.5 * 32 / (v + 0.5 - 32);
            assertEquals(expected, f.depthAt(32, v), expected * 0.02, "floor depth at row " + v);
            assertEquals(SegmentationIds.FLOOR, f.segmentationAt(32, v), "row " + v);
        }
        // The wall top (1 m at 10 m) is at row 32 - 32 * 0.5 / 10 = 30.4; above it is background.
        assertEquals(SegmentationIds.BACKGROUND, f.segmentationAt(32, 2));
        assertEquals(Float.POSITIVE_INFINITY, f.depthAt(32, 2));
    }

    @Test
    void segmentationIdsMatchObjectsAndTheRobotIsNotInItsOwnCamera() {
        Obstacle box = redBox(3, 0.8);
        Obstacle cyl = Obstacle.fixed("green", new Cylinder(0.25, 1.0), new Pose2(3, -0.8, 0), TestEpisodes.GREEN);
        Episode e = TestEpisodes.room(20, List.of(box, cyl));
        CameraFrame f = render(e);
        double[] cb = TestEpisodes.centroid(f, SegmentationIds.obstacle(0));
        double[] cc = TestEpisodes.centroid(f, SegmentationIds.obstacle(1));
        assertTrue(cb[2] > 0 && cc[2] > 0, "both obstacles visible");
        assertTrue(cb[0] < 32 && cc[0] > 32, "box (+y) left, cylinder (-y) right: " + cb[0] + ", " + cc[0]);
        for (int v = 0; v < 64; v++) {
            for (int u = 0; u < 64; u++) {
                int id = f.segmentationAt(u, v);
                int rgb = f.rgbAt(u, v);
                int r = rgb >> 16 & 0xff, g = rgb >> 8 & 0xff;
                if (id == SegmentationIds.obstacle(0)) {
                    assertTrue(r > g + 40, "box pixel not red at " + u + "," + v);
                } else if (id == SegmentationIds.obstacle(1)) {
                    assertTrue(g > r + 40, "cylinder pixel not green at " + u + "," + v);
                }
                assertTrue(id != SegmentationIds.ROBOT, "robot seen by its own camera at " + u + "," + v);
            }
        }
        assertEquals(0, TestEpisodes.centroid(f, SegmentationIds.GOAL)[2], "goal is behind the robot");
    }

    @Test
    void movingAnObstacleThroughPosesMovesItInTheImage() {
        Episode e = TestEpisodes.room(20, List.of(redBox(3, 0)));
        RenderScene scene = RenderScene.of(e);
        ObjectPoses p = ObjectPoses.initial(e);
        CameraFrame f = TestEpisodes.frame(e);
        p.setObstacle(0, 3, -0.8, 0);
        renderer.renderCamera(scene, p, CameraStream.of(e), f);
        double u = TestEpisodes.centroid(f, SegmentationIds.obstacle(0))[0];
        assertTrue(u > 36, "box pushed to -y (right) should appear right of centre, u=" + u);
    }

    @Test
    void fogFadesFarSurfacesIntoTheBackground() {
        Episode clear = TestEpisodes.room(20, List.of());
        var l = clear.lighting();
        var foggy = new dev.wayfinder.scenarios.model.Lighting(l.azimuth(), l.elevation(), l.color(), l.intensity(),
                l.ambient(), l.background(), 0.8);
        Episode e = new Episode(clear.scenarioName(), 0, clear.arena(), clear.obstacles(), clear.robot(),
                clear.dynamics(), clear.cameraEffects(), foggy, clear.start(), clear.goal(), clear.goalTolerance(),
                clear.limits());
        CameraFrame f = render(e);
        CameraFrame c = render(clear);
        int bg = l.background().toRgb8();
        assertTrue(colourDistance(f.rgbAt(32, 31), bg) <= 3, "wall at 10 m in dense fog looks like the background");
        assertTrue(colourDistance(c.rgbAt(32, 31), bg) > 20, "without fog the wall differs from the background");
        assertTrue(colourDistance(f.rgbAt(32, 63), c.rgbAt(32, 63)) < colourDistance(f.rgbAt(32, 31), c.rgbAt(32, 31)),
                "near floor is fogged less than the far wall");
    }

    private static int colourDistance(int a, int b) {
        return Math.max(Math.abs((a >> 16 & 0xff) - (b >> 16 & 0xff)), Math.max(Math.abs((a >> 8 & 0xff)
                - (b >> 8 & 0xff)), Math.abs((a & 0xff) - (b & 0xff))));
    }
}
