package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Robot;

/** Values used for keys a file leaves out (documented in scenarios/README.md). */
final class Defaults {
    private Defaults() {
    }

    static final double WALL_HEIGHT = 0.5;
    static final double WALL_THICKNESS = 0.1;
    static final Material WALL = Material.solid(Rgb.parse("#b4b4b4"));
    static final Material FLOOR = Material.solid(Rgb.parse("#d8d0c0"));
    static final Material OBSTACLE = Material.solid(Rgb.parse("#8c6e4b"));
    static final double FLOOR_FRICTION = 0.8;
    static final double GOAL_TOLERANCE = 0.2;

    /** The camera of a TurtleBot3 Burger-class robot: 64x64, 90 degrees, 15 cm up, pitched 10 degrees down. */
    static final CameraSpec CAMERA = new CameraSpec(new Pose3(0.05, 0, 0.15, 0, Math.toRadians(10), 0),
            Math.toRadians(90), 64, 64, 0.02, 20);
    /** A 270 degree planar lidar, 5 degree steps. */
    static final LidarSpec LIDAR = new LidarSpec(Math.toRadians(-135), Math.toRadians(135), 55, 0.12, 3.5);
    /** A TurtleBot3 Burger-class differential-drive robot. */
    static final Robot ROBOT = new Robot(0.16, 0.033, 1.0, 0.19, new CircleFootprint(0.105), 0.22,
            Math.toRadians(160), 1.0, Math.toRadians(180), 0.05, CAMERA, LIDAR);
}
