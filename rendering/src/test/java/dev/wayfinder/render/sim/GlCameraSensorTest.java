package dev.wayfinder.render.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wayfinder.render.CameraFrame;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The CameraSensor adapter sees what the renderer sees at the simulation's poses. */
class GlCameraSensorTest {
    @Test
    void captureAtTheStartEqualsADirectRenderAndFollowsTheRobot() {
        Episode e = BenchEpisodes.clutteredRoom(48, 32);
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        try (GlCameraSensor sensor = GlCameraSensor.create(e)) {
            var out = new dev.wayfinder.sim.camera.CameraFrame(sensor.info());
            sensor.capture(world, state, out);

            CameraFrame direct = CameraFrame.of(e);
            assertEquals(CameraInfo.of(e.robot().camera()), sensor.info());
            byte[] first = out.rgb().clone();
            assertEquals(48 * 32 * 3, first.length);
            assertEquals(0, out.stampNanos());

            for (int i = 0; i < 10; i++) {
                Physics.step(world, state, 0.5, 0.8);
            }
            sensor.capture(world, state, out);
            assertFalse(Arrays.equals(first, out.rgb()), "the view must change after the robot moved and turned");
            assertEquals(state.timeNanos(), out.stampNanos());

            assertThrows(IllegalArgumentException.class, () -> sensor.capture(world, state,
                    new dev.wayfinder.sim.camera.CameraFrame(new CameraInfo(8, 8, 4, 4, 4, 4, 0.1, 10,
                            e.robot().camera().mount()))));
            sensor.close();
            try (Renderer r = Renderer.create()) {
                r.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), direct);
                byte[] expected = new byte[first.length];
                direct.copyRgb(expected);
                assertArrayEquals(expected, first, "sensor at the start pose = direct render of the episode");
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
            var out = new dev.wayfinder.sim.camera.CameraFrame(sensor.info());
            sensor.capture(world, state, out);
            CameraFrame direct = CameraFrame.of(e);
            r.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), direct);
            byte[] expected = new byte[out.rgb().length];
            direct.copyRgb(expected);
            assertArrayEquals(expected, out.rgb(), "the episode's camera, not the nominal one, decides the view");
        }
    }
}
