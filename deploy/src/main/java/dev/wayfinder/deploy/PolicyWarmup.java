package dev.wayfinder.deploy;

import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.OccupancyMap;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.perception.DepthObstacles;

import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs the robot-side decision on a synthetic room before the node listens to the robot, so that the JIT has compiled
 * it when the first real frame arrives: cold, one decision takes hundreds of milliseconds (the network's Vector API
 * code allocates on every operation until it is compiled), which a robot would feel as late or zero commands in its
 * first seconds. The room is a floor, a wall 3 m ahead and a box face 1.2 m ahead left of centre, seen at the
 * simulator's 64x64 and at 640x480 in turn (the sizes' loops are the same code), by a robot driving slowly towards a
 * goal 5 m ahead; with a map when the model routes on one. Nothing of it stays: the node makes its own policy for the
 * first real camera.
 */
public final class PolicyWarmup {
    private PolicyWarmup() {
    }

    /**
     * What a warm-up did.
     *
     * @param decisions decisions made
     * @param nanos     time they took
     * @param lastNanos the last 640x480 decision's time (0 when none was made)
     */
    public record Result(int decisions, long nanos, long lastNanos) {
    }

    /**
     * Decides on synthetic frames for about {@code seconds} (at least one decision per size unless 0).
     *
     * @param model  the model the node runs
     * @param net    its network, compiled for batch 1 (the node's own: its buffers are warmed too)
     * @param policy a new robot-side policy of the node's settings for a camera of the given width (strips)
     */
    public static Result run(DeployModel model, InferencePolicy net, java.util.function.IntFunction<RobotPolicy> policy,
                             double seconds) {
        if (!(seconds >= 0 && seconds <= 600)) {
            throw new IllegalArgumentException("warm-up must be 0..600 s, got " + seconds);
        }
        if (seconds == 0) {
            return new Result(0, 0, 0);
        }
        Scene small = new Scene(64, 64, model);
        Scene large = new Scene(640, 480, model);
        RobotPolicy.Runner[] runners = {
            new RobotPolicy.Runner(policy.apply(Math.min(RobotPolicy.CAMERA_STRIPS, small.camera.width())), net),
            new RobotPolicy.Runner(policy.apply(Math.min(RobotPolicy.CAMERA_STRIPS, large.camera.width())), net)};
        Scene[] scenes = {small, large};
        DepthObstacles receiveSide = new DepthObstacles();
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int decisions = 0;
        long last = 0;
        for (int k = 0; k < 2 || System.nanoTime() < deadline; k++) {
            int which = k % 2;
            Scene s = scenes[which];
            RobotPolicy.Runner r = runners[which];
            if (s.step % 300 == 0) {
                r.policy().reset();
            }
            long t0 = System.nanoTime();
            RobotObservation o = s.next();
            // As the node does: the depth image's profile on the receive side, read by the decision.
            if (r.policy().readsDepthProfile() && o.depth().isPresent()) {
                r.policy().prepareDepth(o.depth().get(), o.camera(), receiveSide.snapshot(o.depth().get(),
                        o.camera(), r.policy().depthStrips(), Features.MAX_DEPTH));
            }
            r.act(o);
            if (which == 1) {
                last = System.nanoTime() - t0;
            }
            decisions++;
        }
        return new Result(decisions, System.nanoTime() - start, last);
    }

    /** One camera's synthetic room and the robot's slow drive through it. */
    private static final class Scene {
        final CameraModel camera;
        final byte[] rgb;
        final float[] depth;
        final Optional<RobotObservation.StaticMap> map;
        int step;

        Scene(int w, int h, DeployModel model) {
            double f = w / 2.0 / Math.tan(Math.toRadians(45));
            RobotConfig.Mount m = model.robot().mount();
            camera = new CameraModel(w, h, f, f, w / 2.0, h / 2.0, m.x(), m.y(), m.z(), m.roll(), m.pitch(),
                    m.yaw());
            SplittableRandom rnd = new SplittableRandom(7);
            rgb = new byte[w * h * 3];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (byte) (96 + rnd.nextInt(64));
            }
            depth = room(camera, rnd);
            if (model.map()) {
                // An empty 8 x 6 m room at 5 cm, walls round it, the odom frame at its centre.
                int gw = 160;
                int gh = 120;
                byte[] cells = new byte[gw * gh];
                for (int y = 0; y < gh; y++) {
                    for (int x = 0; x < gw; x++) {
                        cells[y * gw + x] = (byte) (x == 0 || y == 0 || x == gw - 1 || y == gh - 1 ? 100 : 0);
                    }
                }
                map = Optional.of(new RobotObservation.StaticMap(new OccupancyMap(0.05, -4, -3, gw, gh, cells),
                        new Pose2D(0, 0, 0)));
            } else {
                map = Optional.empty();
            }
        }

        RobotObservation next() {
            long stamp = step * 100_000_000L;
            Pose2D pose = new Pose2D(0.002 * (step % 300), 0, 0);
            step++;
            return new RobotObservation(new RobotObservation.RgbImage(camera.width(), camera.height(), rgb, stamp),
                    camera, Optional.of(new RobotObservation.DepthImage(camera.width(), camera.height(), depth, stamp)),
                    new RobotObservation.Odometry(pose, 0.02, 0, stamp), Optional.empty(),
                    new RobotObservation.Goal(2.5, 0), map);
        }
    }

    /**
     * Depth of a floor, a wall 3 m ahead and a box face 1.2 m ahead left of centre, seen by {@code c} (its pitch only),
     * with 2 % of the pixels invalid.
     */
    public static float[] room(CameraModel c, SplittableRandom rnd) {
        float[] d = new float[c.width() * c.height()];
        double cp = Math.cos(c.pitch());
        double sp = Math.sin(c.pitch());
        for (int v = 0; v < c.height(); v++) {
            for (int u = 0; u < c.width(); u++) {
                double my = (c.cx() - (u + 0.5)) / c.fx();
                double mz = (c.cy() - (v + 0.5)) / c.fy();
                double rx = cp + sp * mz;
                double ry = my;
                double rz = -sp + cp * mz;
                double t = rz < 0 ? -c.mountZ() / rz : Double.POSITIVE_INFINITY;
                double wall = (3.0 - c.mountX()) / rx;
                t = Math.min(t, wall);
                double box = (1.2 - c.mountX()) / rx;
                double by = c.mountY() + box * ry;
                if (by > 0.1 && by < 0.5 && c.mountZ() + box * rz < 0.4) {
                    t = Math.min(t, box);
                }
                d[v * c.width() + u] = rnd.nextDouble() < 0.02 ? Float.NaN : (float) t;
            }
        }
        return d;
    }
}
