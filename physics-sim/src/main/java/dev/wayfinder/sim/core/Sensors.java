package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.LidarSpec;

/**
 * The sensing stage: refreshes the planar outlines of moving and pushable bodies and sweeps the lidar by 2D
 * ray casting against the episode's geometry (walls, obstacles) instead of Bullet ray tests, which check
 * every collision object and allocate per ray. Odometry and IMU are integrated by {@link Physics}.
 * Stateless; allocates nothing.
 */
public final class Sensors {
    private Sensors() {
    }

    /** Recomputes the sensor readings of {@code state} from its current poses. */
    public static void update(World world, SimState state) {
        refreshDynamicOutlines(world, state);
        sweepLidar(world, state);
    }

    private static void refreshDynamicOutlines(World world, SimState s) {
        // Pushables first, then moving bodies: clearance() can leave out the moving ones.
        int seg = 0;
        int circ = 0;
        for (int pass = 0; pass < 2; pass++) {
            BodyKind wanted = pass == 0 ? BodyKind.PUSHABLE : BodyKind.MOVING;
            double[] p = s.poses;
            for (int i = 1; i < world.bodyCount(); i++) {
                Body b = world.bodies().get(i);
                if (b.kind() != wanted) {
                    continue;
                }
                int at = 7 * i;
                if (b.shape() instanceof Box box) {
                    seg = Geometry2d.boxEdges(p[at], p[at + 1], SimState.yawOf(p, at), box.size().x(),
                            box.size().y(), s.dynamicSegments, seg);
                } else if (b.shape() instanceof Cylinder c) {
                    s.dynamicCircles[circ * 3] = p[at];
                    s.dynamicCircles[circ * 3 + 1] = p[at + 1];
                    s.dynamicCircles[circ * 3 + 2] = c.radius();
                    circ++;
                }
            }
            if (pass == 0) {
                s.pushableSegmentCount = seg;
                s.pushableCircleCount = circ;
            }
        }
        s.dynamicSegmentCount = seg;
        s.dynamicCircleCount = circ;
    }

    private static void sweepLidar(World world, SimState s) {
        LidarSpec spec = world.robot().lidar();
        double ox = s.robotX();
        double oy = s.robotY();
        double yaw = s.robotYaw();
        double cy = Math.cos(yaw);
        double sy = Math.sin(yaw);
        double[] bc = world.beamCosRef();
        double[] bs = world.beamSinRef();
        double[] stSeg = world.staticSegmentsRef();
        double[] stCirc = world.staticCirclesRef();
        int nStSeg = world.staticSegmentCount();
        int nStCirc = world.staticCircleCount();
        double noise = world.episode().dynamics().lidarNoiseStd();
        double max = spec.rangeMax();
        double min = spec.rangeMin();
        for (int i = 0; i < s.lidar.length; i++) {
            double dx = cy * bc[i] - sy * bs[i];
            double dy = sy * bc[i] + cy * bs[i];
            double r = Geometry2d.castRay(ox, oy, dx, dy, max, stSeg, nStSeg, stCirc, nStCirc);
            r = Geometry2d.castRay(ox, oy, dx, dy, r, s.dynamicSegments, s.dynamicSegmentCount,
                    s.dynamicCircles, s.dynamicCircleCount);
            if (r < max && noise > 0) {
                r += noise * s.rng.nextGaussian();
            }
            s.lidar[i] = (float) Math.max(min, Math.min(max, r));
        }
    }
}
