package dev.wayfinder.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.scenarios.image.Png;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.DepthEffects;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SegmentationIds;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CameraSensor adapter sees what the renderer sees at the simulation's poses. */
@ExtendWith(NeedsEgl.class)
class GlCameraSensorTest {
    @Test
    void captureAtTheStartEqualsADirectRenderAndFollowsTheRobot() {
        Episode e = BenchEpisodes.clutteredRoom(48, 32);
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        try (GlCameraSensor sensor = GlCameraSensor.create(e)) {
            var out = new CameraFrame(sensor.info());
            sensor.capture(world, state, out);

            CameraFrame direct = new CameraFrame(sensor.info());
            assertEquals(CameraInfo.of(e.robot().camera()), sensor.info());
            byte[] first = out.rgb().clone();
            float[] firstDepth = out.depth().clone();
            int[] firstIds = out.segmentation().clone();
            assertEquals(48 * 32 * 3, first.length);
            assertEquals(0, out.stampNanos());

            for (int i = 0; i < 10; i++) {
                Physics.step(world, state, 0.5, 0.8);
            }
            sensor.capture(world, state, out);
            assertFalse(Arrays.equals(first, out.rgb()), "the view must change after the robot moved and turned");
            assertEquals(state.timeNanos(), out.stampNanos());

            assertThrows(IllegalArgumentException.class, () -> sensor.capture(world, state,
                    new CameraFrame(new CameraInfo(8, 8, 4, 4, 4, 4, 0.1, 10,
                            e.robot().camera().mount()))));
            sensor.close();
            try (Renderer r = Renderer.create()) {
                r.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), CameraStream.of(e), direct);
                assertArrayEquals(direct.rgb(), first, "sensor at the start pose = direct render of the episode");
                // The simulator's start pose goes through its body state (quaternion to yaw): depth, being
                // continuous, may differ in the last bits where colour and ids do not.
                for (int i = 0; i < firstDepth.length; i++) {
                    float d = direct.depth()[i];
                    assertEquals(d, firstDepth[i], Float.isFinite(d) ? 1e-5f * d : 0f, "ground-truth depth at " + i);
                }
                assertArrayEquals(direct.segmentation(), firstIds, "the same segmentation ids");
            }
        }
    }

    @Test
    void eachEpisodeIsSeenThroughItsOwnRandomizedCamera() {
        Episode e = BenchEpisodes.clutteredRoom(48, 32);
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        // A sensor made for the scenario's nominal camera; the episode's camera has another field of view.
        var nominal = e.robot().camera().withHorizontalFov(e.robot().camera().horizontalFov() * 0.7);
        try (Renderer r = Renderer.create(); GlCameraSensor sensor = new GlCameraSensor(r, nominal)) {
            var out = new CameraFrame(sensor.info());
            sensor.capture(world, state, out);
            CameraFrame direct = new CameraFrame(CameraInfo.of(e.robot().camera()));
            r.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), CameraStream.of(e), direct);
            assertArrayEquals(direct.rgb(), out.rgb(), "the episode's camera, not the nominal one, decides the view");
        }
    }

    @Test
    void aSensorThatSkipsSegmentationLeavesItsArrayAndRendersTheSameImage() {
        Episode e = BenchEpisodes.clutteredRoom(48, 32);
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        try (Renderer r = Renderer.create(); GlCameraSensor full = new GlCameraSensor(r, e.robot().camera());
             GlCameraSensor lean = new GlCameraSensor(r, e.robot().camera()).readingSegmentation(false)) {
            var a = new CameraFrame(full.info());
            var b = new CameraFrame(lean.info());
            java.util.Arrays.fill(b.segmentation(), -7);
            full.capture(world, state, a);
            lean.capture(world, state, b);
            assertArrayEquals(a.rgb(), b.rgb());
            assertArrayEquals(a.depth(), b.depth());
            assertTrue(java.util.Arrays.stream(b.segmentation()).allMatch(v -> v == -7), "segmentation left as it was");
            assertTrue(java.util.Arrays.stream(a.segmentation()).anyMatch(v -> v != 0), "the full sensor reads ids");
            assertThrows(IllegalStateException.class, () -> lean.readingSegmentation(true));
        }
    }

    /** A D435-like depth camera, as the bundled scenarios randomize it (middle of their ranges). */
    static final DepthEffects D435 = new DepthEffects(0.002, 0.008, 0.002, 0.15, 5, 0.3, 0.02);

    private static Episode with(Episode e, long seed, Dynamics dynamics, CameraEffects effects) {
        return new Episode(e.scenarioName(), seed, e.arena(), e.obstacles(), e.robot(), dynamics, effects,
                e.lighting(), e.start(), e.goal(), e.goalTolerance(), e.limits());
    }

    @Test
    void aPerfectDepthCameraMeasuresTheTruthAndNeverSeesTheGoal() {
        Episode e = BenchEpisodes.clutteredRoom(64, 48); // the goal lies 6 m straight ahead
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        try (GlCameraSensor sensor = GlCameraSensor.create(e)) {
            var out = new CameraFrame(sensor.info());
            for (int t = 0; t < 4; t++) {
                sensor.capture(world, state, out);
                for (int i = 0; i < out.depth().length; i++) {
                    float truth = out.depth()[i];
                    float seen = out.measuredDepth()[i];
                    if (Float.isFinite(truth)) {
                        assertEquals(truth, seen, "pixel " + i + ", step " + t);
                    } else {
                        assertTrue(Float.isNaN(seen), "no return is NaN, pixel " + i);
                    }
                    assertTrue(out.segmentation()[i] != SegmentationIds.GOAL, "goal seen at pixel " + i);
                }
                Physics.step(world, state, 0.3, 0.2);
            }
        }
    }

    @Test
    void theMeasuredDepthIsNoisyInvalidInPlacesAndTheSameForTheSameEpisode() throws IOException {
        long seed = 31;
        Episode e = with(BenchEpisodes.clutteredRoom(64, 48), seed, Dynamics.NOMINAL,
                CameraEffects.NOMINAL.withDepth(D435));
        World world = WorldCompiler.compile(e);
        List<float[]> first = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            SimState state = new SimState(world);
            try (GlCameraSensor sensor = GlCameraSensor.create(e)) {
                var out = new CameraFrame(sensor.info());
                for (int t = 0; t < 3; t++) {
                    sensor.capture(world, state, out);
                    if (run == 0) {
                        first.add(out.measuredDepth().clone());
                        int nan = 0;
                        int valid = 0;
                        double err = 0;
                        for (int i = 0; i < out.depth().length; i++) {
                            float m = out.measuredDepth()[i];
                            if (Float.isNaN(m)) {
                                nan++;
                                continue;
                            }
                            valid++;
                            float z = out.depth()[i];
                            assertTrue(m >= 0.15 && m <= 5, "seed " + seed + ": " + m + " m outside the range");
                            err = Math.max(err, Math.abs(m - z) / D435.sigmaAt(z));
                        }
                        assertTrue(nan > 0.02 * out.depth().length, "seed " + seed + ": invalid pixels " + nan);
                        assertTrue(valid > 0.3 * out.depth().length, "seed " + seed + ": valid pixels " + valid);
                        assertTrue(err < 7, "seed " + seed + ": largest error " + err + " sigma");
                        if (t == 0) {
                            writeImages(out, "measured-depth");
                        }
                    } else {
                        assertArrayEquals(first.get(t), out.measuredDepth(), "seed " + seed + ", frame " + t);
                    }
                    Physics.step(world, state, 0.3, 0.2);
                }
                state.reset(0);
                sensor.capture(world, state, out);
                assertArrayEquals(first.get(0), out.measuredDepth(), "seed " + seed + ": a reset restarts the noise");
            }
        }
    }

    @Test
    void aLateCameraDeliversTheFrameOfTwoStepsAgoStampedWhenItWasTaken() {
        Episode base = BenchEpisodes.clutteredRoom(48, 32);
        World prompt = WorldCompiler.compile(base);
        // 0.2 s at 10 Hz control is two control periods.
        World late = WorldCompiler.compile(with(base, 0, new Dynamics(1, 0, 0, 0, 0, 0, 0, 0.2), base.cameraEffects()));
        SimState a = new SimState(prompt);
        SimState b = new SimState(late);
        try (Renderer r = Renderer.create(); GlCameraSensor now = new GlCameraSensor(r, base.robot().camera());
             GlCameraSensor delayed = new GlCameraSensor(r, base.robot().camera())) {
            var fa = new CameraFrame(now.info());
            var fb = new CameraFrame(delayed.info());
            List<byte[]> rgb = new ArrayList<>();
            List<float[]> depth = new ArrayList<>();
            List<Long> stamps = new ArrayList<>();
            for (int t = 0; t <= 8; t++) {
                if (t > 0) {
                    Physics.step(prompt, a, 0.5, t < 4 ? 1.0 : -0.6);
                    Physics.step(late, b, 0.5, t < 4 ? 1.0 : -0.6);
                }
                now.capture(prompt, a, fa);
                delayed.capture(late, b, fb);
                rgb.add(fa.rgb().clone());
                depth.add(fa.depth().clone());
                stamps.add(fa.stampNanos());
                int then = Math.max(0, t - 2);
                assertArrayEquals(rgb.get(then), fb.rgb(), "step " + t + " shows step " + then);
                assertArrayEquals(depth.get(then), fb.depth(), "step " + t + " depth of step " + then);
                assertEquals(stamps.get(then), fb.stampNanos(), "stamp at step " + t);
                assertEquals(b.timeNanos(), a.timeNanos());
                if (t >= 3) {
                    assertFalse(Arrays.equals(fa.rgb(), fb.rgb()), "the robot turned: now differs from then, step " + t);
                }
            }
        }
    }

    private static void writeImages(CameraFrame f, String name) throws IOException {
        String dir = System.getProperty("wayfinder.test.images");
        if (dir == null) {
            return;
        }
        Path d = Files.createDirectories(Path.of(dir));
        int w = f.info().width();
        int h = f.info().height();
        Png.write(FrameImages.upscale(FrameImages.depth(f.depth(), w, h, 6), 6),
                d.resolve(name + "-truth.png"));
        Png.write(FrameImages.upscale(FrameImages.depth(f.measuredDepth(), w, h, 6), 6),
                d.resolve(name + "-measured.png"));
    }
}
