package dev.wayfinder.robot;

import dev.wayfinder.robot.perception.DepthObstaclesTest;

import java.util.List;

/** The small robot and depth camera the robot-side tests decide for. */
final class TestRobot {
    /** Six commands (forward, forward-left/right, turning on the spot both ways, stop), 15 cm radius, 10 Hz. */
    static final RobotDescription ROBOT = new RobotDescription(0.15, 0.5, 1.5, 10, List.of(
            new RobotDescription.Command("forward", 1, 0), new RobotDescription.Command("forward-left", 1, 0.5),
            new RobotDescription.Command("forward-right", 1, -0.5), new RobotDescription.Command("left", 0, 1),
            new RobotDescription.Command("right", 0, -1), new RobotDescription.Command("stop", 0, 0)));
    /** The camera {@link DepthObstaclesTest#render} draws for: 15 cm up, pitched 10 degrees down. */
    static final CameraModel CAMERA = new CameraModel(DepthObstaclesTest.W, DepthObstaclesTest.H, 32, 32, 32,
            24, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);

    private TestRobot() {
    }
}
