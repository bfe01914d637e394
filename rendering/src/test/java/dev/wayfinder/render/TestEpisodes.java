package dev.wayfinder.render;

import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Limits;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import java.util.List;

/** Small hand-made episodes with known geometry for the renderer tests. */
final class TestEpisodes {
    static final Material RED = Material.solid(new Rgb(0.9, 0.05, 0.05));
    static final Material GREEN = Material.solid(new Rgb(0.05, 0.8, 0.1));

    private TestEpisodes() {}

    /** A level 64x64 camera, 90 degree FOV, 0.5 m above base_link, looking along +x. */
    static Robot robot() {
        Robot r = BenchEpisodes.robot(64, 64);
        return r.withCamera(new CameraSpec(new Pose3(0, 0, 0.5, 0, 0, 0), Math.toRadians(90), 64, 64, 0.05, 30));
    }

    /**
     * A square arena of {@code side} metres (inner faces at +-side/2), grey floor and walls, the robot at
     * the origin facing +x, the goal behind it.
     */
    static Episode room(double side, List<Obstacle> obstacles, CameraEffects effects, long seed) {
        Arena arena = new Arena(new Vec2(side, side), 1.0, 0.1, Material.solid(Rgb.of8(0xc0, 0xc0, 0xc0)),
                Material.solid(Rgb.of8(0x60, 0x60, 0x60)), 0.8);
        return new Episode("test-room", seed, arena, obstacles, robot(), Dynamics.NOMINAL, effects,
                Lighting.DEFAULT, new Pose2(0, 0, 0), new Vec2(-side / 4, 0), 0.2, Limits.DEFAULT);
    }

    static Episode room(double side, List<Obstacle> obstacles) {
        return room(side, obstacles, CameraEffects.NOMINAL, 0);
    }

    /** A frame for the episode's camera. */
    static CameraFrame frame(Episode e) {
        return new CameraFrame(CameraInfo.of(e.robot().camera()));
    }

    /** Centroid (u, v) and pixel count of segmentation id {@code id}; count 0 when absent. */
    static double[] centroid(CameraFrame f, int id) {
        double su = 0;
        double sv = 0;
        int n = 0;
        for (int v = 0; v < f.height(); v++) {
            for (int u = 0; u < f.width(); u++) {
                if (f.segmentationAt(u, v) == id) {
                    su += u + 0.5;
                    sv += v + 0.5;
                    n++;
                }
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN, 0} : new double[] {su / n, sv / n, n};
    }
}
