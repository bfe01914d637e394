package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Pose2;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * All mutable state of one running episode (MuJoCo's mjData): the JBullet world, wheel and command state,
 * odometry, IMU, lidar readings, contacts and the divergence flag, preallocated for its {@link World}.
 * {@link #reset(long)} starts the episode over; {@link Physics#step} advances it.
 *
 * <p>Arrays returned by accessors are live views, overwritten by the next step; copy what you keep.
 * Not thread-safe: one thread steps a state at a time; readers (a renderer) run between steps. States stepped
 * concurrently must each be reset on their stepping thread (JBullet binds its pools to the building thread).
 */
public final class SimState {
    final World world;
    BulletScene scene;
    SplittableRandom rng = new SplittableRandom(0);

    // --- time
    long timeNanos;
    int steps;
    long substepCount;

    // --- command and drive (per control step noise, per substep wheel state)
    double commandV;
    double commandW;
    final double[] commandQueue;
    double wheelLeft;
    double wheelRight;
    double driveV;
    double driveW;
    double noiseLeft;
    double noiseRight;

    // --- bodies: (nbody x 7) poses x, y, z, qx, qy, qz, qw; robot velocity vx, vy, vz, wz (world frame)
    final double[] poses;
    final double[] robotVelocity = new double[4];

    // --- odometry (odom frame = world frame at reset, REP-105)
    double odomX;
    double odomY;
    double odomYaw;
    double odomScaleError;
    double odomYawError;

    // --- odometry as delivered (sampled sensorLatencySubsteps before the end of the control step)
    double seenOdomX;
    double seenOdomY;
    double seenOdomYaw;
    double seenOdomV;
    double seenOdomW;

    // --- IMU (base_link frame), as delivered
    double gyroZ;
    double accelX;
    double accelY;
    double prevVx;
    double prevVy;

    // --- events
    int contactBody = Integer.MIN_VALUE;
    Truncation truncation = Truncation.NONE;
    double travelled;

    // --- lidar: ranges, and the planar outlines of bodies that move
    final float[] lidar;
    final double[] dynamicSegments;
    final double[] dynamicCircles;
    int dynamicSegmentCount;
    int dynamicCircleCount;
    int pushableSegmentCount;
    int pushableCircleCount;
    final double[] scratch2 = new double[2];

    // --- camera latency: poses of the moving bodies after each of the last cameraLatencySubsteps + 1
    // substeps (entry for substep count c at slot c % slots), 7 doubles per moving body; empty without latency
    final double[] cameraRing;
    final int cameraRingSlots;

    /** A state for {@code world}, reset with seed 0. */
    public SimState(World world) {
        this.world = Objects.requireNonNull(world, "world");
        commandQueue = new double[2 * (world.latencySubsteps() + 1)];
        poses = new double[7 * world.bodyCount()];
        lidar = new float[world.robot().lidar().beams()];
        int boxes = 0;
        int cylinders = 0;
        for (Body b : world.bodies()) {
            if (b.kind() == BodyKind.PUSHABLE || b.kind() == BodyKind.MOVING) {
                if (b.shape() instanceof Box) {
                    boxes++;
                } else {
                    cylinders++;
                }
            }
        }
        dynamicSegments = new double[16 * boxes];
        dynamicCircles = new double[3 * cylinders];
        int lag = world.cameraLatencySubsteps();
        cameraRingSlots = lag + 1;
        cameraRing = lag == 0 ? new double[0] : new double[cameraRingSlots * 7 * world.movingBodiesRef().length];
        reset(0);
    }

    /**
     * Starts the episode over: the robot at the episode's start, obstacles at their poses, everything at
     * rest, time 0, and the noise generator seeded with {@code seed}. Same seed, same trajectory.
     */
    public void reset(long seed) {
        rng = new SplittableRandom(seed);
        Pose2 start = world.episode().start();
        scene = new BulletScene(world, start);
        timeNanos = 0;
        steps = 0;
        substepCount = 0;
        commandV = 0;
        commandW = 0;
        java.util.Arrays.fill(commandQueue, 0);
        wheelLeft = 0;
        wheelRight = 0;
        driveV = 0;
        driveW = 0;
        noiseLeft = 0;
        noiseRight = 0;
        java.util.Arrays.fill(robotVelocity, 0);
        odomX = start.x();
        odomY = start.y();
        odomYaw = start.yaw();
        seenOdomX = odomX;
        seenOdomY = odomY;
        seenOdomYaw = odomYaw;
        seenOdomV = 0;
        seenOdomW = 0;
        odomScaleError = 0;
        odomYawError = 0;
        gyroZ = 0;
        accelX = 0;
        accelY = 0;
        prevVx = 0;
        prevVy = 0;
        contactBody = Integer.MIN_VALUE;
        truncation = Truncation.NONE;
        travelled = 0;
        for (int i = 0; i < world.bodyCount(); i++) {
            scene.readPose(i, poses, 7 * i);
        }
        recordCameraPoses();
        Sensors.update(world, this);
    }

    /**
     * Records the moving bodies' current poses (from the physics scene) for the substep count now, when the
     * camera has latency. Called at reset and after every substep.
     */
    void recordCameraPoses() {
        if (cameraRing.length == 0) {
            return;
        }
        int[] moving = world.movingBodiesRef();
        int base = (int) (substepCount % cameraRingSlots) * 7 * moving.length;
        for (int k = 0; k < moving.length; k++) {
            int b = moving[k];
            if (b == World.ROBOT) {
                System.arraycopy(poses, 0, cameraRing, base + 7 * k, 7);
            } else {
                scene.readPose(b, cameraRing, base + 7 * k);
            }
        }
    }

    /** The world this state belongs to. */
    public World world() {
        return world;
    }

    /** Simulation time since reset, nanoseconds. */
    public long timeNanos() {
        return timeNanos;
    }

    /** Control steps since reset. */
    public int steps() {
        return steps;
    }

    /**
     * Writes body {@code index}'s pose as (x, y, z, qx, qy, qz, qw) into {@code out[0..6]}: position of its
     * centre in metres (the robot's centre is base_link raised by half its height), orientation as a unit
     * quaternion, world frame. Allocates nothing.
     */
    public void bodyPose(int index, double[] out) {
        System.arraycopy(poses, 7 * index, out, 0, 7);
    }

    /**
     * Writes body {@code index}'s pose as the camera sees it into {@code out[0..6]} (same layout as
     * {@link #bodyPose}): the pose {@link World#cameraLatencySubsteps()} substeps before the end of the
     * last step (the pose at reset when the episode is younger than that). Without camera latency it is
     * {@link #bodyPose}. This is what a {@link dev.wayfinder.sim.camera.CameraSensor} renders. Allocates nothing.
     */
    public void cameraBodyPose(int index, double[] out) {
        if (cameraRing.length == 0 || world.bodies().get(index).kind() == BodyKind.STATIC) {
            bodyPose(index, out);
            return;
        }
        int k = java.util.Arrays.binarySearch(world.movingBodiesRef(), index);
        long c = Math.max(0, substepCount - world.cameraLatencySubsteps());
        int base = (int) (c % cameraRingSlots) * 7 * world.movingBodiesRef().length;
        System.arraycopy(cameraRing, base + 7 * k, out, 0, 7);
    }

    /** Yaw of body {@code index} as the camera sees it ({@link #cameraBodyPose}), radians. */
    public double cameraBodyYaw(int index) {
        if (cameraRing.length == 0 || world.bodies().get(index).kind() == BodyKind.STATIC) {
            return bodyYaw(index);
        }
        int k = java.util.Arrays.binarySearch(world.movingBodiesRef(), index);
        long c = Math.max(0, substepCount - world.cameraLatencySubsteps());
        int base = (int) (c % cameraRingSlots) * 7 * world.movingBodiesRef().length;
        return yawOf(cameraRing, base + 7 * k);
    }

    /**
     * Simulation time that a camera frame delivered now shows, nanoseconds since reset: {@link #timeNanos()}
     * less the camera latency, never before 0. The stamp a {@link dev.wayfinder.sim.camera.CameraSensor}
     * gives its frames.
     */
    public long cameraStampNanos() {
        return Math.max(0, timeNanos - world.cameraLatencyNanos());
    }

    /** Ground-truth x of base_link, metres. */
    public double robotX() {
        return poses[0];
    }

    /** Ground-truth y of base_link, metres. */
    public double robotY() {
        return poses[1];
    }

    /** Ground-truth yaw of base_link, radians in (-pi, pi]. */
    public double robotYaw() {
        return yawOf(poses, 0);
    }

    /** Ground-truth forward speed of base_link, metres per second. */
    public double robotForwardSpeed() {
        double yaw = robotYaw();
        return Math.cos(yaw) * robotVelocity[0] + Math.sin(yaw) * robotVelocity[1];
    }

    /** Ground-truth yaw rate, radians per second. */
    public double robotYawRate() {
        return robotVelocity[3];
    }

    /** Yaw of body {@code index}, radians, from its quaternion. */
    public double bodyYaw(int index) {
        return yawOf(poses, 7 * index);
    }

    static double yawOf(double[] p, int at) {
        double qx = p[at + 3];
        double qy = p[at + 4];
        double qz = p[at + 5];
        double qw = p[at + 6];
        return Math.atan2(2 * (qw * qz + qx * qy), 1 - 2 * (qy * qy + qz * qz));
    }

    /*
     * Sensor readings (odometry, IMU, lidar) are as delivered: sampled World.sensorLatencySubsteps() substeps
     * before the end of the last control step, so they lag the ground truth by the episode's sensor latency.
     */

    /** Odometry x in the odom frame (the world frame at reset), metres. */
    public double odomX() {
        return seenOdomX;
    }

    /** Odometry y, metres. */
    public double odomY() {
        return seenOdomY;
    }

    /** Odometry yaw, radians (not normalised). */
    public double odomYaw() {
        return seenOdomYaw;
    }

    /** Forward speed measured by the wheel encoders, metres per second. */
    public double odomLinearSpeed() {
        return seenOdomV;
    }

    /** Yaw rate measured by the wheel encoders, radians per second. */
    public double odomAngularSpeed() {
        return seenOdomW;
    }

    /** Gyro yaw rate with noise, radians per second. */
    public double imuGyroZ() {
        return gyroZ;
    }

    /** Accelerometer, forward component, metres per second squared (over the last control step). */
    public double imuAccelX() {
        return accelX;
    }

    /** Accelerometer, leftward component, metres per second squared. */
    public double imuAccelY() {
        return accelY;
    }

    /** Lidar ranges in metres, one per beam (see the episode's LidarSpec); live array. */
    public float[] lidarRanges() {
        return lidar;
    }

    /** Whether the robot touches anything but the floor (the bumper). */
    public boolean inContact() {
        return contactBody != Integer.MIN_VALUE;
    }

    /**
     * What the robot touched: {@code "wall"}, an obstacle id, or {@code ""} when nothing.
     */
    public String contactName() {
        if (contactBody == Integer.MIN_VALUE) {
            return "";
        }
        return contactBody < 0 ? "wall" : world.bodies().get(contactBody).id();
    }

    /**
     * Where bodies touch now (the robot, obstacles and walls; not the floor): x, y, z of each contact point (metres,
     * world frame) and the unit contact normal there, 6 values per point, in a new array (a shared empty one when
     * nothing touches, or before the first step).
     */
    public float[] contactPoints() {
        return scene == null ? BulletScene.NO_CONTACTS : scene.contacts();
    }

    /** Why the simulation was cut short, or {@link Truncation#NONE}. Set only by divergence checks. */
    public Truncation truncation() {
        return truncation;
    }

    /** Whether the physics can no longer be stepped (contact or divergence). */
    public boolean halted() {
        return inContact() || truncation != Truncation.NONE;
    }

    /**
     * Distance from the point (x, y) to the nearest wall or obstacle outline (static ones and the current
     * poses of pushable and moving ones), metres; privileged information for experts and checks. Meaningful
     * for points outside every obstacle. Allocates nothing.
     */
    public double clearance(double x, double y) {
        return clearance(x, y, true);
    }

    /** {@link #clearance(double, double)}, leaving out moving obstacles unless {@code withMoving}. */
    public double clearance(double x, double y, boolean withMoving) {
        int nSeg = withMoving ? dynamicSegmentCount : pushableSegmentCount;
        int nCirc = withMoving ? dynamicCircleCount : pushableCircleCount;
        double best = Double.POSITIVE_INFINITY;
        best = Math.min(best, segmentClearance(x, y, world.staticSegmentsRef(), world.staticSegmentCount()));
        best = Math.min(best, segmentClearance(x, y, dynamicSegments, nSeg));
        best = Math.min(best, circleClearance(x, y, world.staticCirclesRef(), world.staticCircleCount()));
        return Math.min(best, circleClearance(x, y, dynamicCircles, nCirc));
    }

    private static double segmentClearance(double x, double y, double[] seg, int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            best = Math.min(best, Geometry2d.pointSegmentDistSq(x, y, seg, i));
        }
        return Math.sqrt(best);
    }

    private static double circleClearance(double x, double y, double[] c, int n) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0, k = 0; i < n; i++, k += 3) {
            best = Math.min(best, Math.hypot(x - c[k], y - c[k + 1]) - c[k + 2]);
        }
        return best;
    }

    /** Ground-truth path length of base_link since reset, metres. */
    public double distanceTravelled() {
        return travelled;
    }

    /** Current rim speeds of the left and right wheels, metres per second. */
    public double wheelLeft() {
        return wheelLeft;
    }

    /** Current rim speed of the right wheel, metres per second. */
    public double wheelRight() {
        return wheelRight;
    }
}
