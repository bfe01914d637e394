package dev.wayfinder.sim.env;

import dev.wayfinder.sim.TestEpisodes;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.core.SegmentationIds;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The camera seam with a stand-in sensor: what the renderer module implements. */
class CameraSeamTest {
    /** Paints every pixel with the robot's segmentation id and its x position as depth. */
    static final class FakeCamera implements CameraSensor {
        final CameraInfo info;
        int captures;
        boolean closed;

        FakeCamera(CameraInfo info) {
            this.info = info;
        }

        @Override
        public CameraInfo info() {
            return info;
        }

        @Override
        public void capture(World world, SimState state, CameraFrame out) {
            if (out.info().pixels() != info.pixels()) {
                throw new IllegalArgumentException("frame made for another camera");
            }
            double[] pose = new double[7];
            state.cameraBodyPose(World.ROBOT, pose);
            Arrays.fill(out.segmentation(), world.segmentationId(World.ROBOT));
            Arrays.fill(out.depth(), (float) pose[0]);
            out.setStampNanos(state.cameraStampNanos());
            captures++;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void framesArriveInTheObservationAndTheSensorIsClosedWithTheEnv() {
        var episode = TestEpisodes.emptyRoom();
        FakeCamera cam = new FakeCamera(CameraInfo.of(episode.robot().camera()));
        NavEnv env = new NavEnv(EpisodeSource.fixed(episode), EnvConfig.DISCRETE, Optional.of(cam));
        assertTrue(env.observationSpace().spaces().get("camera") instanceof ImageSpace);
        env.reset(1);
        StepResult s = env.step(new Action.Discrete(0));
        CameraFrame f = s.observation().camera().orElseThrow();
        assertTrue(env.observationSpace().contains(s.observation()));
        assertEquals(env.state().timeNanos(), f.stampNanos());
        assertEquals((float) env.state().robotX(), f.depth()[0]);
        assertEquals(SegmentationIds.body(World.ROBOT), f.segmentation()[5]);
        assertEquals(2, cam.captures, "one capture at reset, one per step");
        env.close();
        assertTrue(cam.closed);
    }
}
