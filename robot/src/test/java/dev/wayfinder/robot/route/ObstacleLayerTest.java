package dev.wayfinder.robot.route;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.robot.perception.DepthObstaclesTest;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A mapless robot with a depth camera routes round what it has seen; without a depth camera it cannot route. */
class ObstacleLayerTest {
    private static final int W = DepthObstaclesTest.W;
    private static final int H = DepthObstaclesTest.H;
    private static final CameraModel CAMERA = new CameraModel(W, H, 32, 32, 32, 24, 0.05, 0, 0.15, 0,
            Math.toRadians(10), 0);

    private static RobotObservation observation(float[] depth) {
        return new RobotObservation(new RobotObservation.RgbImage(W, H, new byte[W * H * 3], 0), CAMERA,
                depth == null ? Optional.empty() : Optional.of(new RobotObservation.DepthImage(W, H, depth, 0)),
                new RobotObservation.Odometry(new Pose2D(0, 0, 0), 0, 0, 0), Optional.empty(),
                new RobotObservation.Goal(4, 0), Optional.empty());
    }

    @Test
    void aSeenObstacleBendsTheRouteAroundIt() {
        // A box face 1.2 m ahead from y = -1.5 to y = 0.4: the way round is to the left.
        float[] depth = DepthObstaclesTest.render(CAMERA, 1.2, -1.5, 0.4, 0, 3);
        RobotObservation o = observation(depth);
        DepthObstacles seen = new DepthObstacles();
        seen.profile(o.depth().get(), CAMERA, 64, 3.0, new float[64], 0);
        RouteFollower blind = new RouteFollower(0.1, 10, true);
        double straight = blind.bearing(observation(new float[W * H]), 0.8, null);
        assertEquals(0, straight, 0.1, "nothing seen: straight at the goal (within a 0.1 m cell)");
        RouteFollower f = new RouteFollower(0.1, 10, true);
        double b = f.bearing(o, 0.8, seen);
        assertTrue(b > 0.2, "the route turns left round the box, bearing " + b + ", route "
                + java.util.Arrays.toString(f.route()));
        // A new episode forgets what was seen.
        f.reset();
        assertEquals(0, f.bearing(observation(new float[W * H]), 0.8, null), 0.1);
    }

    @Test
    void routingNeedsAMapOrADepthCamera() {
        RouteFollower f = new RouteFollower(0.1, 10, false);
        assertThrows(IllegalArgumentException.class, () -> f.bearing(observation(null), 0.8));
    }
}
