package dev.wayfinder.sim;

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
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Vec2;

import java.util.ArrayList;
import java.util.List;

/** Episodes built directly from the records, for tests that must not depend on scenario files. */
public final class TestEpisodes {
    public static final Material GREY = Material.solid(new Rgb(0.5, 0.5, 0.5));

    private TestEpisodes() {
    }

    /** A TurtleBot3-Burger-like robot with a 64-beam 360 degree lidar. */
    public static Robot robot() {
        CameraSpec cam = new CameraSpec(new Pose3(0.05, 0, 0.15, 0, 0, 0), Math.toRadians(90), 64, 64, 0.05, 20);
        LidarSpec lidar = new LidarSpec(-Math.PI, Math.PI - 2 * Math.PI / 64, 64, 0.12, 3.5);
        return new Robot(0.16, 0.033, 1.0, 0.19, new CircleFootprint(0.105), 0.5, 2.0, 1.5, 6.0, 0.05, cam, lidar);
    }

    /** An empty 6 x 4 m room, robot at (-2, 0) facing +x, goal at (2, 0). */
    public static Episode emptyRoom() {
        return episode(List.of(), new Pose2(-2, 0, 0), new Vec2(2, 0), Dynamics.NOMINAL, 0.8);
    }

    /** A 6 x 4 m room with a box wall in the middle, a pushable box, a cylinder and one moving cylinder. */
    public static Episode clutter(Dynamics dynamics) {
        List<Obstacle> obs = new ArrayList<>();
        obs.add(Obstacle.fixed("block", new Box(0.4, 1.6, 0.5), new Pose2(0, 0.8, 0), GREY));
        obs.add(Obstacle.fixed("post", new Cylinder(0.15, 0.6), new Pose2(1.2, -1.0, 0), GREY));
        obs.add(Obstacle.pushable("crate", new Box(0.3, 0.3, 0.3), new Pose2(-1.0, 1.3, 0.3), GREY, 2));
        obs.add(Obstacle.moving("walker", new Cylinder(0.2, 1.0), new Pose2(2.3, 1.5, 0), GREY,
                new Patrol(List.of(new Vec2(2.3, -1.5)), 0.3, PatrolMode.PING_PONG)));
        return episode(obs, new Pose2(-2, -1, 0), new Vec2(2, 0.8), dynamics, 0.8);
    }

    /** A room with the given obstacles. */
    public static Episode episode(List<Obstacle> obstacles, Pose2 start, Vec2 goal, Dynamics dynamics,
                                  double floorFriction) {
        Arena arena = new Arena(new Vec2(6, 4), 0.5, 0.1, GREY, GREY, floorFriction);
        return new Episode("test-room", 0, arena, obstacles, robot(), dynamics, CameraEffects.NOMINAL,
                Lighting.DEFAULT, start, goal, 0.25, new Limits(300, 10));
    }

    /** Realistic imperfections. */
    public static Dynamics noisy() {
        return new Dynamics(1.05, 0.05, 0.05, 0.0, 0.02, 0.01, 0.01);
    }
}
