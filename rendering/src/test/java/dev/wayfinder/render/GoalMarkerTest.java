package dev.wayfinder.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.render.view.OrbitCamera;
import dev.wayfinder.render.view.TopDownCamera;
import dev.wayfinder.scenarios.image.Png;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.core.SegmentationIds;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The goal marker is for people: overviews and free cameras show it, the robot camera does not (unless a
 * scene asks for it). With {@code -Dwayfinder.test.images=DIR} the images are written there as PNGs.
 */
@ExtendWith(NeedsEgl.class)
class GoalMarkerTest {
    private static Renderer renderer;

    @BeforeAll
    static void start() {
        renderer = Renderer.create();
    }

    @AfterAll
    static void stop() {
        renderer.close();
    }

    /** The test room with the goal 1.5 m straight ahead of the robot, well inside the camera's view. */
    private static Episode goalAhead() {
        Episode e = TestEpisodes.room(20, List.of());
        return new Episode(e.scenarioName(), e.seed(), e.arena(), e.obstacles(), e.robot(), e.dynamics(),
                e.cameraEffects(), e.lighting(), e.start(), new Vec2(1.5, 0), 0.3, e.limits());
    }

    private static IntBuffer ints(int n) {
        return ByteBuffer.allocateDirect(n * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
    }

    @Test
    void theRobotCameraDoesNotSeeTheGoalButOverviewsDo() throws IOException {
        Episode e = goalAhead();
        RenderScene scene = RenderScene.of(e);
        assertFalse(scene.goalInRobotCamera());
        CameraFrame hidden = TestEpisodes.frame(e);
        renderer.renderCamera(scene, ObjectPoses.initial(e), CameraStream.of(e), hidden);
        assertEquals(0, TestEpisodes.centroid(hidden, SegmentationIds.GOAL)[2], "goal pixels in the robot camera");
        for (int v = 0; v < hidden.height(); v++) {
            for (int u = 0; u < hidden.width(); u++) {
                int rgb = hidden.rgbAt(u, v);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                assertFalse(g > r + 40 && g > b + 40, "goal-green pixel at " + u + "," + v + ": #"
                        + Integer.toHexString(rgb));
            }
        }

        CameraFrame shown = TestEpisodes.frame(e);
        renderer.renderCamera(scene.withGoalInRobotCamera(true), ObjectPoses.initial(e), CameraStream.of(e),
                shown);
        double[] c = TestEpisodes.centroid(shown, SegmentationIds.GOAL);
        assertTrue(c[2] > 20, "a scene that asks for it shows the goal to the robot camera: " + c[2] + " px");
        assertEquals(32, c[0], 1.5, "goal straight ahead");
        assertEquals(SegmentationIds.FLOOR, hidden.segmentationAt((int) c[0], (int) c[1]), "floor where the goal was");

        CameraFrame[] atlas = {TestEpisodes.frame(e), TestEpisodes.frame(e)};
        renderer.renderCameraAtlas(new RenderScene[] {scene, scene},
                new ObjectPoses[] {ObjectPoses.initial(e), ObjectPoses.initial(e)},
                new CameraStream[] {CameraStream.of(e), CameraStream.of(e)}, atlas);
        for (CameraFrame f : atlas) {
            assertEquals(0, TestEpisodes.centroid(f, SegmentationIds.GOAL)[2], "goal pixels in an atlas tile");
        }

        int size = 160;
        IntBuffer top = ints(size * size);
        IntBuffer topIds = ints(size * size);
        renderer.renderView(scene, ObjectPoses.initial(e), TopDownCamera.of(e), size, size, top, topIds);
        assertTrue(count(topIds, SegmentationIds.GOAL) > 0, "the top-down view shows the goal");
        IntBuffer orbit = ints(320 * 240);
        IntBuffer orbitIds = ints(320 * 240);
        renderer.renderView(scene, ObjectPoses.initial(e), OrbitCamera.overview(e), 320, 240, orbit, orbitIds);
        assertTrue(count(orbitIds, SegmentationIds.GOAL) > 0, "the overview shows the goal");

        String dir = System.getProperty("wayfinder.test.images");
        if (dir != null) {
            Path d = Files.createDirectories(Path.of(dir));
            Png.write(FrameImages.upscale(FrameImages.rgb(hidden), 4), d.resolve("goal-robot-camera.png"));
            Png.write(FrameImages.upscale(FrameImages.rgb(shown), 4), d.resolve("goal-shown-on-request.png"));
            Png.write(FrameImages.argb(orbit, 320, 240), d.resolve("goal-overview.png"));
        }
    }

    @Test
    void hidingTheGoalChangesNothingElse() {
        Episode e = goalAhead();
        // With the goal behind the robot the camera cannot see it either way: the images are identical.
        Episode behind = new Episode(e.scenarioName(), e.seed(), e.arena(), e.obstacles(), e.robot(), e.dynamics(),
                e.cameraEffects(), e.lighting(), e.start(), new Vec2(-3, 0), 0.3, e.limits());
        CameraFrame a = TestEpisodes.frame(behind);
        CameraFrame b = TestEpisodes.frame(behind);
        renderer.renderCamera(RenderScene.of(behind), ObjectPoses.initial(behind), CameraStream.of(behind), a);
        renderer.renderCamera(RenderScene.of(behind).withGoalInRobotCamera(true), ObjectPoses.initial(behind),
                CameraStream.of(behind), b);
        assertArrayEquals(a.rgb(), b.rgb());
    }

    private static int count(IntBuffer ids, int id) {
        int n = 0;
        for (int i = 0; i < ids.capacity(); i++) {
            n += ids.get(i) == id ? 1 : 0;
        }
        return n;
    }
}
