package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Robot;

/**
 * Advances a {@link SimState} by one control period: command latency, the differential-drive motor model,
 * floor traction, moving obstacles along their patrols, fixed Bullet substeps, odometry and IMU, contact and
 * divergence checks, then {@link Sensors#update}. Stateless; allocates nothing itself (JBullet allocates a
 * little per substep).
 *
 * <p>Latencies: odometry, IMU and lidar are sampled {@code sensorLatency} before the end of the control step
 * (at most one period). The camera renders what the state records for it: with a camera latency, the poses
 * of the moving bodies after every substep are kept for as many substeps as the latency spans (possibly
 * several control periods), and {@link SimState#cameraBodyPose} hands out those of the substep that lies the
 * latency before the end of the step.
 *
 * <p>Motor model per substep: the command (v, omega) is clamped to the robot's speed limits and turned into
 * wheel rim-speed targets, scaled by the motor gain and the per-step actuation noise; each wheel follows its
 * target with a first-order lag (time constant {@code motorLag}); the resulting (v, omega) is limited by
 * the acceleration limits. Traction: the body's velocity follows the wheels' only as fast as floor friction
 * allows ({@code mu g}), so a slippery floor makes the wheels slip and odometry drift.
 */
public final class Physics {
    /** Gravity, metres per second squared. */
    public static final double GRAVITY = 9.81;

    private Physics() {
    }

    /**
     * Runs one control step with command ({@code v} m/s forward, {@code omega} rad/s counter-clockwise);
     * values beyond the robot's limits are clamped. Stops early at the substep where the robot touches
     * something or the simulation diverges (see {@link SimState#halted()}); never throws for divergence.
     *
     * @throws IllegalStateException    if the state is already halted
     * @throws IllegalArgumentException if a command is NaN or infinite, or the state belongs to another world
     */
    public static void step(World world, SimState s, double v, double omega) {
        if (s.world != world) {
            throw new IllegalArgumentException("state belongs to another world");
        }
        if (!Double.isFinite(v) || !Double.isFinite(omega)) {
            throw new IllegalArgumentException("command must be finite, got v=" + v + ", omega=" + omega);
        }
        if (s.halted()) {
            throw new IllegalStateException("the simulation has halted (" + (s.inContact() ? "contact with "
                    + s.contactName() : s.truncation().key()) + "); reset it first");
        }
        Robot robot = world.robot();
        Dynamics dyn = world.episode().dynamics();
        s.commandV = v;
        s.commandW = omega;
        if (dyn.actuationNoise() > 0) {
            s.noiseLeft = dyn.actuationNoise() * s.rng.nextGaussian();
            s.noiseRight = dyn.actuationNoise() * s.rng.nextGaussian();
        }
        if (dyn.odometryDrift() > 0) {
            s.odomScaleError = dyn.odometryDrift() * s.rng.nextGaussian();
            s.odomYawError = dyn.odometryDrift() * s.rng.nextGaussian();
        }
        double startX = s.poses[0];
        double startY = s.poses[1];
        double dt = world.substepSeconds();
        int n = world.substeps();
        int senseAt = n - 1 - world.sensorLatencySubsteps();
        boolean sensed = false;
        for (int k = 0; k < n; k++) {
            substep(world, s, robot, dyn, dt);
            if (s.halted()) {
                break;
            }
            if (k == senseAt && k < n - 1) {
                readObstaclePoses(world, s);
                sense(world, s, dyn);
                sensed = true;
            }
        }
        readObstaclePoses(world, s);
        s.steps++;
        s.timeNanos += world.controlPeriodNanos();
        double moved = Math.hypot(s.poses[0] - startX, s.poses[1] - startY);
        if (Double.isFinite(moved)) {
            s.travelled += moved;
        }
        if (!sensed) {
            sense(world, s, dyn);
        }
    }

    private static void readObstaclePoses(World world, SimState s) {
        for (int i = 1; i < world.bodyCount(); i++) {
            s.scene.readPose(i, s.poses, 7 * i);
            if (s.truncation == Truncation.NONE && !finite(s.poses, 7 * i, 7)) {
                s.truncation = Truncation.NAN;
            }
        }
    }

    /** Samples odometry, IMU and lidar as the policy will receive them. */
    private static void sense(World world, SimState s, Dynamics dyn) {
        s.seenOdomX = s.odomX;
        s.seenOdomY = s.odomY;
        s.seenOdomYaw = s.odomYaw;
        s.seenOdomV = s.driveV;
        s.seenOdomW = s.driveW;
        updateImu(world, s, dyn);
        if (s.truncation == Truncation.NONE) {
            Sensors.update(world, s);
        }
    }

    private static void substep(World world, SimState s, Robot robot, Dynamics dyn, double dt) {
        // Latency: the command written now is applied latencySubsteps later.
        int slots = s.commandQueue.length / 2;
        int w = (int) (s.substepCount % slots);
        s.commandQueue[2 * w] = s.commandV;
        s.commandQueue[2 * w + 1] = s.commandW;
        int r = (int) ((s.substepCount + 1) % slots);
        if (slots == 1) {
            r = w;
        }
        double cv = clamp(s.commandQueue[2 * r], robot.maxLinearSpeed());
        double cw = clamp(s.commandQueue[2 * r + 1], robot.maxAngularSpeed());

        // Wheels: gain and noise, first-order lag, then acceleration limits.
        double half = robot.wheelBase() / 2;
        double gain = dyn.motorGain();
        double targetL = (cv - cw * half) * gain * (1 + s.noiseLeft);
        double targetR = (cv + cw * half) * gain * (1 + s.noiseRight);
        double lag = robot.motorLag();
        double alpha = lag > 0 ? 1 - Math.exp(-dt / lag) : 1;
        double wl = s.wheelLeft + (targetL - s.wheelLeft) * alpha;
        double wr = s.wheelRight + (targetR - s.wheelRight) * alpha;
        double dv = (wl + wr) / 2 - s.driveV;
        double dw = (wr - wl) / robot.wheelBase() - s.driveW;
        s.driveV += clamp(dv, robot.maxLinearAccel() * dt);
        s.driveW += clamp(dw, robot.maxAngularAccel() * dt);
        s.wheelLeft = s.driveV - s.driveW * half;
        s.wheelRight = s.driveV + s.driveW * half;

        // Traction: the body follows the wheels within what floor friction can deliver.
        double mu = world.episode().arena().floorFriction();
        double yaw = SimState.yawOf(s.poses, 0);
        double c = Math.cos(yaw);
        double sn = Math.sin(yaw);
        double vx = s.robotVelocity[0];
        double vy = s.robotVelocity[1];
        double fwd = c * vx + sn * vy;
        double lat = -sn * vx + c * vy;
        double aMax = mu * GRAVITY * dt;
        fwd += clamp(s.driveV - fwd, aMax);
        lat -= clamp(lat, aMax);
        double rg = world.robotRadius();
        double alphaMax = mu * GRAVITY * robot.wheelBase() / (rg * rg) * dt;
        double wz = s.robotVelocity[3] + clamp(s.driveW - s.robotVelocity[3], alphaMax);
        s.scene.driveRobot(c * fwd - sn * lat, sn * fwd + c * lat, wz);

        // Moving obstacles: where their patrol puts them at the end of this substep.
        double tEnd = (s.substepCount + 1) * dt;
        for (int i = 1; i < world.bodyCount(); i++) {
            PatrolPath p = world.patrolOrNull(i);
            if (p != null) {
                p.positionAt(tEnd, s.scratch2);
                s.scene.moveKinematic(i, s.scratch2[0], s.scratch2[1]);
            }
        }

        s.scene.stepOnce(dt);
        s.substepCount++;

        // Odometry from the wheels (what encoders see), with drift.
        double ds = s.driveV * dt * (1 + s.odomScaleError);
        double dth = s.driveW * dt + s.odomYawError * Math.abs(ds);
        double mid = s.odomYaw + dth / 2;
        s.odomX += ds * Math.cos(mid);
        s.odomY += ds * Math.sin(mid);
        s.odomYaw += dth;

        s.scene.readPose(World.ROBOT, s.poses, 0);
        s.scene.readVelocity(World.ROBOT, s.robotVelocity, 0);
        s.recordCameraPoses();
        checkDivergence(world, s, robot);
        if (s.truncation == Truncation.NONE) {
            int contact = s.scene.robotContact();
            if (contact != Integer.MIN_VALUE) {
                s.contactBody = contact;
            }
        }
    }

    private static void checkDivergence(World world, SimState s, Robot robot) {
        if (!finite(s.poses, 0, 7) || !finite(s.robotVelocity, 0, 4)) {
            s.truncation = Truncation.NAN;
            return;
        }
        double speed = Math.hypot(s.robotVelocity[0], s.robotVelocity[1]);
        if (speed > 5 * robot.maxLinearSpeed() + 5 || Math.abs(s.robotVelocity[2]) > 20
                || Math.abs(s.robotVelocity[3]) > 5 * robot.maxAngularSpeed() + 20) {
            s.truncation = Truncation.EXPLODING_VELOCITY;
            return;
        }
        if (s.poses[2] < -robot.height()) {
            s.truncation = Truncation.FELL_THROUGH_FLOOR;
            return;
        }
        Arena a = world.episode().arena();
        double margin = a.wallThickness() + world.robotRadius();
        if (Math.abs(s.poses[0]) > a.halfX() + margin || Math.abs(s.poses[1]) > a.halfY() + margin
                || s.poses[2] > a.wallHeight() + robot.height()) {
            s.truncation = Truncation.LEFT_ARENA;
        }
    }

    private static void updateImu(World world, SimState s, Dynamics dyn) {
        double period = world.controlPeriodNanos() * 1e-9;
        double vx = s.robotVelocity[0];
        double vy = s.robotVelocity[1];
        double ax = (vx - s.prevVx) / period;
        double ay = (vy - s.prevVy) / period;
        s.prevVx = vx;
        s.prevVy = vy;
        double yaw = SimState.yawOf(s.poses, 0);
        double c = Math.cos(yaw);
        double sn = Math.sin(yaw);
        s.accelX = c * ax + sn * ay;
        s.accelY = -sn * ax + c * ay;
        s.gyroZ = s.robotVelocity[3];
        if (dyn.imuNoiseStd() > 0) {
            s.gyroZ += dyn.imuNoiseStd() * s.rng.nextGaussian();
        }
    }

    private static boolean finite(double[] a, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (!Double.isFinite(a[i])) {
                return false;
            }
        }
        return true;
    }

    static double clamp(double x, double limit) {
        return x > limit ? limit : (x < -limit ? -limit : x);
    }
}
