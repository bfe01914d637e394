package dev.wayfinder.sim.env;

import dev.wayfinder.sim.camera.CameraFrame;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the policy sees after a reset or step. Keys of {@link #asMap()} and their arrays:
 * <ul>
 *   <li>{@code lidar} (beams): ranges in metres, in [rangeMin, rangeMax]</li>
 *   <li>{@code goal} (2): distance in metres (&gt;= 0) and bearing in radians ([-pi, pi], positive = left)
 *       to the goal in base_link, from odometry</li>
 *   <li>{@code odometry} (5): x, y (m), yaw (rad, in [-pi, pi]) in the odom frame, forward speed (m/s), yaw
 *       rate (rad/s)</li>
 *   <li>{@code imu} (3): gyro yaw rate (rad/s), acceleration forward and left (m/s^2)</li>
 *   <li>{@code bumper} (1): 1 when touching something, else 0</li>
 *   <li>{@code camera}: a {@link CameraFrame}, only when the env has a camera</li>
 * </ul>
 * An env reuses one Observation and overwrites it on every step; {@link #copy()} what you keep.
 * Not thread-safe.
 */
public final class Observation {
    /** Length of {@link #goal()}. */
    public static final int GOAL = 2;
    /** Length of {@link #odometry()}. */
    public static final int ODOMETRY = 5;
    /** Length of {@link #imu()}. */
    public static final int IMU = 3;

    private final float[] lidar;
    private final float[] goal = new float[GOAL];
    private final float[] odometry = new float[ODOMETRY];
    private final float[] imu = new float[IMU];
    private final float[] bumper = new float[1];
    private final CameraFrame camera;

    /** An all-zero observation for {@code beams} lidar beams and an optional camera frame (kept, not copied). */
    public Observation(int beams, Optional<CameraFrame> camera) {
        if (beams < 1) {
            throw new IllegalArgumentException("beams must be >= 1, got " + beams);
        }
        this.lidar = new float[beams];
        this.camera = camera.orElse(null);
    }

    /** Lidar ranges, metres; live array. */
    public float[] lidar() {
        return lidar;
    }

    /** Goal distance (m) and bearing (rad); live array. */
    public float[] goal() {
        return goal;
    }

    /** Odometry x, y, yaw, v, omega; live array. */
    public float[] odometry() {
        return odometry;
    }

    /** IMU gyro z, accel x, accel y; live array. */
    public float[] imu() {
        return imu;
    }

    /** Bumper, 0 or 1; live array of length 1. */
    public float[] bumper() {
        return bumper;
    }

    /** The camera frame, when the env has a camera. */
    public Optional<CameraFrame> camera() {
        return Optional.ofNullable(camera);
    }

    /** The entries by name, in the order of the observation space; the arrays are live. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lidar", lidar);
        m.put("goal", goal);
        m.put("odometry", odometry);
        m.put("imu", imu);
        m.put("bumper", bumper);
        if (camera != null) {
            m.put("camera", camera);
        }
        return m;
    }

    /** Length of {@link #flatten}: every float entry, camera excluded. */
    public int flatSize() {
        return lidar.length + GOAL + ODOMETRY + IMU + 1;
    }

    /** Writes lidar, goal, odometry, imu, bumper into {@code out} from {@code at}; returns the next index. */
    public int flatten(float[] out, int at) {
        int k = at;
        for (float[] a : new float[][] {lidar, goal, odometry, imu, bumper}) {
            System.arraycopy(a, 0, out, k, a.length);
            k += a.length;
        }
        return k;
    }

    /** A deep copy (camera frame included). */
    public Observation copy() {
        Observation o = new Observation(lidar.length,
                camera == null ? Optional.empty() : Optional.of(camera.copy()));
        copyInto(o);
        return o;
    }

    /** Copies the float entries into {@code target} (same beam count); the camera is not copied. */
    public void copyInto(Observation target) {
        System.arraycopy(lidar, 0, target.lidar, 0, lidar.length);
        System.arraycopy(goal, 0, target.goal, 0, GOAL);
        System.arraycopy(odometry, 0, target.odometry, 0, ODOMETRY);
        System.arraycopy(imu, 0, target.imu, 0, IMU);
        target.bumper[0] = bumper[0];
    }

    /** Equal float entries (bitwise) and equal camera presence; camera pixels are not compared. */
    public boolean sameValues(Observation o) {
        return Arrays.equals(lidar, o.lidar) && Arrays.equals(goal, o.goal) && Arrays.equals(odometry, o.odometry)
                && Arrays.equals(imu, o.imu) && Arrays.equals(bumper, o.bumper)
                && (camera == null) == (o.camera == null);
    }

    @Override
    public String toString() {
        return "Observation[goal=" + Arrays.toString(goal) + ", odometry=" + Arrays.toString(odometry) + ", imu="
                + Arrays.toString(imu) + ", bumper=" + bumper[0] + ", lidar=" + lidar.length + " beams]";
    }
}
