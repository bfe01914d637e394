package dev.wayfinder.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Rendering cameras as tiles of one atlas gives the images of rendering them one by one (up to edge pixels). */
@ExtendWith(NeedsEgl.class)
class AtlasTest {
    @Test
    void atlasTilesEqualSeparateRenders() {
        Episode e = BenchEpisodes.clutteredRoom(40, 30);
        int n = 5;
        RenderScene scene = RenderScene.of(e);
        RenderScene[] scenes = new RenderScene[n];
        ObjectPoses[] poses = new ObjectPoses[n];
        CameraStream[] atlasStreams = new CameraStream[n];
        CameraFrame[] atlas = new CameraFrame[n];
        CameraFrame[] single = new CameraFrame[n];
        for (int i = 0; i < n; i++) {
            scenes[i] = scene;
            poses[i] = ObjectPoses.initial(e);
            poses[i].setRobot(-3 + 0.4 * i, 0.3 * i, 0.5 * i);
            atlasStreams[i] = CameraStream.of(e);
            atlas[i] = TestEpisodes.frame(e);
            single[i] = TestEpisodes.frame(e);
        }
        try (Renderer r = Renderer.create()) {
            r.renderCameraAtlas(scenes, poses, atlasStreams, atlas);
            for (int i = 0; i < n; i++) {
                r.renderCamera(scenes[i], poses[i], CameraStream.of(e), single[i]);
                int rgbDiff = 0;
                int segDiff = 0;
                for (int v = 0; v < 30; v++) {
                    for (int u = 0; u < 40; u++) {
                        rgbDiff += atlas[i].rgbAt(u, v) != single[i].rgbAt(u, v) ? 1 : 0;
                        segDiff += atlas[i].segmentationAt(u, v) != single[i].segmentationAt(u, v) ? 1 : 0;
                        float a = atlas[i].depthAt(u, v);
                        float b = single[i].depthAt(u, v);
                        if (atlas[i].segmentationAt(u, v) == single[i].segmentationAt(u, v)) {
                            assertEquals(b, a, Float.isFinite(b) ? b * 1e-3 : 0, "depth tile " + i + " at " + u + "," + v);
                        }
                    }
                }
                // Tiles sit at other window offsets, so a few edge pixels may rasterize differently.
                assertTrue(rgbDiff <= 12, rgbDiff + " of 1200 RGB pixels differ in tile " + i);
                assertTrue(segDiff <= 12, segDiff + " of 1200 segmentation pixels differ in tile " + i);
            }
            CameraStream other = new CameraStream(e.robot().camera().withHorizontalFov(1.0).withMount(
                    e.robot().camera().mount()), e.cameraEffects(), 0, false, false);
            assertThrows(IllegalArgumentException.class, () -> r.renderCameraAtlas(
                    new RenderScene[] {scene, scene}, new ObjectPoses[] {poses[0], poses[1]},
                    new CameraStream[] {atlasStreams[0], other}, new CameraFrame[] {atlas[0], atlas[1]}),
                    "streams with other outputs");
            var c = e.robot().camera();
            CameraFrame small = new CameraFrame(CameraInfo.of(
                    new CameraSpec(c.mount(), c.horizontalFov(), 20, 15, c.near(), c.far())));
            assertThrows(IllegalArgumentException.class, () -> r.renderCameraAtlas(
                    new RenderScene[] {scene, scene}, new ObjectPoses[] {poses[0], poses[1]},
                    new CameraStream[] {atlasStreams[0], atlasStreams[1]}, new CameraFrame[] {atlas[0], small}),
                    "a frame of another size");
            assertThrows(IllegalArgumentException.class,
                    () -> r.renderCamera(scene, poses[0], atlasStreams[0], small), "a frame of another size");
        }
    }
}
