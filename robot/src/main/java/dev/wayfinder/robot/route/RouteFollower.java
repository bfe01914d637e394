package dev.wayfinder.robot.route;

import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.robot.RobotObservation;

/**
 * Follows a route planned from the robot's own pose estimate (its odometry carried onto the map by the map to odom
 * transform), as a local controller follows Nav2's global plan: it replans every {@link #REPLAN_SECONDS} and whenever
 * the robot is more than {@link #OFF_ROUTE} from the route, and gives the point a fixed distance ahead along it. The
 * route is planned on the static map, on the map with an {@link ObstacleLayer} of what the depth camera has shown
 * since the episode began (furniture that moved, new obstacles), or, for a mapless robot with a depth camera, on that
 * layer alone (unknown space counts as free). Without the layer, where the world differs from the map the route does
 * not know: that is the camera's job. Not thread-safe: one per robot.
 */
public final class RouteFollower {
    /** Seconds between replans. */
    public static final double REPLAN_SECONDS = 1.0;
    /** Distance from the route beyond which the robot replans at once, metres. */
    public static final double OFF_ROUTE = 0.3;

    /** Margin around start and goal of a mapless robot's grid, metres. */
    public static final double MAPLESS_MARGIN = 6.0;
    /** Cell side of a mapless robot's grid, metres. */
    public static final double MAPLESS_RESOLUTION = 0.1;

    private final double radius;
    private final int replanEvery;
    private final boolean layered;
    private GridPlanner planner;
    private ObstacleLayer layer;
    private OccupancyMap base;
    private double[] path;
    private int since;
    private int along;
    private final double[] tmp = new double[2];
    /** The robot in the map frame and the odom frame's pose on the map at the last {@link #bearing} call. */
    private double robotX;
    private double robotY;
    private Pose2D odomInMap = Pose2D.IDENTITY;

    /**
     * @param radius      the robot's radius the map is inflated by, metres, &gt;= 0
     * @param controlRate decisions per second, &gt; 0
     */
    public RouteFollower(double radius, double controlRate) {
        this(radius, controlRate, false);
    }

    /**
     * @param radius      the robot's radius the map is inflated by, metres, &gt;= 0
     * @param controlRate decisions per second, &gt; 0
     * @param layered     whether the route also avoids what the depth camera has shown ({@link ObstacleLayer})
     */
    public RouteFollower(double radius, double controlRate, boolean layered) {
        if (!(radius >= 0) || !(controlRate > 0)) {
            throw new IllegalArgumentException("route follower needs radius >= 0 and control rate > 0, got " + radius
                    + ", " + controlRate);
        }
        this.radius = radius;
        this.replanEvery = Math.max(1, (int) Math.round(REPLAN_SECONDS * controlRate));
        this.layered = layered;
    }

    /** Whether the route also avoids what the depth camera has shown. */
    public boolean layered() {
        return layered;
    }

    /** Forgets the route (a new goal or episode); the planner of an unchanged map is kept. */
    public void reset() {
        path = null;
        since = 0;
        along = 0;
        if (layer != null) {
            if (base == null) {
                // A mapless robot's grid is laid around its next start and goal.
                layer = null;
                planner = null;
            } else {
                layer.reset();
                planner.refresh(base.cells());
            }
        }
    }

    /**
     * The bearing, in base_link (radians, positive to the left), to the point {@code ahead} metres along the route
     * to the goal; the goal's own bearing (from odometry) when no route exists.
     *
     * @param o     the observation; it must carry a map
     * @param ahead look-ahead distance, metres, &gt; 0
     */
    public double bearing(RobotObservation o, double ahead) {
        return bearing(o, ahead, null);
    }

    /**
     * As {@link #bearing(RobotObservation, double)}, first adding the depth frame {@code seen} (the profile of
     * {@code o}'s depth image) to the obstacle layer when the follower is layered.
     *
     * @param seen the frame's obstacles, or null when there is no depth image
     */
    public double bearing(RobotObservation o, double ahead, DepthObstacles seen) {
        Pose2D odomInMap = o.map().map(RobotObservation.StaticMap::odomInMap).orElse(Pose2D.IDENTITY);
        if (o.map().isEmpty() && !layered) {
            throw new IllegalArgumentException("following a route needs a static map in the observation, or a depth"
                    + " camera to map with");
        }
        Pose2D robot = odomInMap.compose(o.odometry().pose());
        this.robotX = robot.x();
        this.robotY = robot.y();
        this.odomInMap = odomInMap;
        odomInMap.apply(o.goal().x(), o.goal().y(), tmp);
        double gx = tmp[0];
        double gy = tmp[1];
        OccupancyMap grid = o.map().map(RobotObservation.StaticMap::grid).orElse(null);
        if (planner == null || (grid != null && planner.map() != grid)) {
            base = grid;
            OccupancyMap geometry = grid != null ? grid
                    : ObstacleLayer.around(robot.x(), robot.y(), gx, gy, MAPLESS_MARGIN, MAPLESS_RESOLUTION);
            planner = new GridPlanner(geometry, radius);
            layer = layered ? new ObstacleLayer(geometry) : null;
            path = null;
        }
        if (layer != null && seen != null) {
            // Placed where the robot was when the depth image was taken.
            Pose2D then = odomInMap.compose(o.odometry().poseAt(o.depth().map(RobotObservation.DepthImage::stampNanos)
                    .orElse(o.odometry().stampNanos())));
            layer.observe(seen, then, o.camera().mountX(), o.camera().mountY());
        }
        boolean replan = path == null || ++since >= replanEvery || distanceToPath(robot.x(), robot.y()) > OFF_ROUTE;
        if (replan) {
            if (layer != null && layer.changed()) {
                byte[] cells = layer.combine(base);
                // Only where the camera changed the layer, when it says where (the same plan as a whole refresh).
                int[] box = layer.lastChange();
                if (box == null) {
                    planner.refresh(cells);
                } else {
                    planner.refresh(cells, box[0], box[1], box[2], box[3]);
                }
            }
            double[] p = planner.plan(robot.x(), robot.y(), gx, gy);
            if (p != null) {
                path = p;
                along = 0;
            }
            since = 0;
        }
        double tx = gx;
        double ty = gy;
        if (path != null) {
            lookahead(robot.x(), robot.y(), ahead);
            tx = tmp[0];
            ty = tmp[1];
        }
        return Math.IEEEremainder(Math.atan2(ty - robot.y(), tx - robot.x()) - robot.yaw(), 2 * Math.PI);
    }

    /**
     * The point {@code ahead} metres along the route from where the robot was at the last {@link #bearing} call, in
     * the odom frame, into {@code out[0..1]}; false (and {@code out} untouched) when there is no route.
     */
    public boolean target(double ahead, double[] out) {
        if (path == null) {
            return false;
        }
        int keep = along;
        lookahead(robotX, robotY, ahead);
        along = keep;
        // Map to odom: the inverse of odomInMap.
        double dx = tmp[0] - odomInMap.x();
        double dy = tmp[1] - odomInMap.y();
        double c = Math.cos(odomInMap.yaw());
        double s = Math.sin(odomInMap.yaw());
        out[0] = c * dx + s * dy;
        out[1] = -s * dx + c * dy;
        return true;
    }

    /**
     * The length of the route still ahead of where the robot was at the last {@link #bearing} call, from its
     * projection on the route to the goal, metres; NaN before the first plan. A replan starts the route at the robot,
     * so the value jumps where the camera shows the way blocked.
     */
    public double remaining() {
        if (path == null) {
            return Double.NaN;
        }
        int segments = path.length / 2 - 1;
        if (segments < 1) {
            return Math.hypot(path[0] - robotX, path[1] - robotY);
        }
        int s = Math.min(along, segments - 1);
        double ax = path[2 * s];
        double ay = path[2 * s + 1];
        double bx = path[2 * s + 2];
        double by = path[2 * s + 3];
        double dx = bx - ax;
        double dy = by - ay;
        double l2 = dx * dx + dy * dy;
        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((robotX - ax) * dx + (robotY - ay) * dy) / l2));
        double left = (1 - t) * Math.sqrt(l2);
        for (int k = s + 1; k < segments; k++) {
            left += Math.hypot(path[2 * k + 2] - path[2 * k], path[2 * k + 3] - path[2 * k + 1]);
        }
        return left;
    }

    /** The current route in the map frame (x, y pairs), or null before the first plan. */
    public double[] route() {
        return path == null ? null : path.clone();
    }

    private double distanceToPath(double x, double y) {
        if (path == null) {
            return Double.POSITIVE_INFINITY;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int k = 0; k + 3 < path.length; k += 2) {
            best = Math.min(best, segmentDistance(x, y, path[k], path[k + 1], path[k + 2], path[k + 3]));
        }
        return best;
    }

    /** The point {@code ahead} metres along the path from the robot's projection on it, into tmp. */
    private void lookahead(double x, double y, double ahead) {
        int segments = path.length / 2 - 1;
        // The nearest segment at or after the last one used (the robot moves along; it does not jump back).
        int best = along;
        double bestD = Double.POSITIVE_INFINITY;
        for (int s = along; s < segments; s++) {
            double d = segmentDistance(x, y, path[2 * s], path[2 * s + 1], path[2 * s + 2], path[2 * s + 3]);
            if (d < bestD - 1e-9) {
                bestD = d;
                best = s;
            }
        }
        along = best;
        double ax = path[2 * best];
        double ay = path[2 * best + 1];
        double bx = path[2 * best + 2];
        double by = path[2 * best + 3];
        double len = Math.hypot(bx - ax, by - ay);
        double t = len == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / (len * len)));
        double left = ahead + t * len;
        for (int s = best; s < segments; s++) {
            double sx = path[2 * s];
            double sy = path[2 * s + 1];
            double ex = path[2 * s + 2];
            double ey = path[2 * s + 3];
            double l = Math.hypot(ex - sx, ey - sy);
            if (left <= l && l > 0) {
                tmp[0] = sx + (ex - sx) * left / l;
                tmp[1] = sy + (ey - sy) * left / l;
                return;
            }
            left -= l;
        }
        tmp[0] = path[path.length - 2];
        tmp[1] = path[path.length - 1];
    }

    private static double segmentDistance(double x, double y, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double l2 = dx * dx + dy * dy;
        double t = l2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / l2));
        return Math.hypot(x - ax - t * dx, y - ay - t * dy);
    }
}
