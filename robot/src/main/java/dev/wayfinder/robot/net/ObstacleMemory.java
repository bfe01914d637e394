package dev.wayfinder.robot.net;

import dev.wayfinder.robot.CameraModel;

/**
 * A short egocentric memory of obstacles, built from the camera's depth profile and carried along by odometry: what
 * a robot with one forward camera needs to know about the furniture it is passing, which has left its view.
 *
 * <p>Each observed frame contributes three points per depth-profile strip ({@link dev.wayfinder.robot.perception.DepthObstacles}; the
 * network's own prediction of it when deployed): the nearest wall or obstacle in that strip, at the strip's two edges
 * and its centre, placed in the odometry frame by the camera's nominal intrinsics and mount and the robot's pose
 * (and, with a {@link #setThickness thickness}, a fourth that far behind the centre one). Strips that see nothing within
 * {@link Features#MAX_DEPTH} add nothing. The points of the last {@link #horizon()} frames are kept. The network
 * reads, for each of {@link NetworkSpec#memorySectors} equal sectors all round the robot (sector 0 centred straight
 * ahead, counting counter-clockwise, i.e. to the left), {@code min(distance, MAX_DEPTH) / MAX_DEPTH} of the nearest
 * remembered point, 1 where there is none.
 *
 * <p>Allocates nothing after construction. Not thread-safe: one per env.
 */
public final class ObstacleMemory {
    /** Frames kept by default: 4 s at the default 10 Hz control rate. */
    public static final int DEFAULT_HORIZON = 40;

    private final int sectors;
    private final int horizon;
    private final int strips;
    /**
     * Points per strip: its left edge, centre and right edge at the strip's depth, and one behind the centre (with a
     * {@link #setThickness thickness}).
     */
    private static final int PER_STRIP = 4;
    private final double[] px;
    private final double[] py;
    private final boolean[] valid;
    private int head;
    /** How deep whatever the camera sees is taken to be, metres ({@link #setThickness}). */
    private double thickness;

    /**
     * A memory of {@link NetworkSpec#AUX_TARGETS}-strip depth profiles (what the network predicts).
     *
     * @param sectors sectors the robot's surroundings are read in, 1..{@link NetworkSpec#MAX_MEMORY_SECTORS}
     * @param horizon frames remembered, &gt;= 1
     */
    public ObstacleMemory(int sectors, int horizon) {
        this(sectors, horizon, NetworkSpec.AUX_TARGETS);
    }

    /**
     * @param sectors sectors the robot's surroundings are read in, 1..{@link NetworkSpec#MAX_MEMORY_SECTORS}
     * @param horizon frames remembered, &gt;= 1
     * @param strips  values of each observed depth profile, 1..512
     */
    public ObstacleMemory(int sectors, int horizon, int strips) {
        if (sectors < 1 || sectors > NetworkSpec.MAX_MEMORY_SECTORS || horizon < 1 || strips < 1 || strips > 512) {
            throw new IllegalArgumentException("need 1.." + NetworkSpec.MAX_MEMORY_SECTORS + " sectors, a horizon"
                    + " of at least one frame and 1..512 strips, got " + sectors + ", " + horizon + " and " + strips);
        }
        this.sectors = sectors;
        this.horizon = horizon;
        this.strips = strips;
        this.px = new double[horizon * strips * PER_STRIP];
        this.py = new double[horizon * strips * PER_STRIP];
        this.valid = new boolean[horizon * strips * PER_STRIP];
    }

    /** Number of sectors read. */
    public int sectors() {
        return sectors;
    }

    /** Values per observed depth profile. */
    public int strips() {
        return strips;
    }

    /** Frames remembered. */
    public int horizon() {
        return horizon;
    }

    /**
     * How deep an obstacle is taken to be behind the surface the camera sees, metres (0, the default: only the
     * surface). Above 0, each strip that sees something adds a fourth point this far behind it on its centre ray: a
     * wall seen from one side has a far side and corners the camera never shows, and a robot turning round the wall's
     * end would otherwise cut them.
     */
    public void setThickness(double metres) {
        if (!(metres >= 0 && metres <= 1)) {
            throw new IllegalArgumentException("obstacle thickness must be in 0..1 m, got " + metres);
        }
        this.thickness = metres;
    }

    /** {@link #setThickness}'s value. */
    public double thickness() {
        return thickness;
    }

    /** Forgets everything (a new episode). */
    public void reset() {
        java.util.Arrays.fill(valid, false);
        head = 0;
    }

    /**
     * Remembers one frame's depth profile, replacing the oldest frame once {@link #horizon()} are kept.
     *
     * @param x       robot position in the odometry frame, metres
     * @param y       robot position, metres
     * @param yaw     robot heading, radians
     * @param profile {@link #strips()} values from {@code at}, each {@code depth / MAX_DEPTH} of the
     *                nearest wall or obstacle in one vertical strip of the image, left to right (values are clamped
     *                to [0, 1]; 1 and NaN mean nothing seen)
     * @param camera  the camera's nominal intrinsics and mount on the robot
     */
    public void observe(double x, double y, double yaw, float[] profile, int at, CameraModel camera) {
        int base = head * strips * PER_STRIP;
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        double mountYaw = camera.yaw();
        double mc = Math.cos(mountYaw);
        double ms = Math.sin(mountYaw);
        for (int b = 0; b < strips; b++) {
            float v = profile[at + b];
            boolean seen = v < 0.999f;
            double depth = Math.max(0, v) * Features.MAX_DEPTH;
            for (int e = 0; e < PER_STRIP; e++) {
                // The strip covers columns [b * w / strips, (b + 1) * w / strips); its nearest point may lie anywhere
                // across it, so the memory keeps the strip's two edge rays and its centre ray at that depth (left of
                // the axis where u is below the principal point). What lies behind that surface is unknown: with a
                // thickness it is taken to be solid that far along the centre ray (the fourth point), so a wall's
                // hidden far corner is not cut round.
                boolean behind = e == PER_STRIP - 1;
                int slot = base + b * PER_STRIP + e;
                valid[slot] = seen && (!behind || thickness > 0);
                if (!valid[slot]) {
                    continue;
                }
                double d = behind ? depth + thickness : depth;
                double u = (b + 0.5 * (behind ? 1 : e)) * camera.width() / strips;
                double lateral = d * (camera.cx() - u) / camera.fx();
                double rx = camera.mountX() + mc * d - ms * lateral;
                double ry = camera.mountY() + ms * d + mc * lateral;
                px[slot] = x + cos * rx - sin * ry;
                py[slot] = y + sin * rx + cos * ry;
            }
        }
        head = (head + 1) % horizon;
    }

    /**
     * The distance from ({@code x}, {@code y}) to the nearest remembered point, or {@code Double.POSITIVE_INFINITY}
     * when none is remembered.
     */
    public double nearest(double x, double y) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                double dx = px[i] - x;
                double dy = py[i] - y;
                best = Math.min(best, dx * dx + dy * dy);
            }
        }
        return Math.sqrt(best);
    }

    /**
     * Copies the remembered points within {@code range} of ({@code x}, {@code y}) into {@code xs}, {@code ys} (each
     * of at least {@link #capacity()} entries); returns how many.
     */
    public int near(double x, double y, double range, double[] xs, double[] ys) {
        int k = 0;
        double r2 = range * range;
        for (int i = 0; i < valid.length; i++) {
            if (valid[i]) {
                double dx = px[i] - x;
                double dy = py[i] - y;
                if (dx * dx + dy * dy <= r2) {
                    xs[k] = px[i];
                    ys[k] = py[i];
                    k++;
                }
            }
        }
        return k;
    }

    /** Most points remembered at once. */
    public int capacity() {
        return valid.length;
    }

    /**
     * Writes the {@link #sectors()} memory inputs for a robot at ({@code x}, {@code y}) heading {@code yaw} into
     * {@code out} from {@code at}.
     */
    public void write(double x, double y, double yaw, float[] out, int at) {
        for (int s = 0; s < sectors; s++) {
            out[at + s] = 1f;
        }
        double width = 2 * Math.PI / sectors;
        double cos = Math.cos(yaw);
        double sin = Math.sin(yaw);
        for (int i = 0; i < valid.length; i++) {
            if (!valid[i]) {
                continue;
            }
            double dx = px[i] - x;
            double dy = py[i] - y;
            double fx = cos * dx + sin * dy;
            double fy = -sin * dx + cos * dy;
            double d = Math.sqrt(fx * fx + fy * fy) / Features.MAX_DEPTH;
            if (d >= 1) {
                continue;
            }
            int s = (int) Math.floor((Math.atan2(fy, fx) + width / 2) / width);
            s = ((s % sectors) + sectors) % sectors;
            if (d < out[at + s]) {
                out[at + s] = (float) d;
            }
        }
    }
}
