package dev.wayfinder.render;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import java.util.Arrays;

/**
 * The floor poses (x, y in metres, yaw in radians) of every body for one frame: body 0 is the robot's
 * base_link, body {@code 1 + i} is obstacle {@code i} of the episode. Mutable and preallocated: a
 * simulation writes the bodies that moved, then renders. Not thread-safe.
 */
public final class ObjectPoses {
    private final double[] x;
    private final double[] y;
    private final double[] yaw;

    /** Poses for {@code bodies} bodies (&gt;= 1), all at the origin. */
    public ObjectPoses(int bodies) {
        if (bodies < 1) {
            throw new IllegalArgumentException("bodies must be >= 1 (the robot), got " + bodies);
        }
        x = new double[bodies];
        y = new double[bodies];
        yaw = new double[bodies];
    }

    /** The initial poses of an episode: the robot at its start, every obstacle at its pose. */
    public static ObjectPoses initial(Episode episode) {
        ObjectPoses p = new ObjectPoses(1 + episode.obstacles().size());
        p.reset(episode);
        return p;
    }

    /** Sets every body back to the episode's initial poses. */
    public void reset(Episode episode) {
        if (episode.obstacles().size() + 1 != x.length) {
            throw new IllegalArgumentException("episode has " + (episode.obstacles().size() + 1)
                    + " bodies, these poses hold " + x.length);
        }
        setRobot(episode.start().x(), episode.start().y(), episode.start().yaw());
        for (int i = 0; i < episode.obstacles().size(); i++) {
            Obstacle o = episode.obstacles().get(i);
            setObstacle(i, o.pose().x(), o.pose().y(), o.pose().yaw());
        }
    }

    /** Number of bodies. */
    public int bodyCount() {
        return x.length;
    }

    /** Sets body {@code body}'s pose (metres, radians). */
    public void set(int body, double px, double py, double pyaw) {
        x[body] = px;
        y[body] = py;
        yaw[body] = pyaw;
    }

    /** Sets the robot's base_link pose (metres, radians). */
    public void setRobot(double px, double py, double pyaw) {
        set(0, px, py, pyaw);
    }

    /** Sets obstacle {@code index}'s pose (metres, radians). */
    public void setObstacle(int index, double px, double py, double pyaw) {
        set(1 + index, px, py, pyaw);
    }

    /** x of body {@code body}, metres. */
    public double x(int body) {
        return x[body];
    }

    /** y of body {@code body}, metres. */
    public double y(int body) {
        return y[body];
    }

    /** Yaw of body {@code body}, radians. */
    public double yaw(int body) {
        return yaw[body];
    }

    /** Copies all poses from {@code other} (same body count). */
    public void copyFrom(ObjectPoses other) {
        if (other.x.length != x.length) {
            throw new IllegalArgumentException("body counts differ: " + other.x.length + " vs " + x.length);
        }
        System.arraycopy(other.x, 0, x, 0, x.length);
        System.arraycopy(other.y, 0, y, 0, y.length);
        System.arraycopy(other.yaw, 0, yaw, 0, yaw.length);
    }

    @Override
    public String toString() {
        return "ObjectPoses" + Arrays.toString(x) + Arrays.toString(y) + Arrays.toString(yaw);
    }
}
