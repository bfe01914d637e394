package dev.wayfinder.robot;

import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.perception.DepthObstaclesTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A robot policy whose shield predicts moving obstacles ({@link SafetyShield.Settings#movers}), fed depth images
 * alone: a panel sliding across the robot's path ahead is seen moving, and driving forward into where it is going is
 * refused, while the same policy with a still-world shield drives on until the panel is in the way.
 */
class MovingObstacleShieldTest {
    private static final NetworkSpec SPEC = new NetworkSpec(16, 16, List.of(4, 4), 12, 6);
    private static final CameraModel CAMERA = TestRobot.CAMERA;
    private static final int FORWARD = 0;

    /**
     * Step {@code t}: the robot stands at the origin facing +x; a 0.3 m wide panel 1 m ahead slides from the left
     * towards -y at 0.3 m/s.
     */
    private static RobotObservation observation(int t) {
        double y0 = 1.3 - 0.03 * t;
        long stamp = t * 100_000_000L;
        byte[] rgb = new byte[CAMERA.width() * CAMERA.height() * 3];
        var depth = new RobotObservation.DepthImage(CAMERA.width(), CAMERA.height(),
                DepthObstaclesTest.render(CAMERA, 1.0, y0, y0 + 0.3, 0.002, t), stamp);
        return new RobotObservation(new RobotObservation.RgbImage(CAMERA.width(), CAMERA.height(), rgb, stamp), CAMERA,
                Optional.of(depth), new RobotObservation.Odometry(new Pose2D(0, 0, 0), 0, 0, stamp), Optional.empty(),
                new RobotObservation.Goal(3, 0), Optional.empty());
    }

    @Test
    void forwardIntoAPanelsPathIsRefusedOnlyWhenItsMotionIsPredicted() {
        SafetyShield.Settings still = new SafetyShield.Settings(SafetyShield.DepthSource.CAMERA, 0.01, 0.8, 0,
                SafetyShield.Sampling.REFUSED, false);
        RobotPolicy plain = new RobotPolicy(SPEC, TestRobot.ROBOT, Optional.of(still), 1, 64, false);
        RobotPolicy predicting = new RobotPolicy(SPEC, TestRobot.ROBOT, Optional.of(still.withMovers(true)), 1, 64,
                false);
        float[] forward = {10, 1, 1, 0, 0, -1};
        int firstRefusedPredicting = -1;
        int firstRefusedPlain = -1;
        for (int t = 0; t < 40; t++) {
            RobotObservation o = observation(t);
            int a = predicting.decide(o, forward, 0, null, 0);
            int b = plain.decide(o, forward, 0, null, 0);
            if (t < 5) {
                assertEquals(FORWARD, a, "step " + t + ": the panel is far to the left and not yet seen moving");
            }
            if (a != FORWARD && firstRefusedPredicting < 0) {
                firstRefusedPredicting = t;
            }
            if (b != FORWARD && firstRefusedPlain < 0) {
                firstRefusedPlain = t;
            }
        }
        assertTrue(firstRefusedPredicting > 0, "the predicting shield refuses forward at some point");
        assertTrue(firstRefusedPlain < 0 || firstRefusedPredicting + 5 <= firstRefusedPlain,
                "predicting refuses at step " + firstRefusedPredicting + ", well before the still-world shield ("
                        + firstRefusedPlain + ")");
    }
}
