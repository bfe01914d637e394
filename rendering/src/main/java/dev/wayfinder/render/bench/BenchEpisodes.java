package dev.wayfinder.render.bench;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Limits;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fixed episodes for benchmarks and previews that need no scenario files: a cluttered room of 8 x 8
 * metres with 24 textured boxes and cylinders and 3 pushable boxes, every texture kind used.
 */
public final class BenchEpisodes {
    private BenchEpisodes() {}

    /** A TurtleBot-sized robot whose forward camera is {@code width x height} pixels with a 90 degree FOV. */
    public static Robot robot(int width, int height) {
        CameraSpec cam = new CameraSpec(new Pose3(0.08, 0, 0.15, 0, Math.toRadians(5), 0), Math.toRadians(90),
                width, height, 0.05, 20);
        return new Robot(0.16, 0.033, 1.0, 0.2, new CircleFootprint(0.1), 0.6, 2.0, 2.0, 6.0, 0, cam,
                new LidarSpec(-Math.PI, Math.PI, 64, 0.1, 8));
    }

    /** The cluttered room with a {@code width x height} camera; the layout is fixed (seed 7). */
    public static Episode clutteredRoom(int width, int height) {
        SplittableRandom r = new SplittableRandom(7);
        TextureKind[] kinds = TextureKind.values();
        List<Obstacle> obstacles = new ArrayList<>();
        for (int i = 0; i < 27; i++) {
            double x;
            double y;
            do {
                x = r.nextDouble(-3.5, 3.5);
                y = r.nextDouble(-3.5, 3.5);
            } while (Math.hypot(x + 3, y) < 0.8 || Math.hypot(x - 3, y) < 0.8);
            Rgb c1 = Rgb.fromHsv(r.nextDouble(0, 2 * Math.PI), r.nextDouble(0.4, 0.9), r.nextDouble(0.5, 0.95));
            Rgb c2 = Rgb.fromHsv(r.nextDouble(0, 2 * Math.PI), r.nextDouble(0.1, 0.6), r.nextDouble(0.2, 0.9));
            Material m = new Material(c1, kinds[i % kinds.length], c2, r.nextDouble(0.1, 0.3));
            Pose2 pose = new Pose2(x, y, r.nextDouble(0, Math.PI));
            String id = "clutter-" + i;
            if (i >= 24) {
                obstacles.add(Obstacle.pushable(id, new Box(0.3, 0.3, 0.3), pose, m, 2.0));
            } else if (i % 3 == 0) {
                obstacles.add(Obstacle.fixed(id, new Cylinder(r.nextDouble(0.1, 0.3), r.nextDouble(0.3, 1.0)), pose, m));
            } else {
                obstacles.add(Obstacle.fixed(id, new Box(r.nextDouble(0.2, 0.8), r.nextDouble(0.2, 0.8),
                        r.nextDouble(0.2, 1.2)), pose, m));
            }
        }
        Arena arena = new Arena(new Vec2(8, 8), 1.0, 0.1,
                new Material(Rgb.of8(0xb8, 0x6b, 0x4f), TextureKind.BRICK, Rgb.of8(0xd8, 0xd0, 0xc0), 0.3),
                new Material(Rgb.of8(0x9a, 0x7a, 0x55), TextureKind.WOOD, Rgb.of8(0x6b, 0x4e, 0x30), 0.25), 0.8);
        return new Episode("cluttered-room", 0, arena, obstacles, robot(width, height), Dynamics.NOMINAL,
                CameraEffects.NOMINAL, Lighting.DEFAULT, new Pose2(-3, 0, 0), new Vec2(3, 0), 0.3, Limits.DEFAULT);
    }
}
