package dev.wayfinder.deploy;

/**
 * Clamps velocity commands to the robot's limits: speeds to {@code +-maxLinear} and {@code +-maxAngular}, and their
 * change per control period to the acceleration limits, from the last command sent. A stop ({@link #stop}) is not
 * ramped: the robot's controller brakes by its own limits. NaN or infinite requests become zero. Not thread-safe (the
 * control timer owns it).
 */
public final class CommandLimiter {
    /**
     * @param maxLinear       m/s, &gt; 0
     * @param maxAngular      rad/s, &gt; 0
     * @param maxLinearAccel  m/s^2, &gt; 0
     * @param maxAngularAccel rad/s^2, &gt; 0
     */
    public record Limits(double maxLinear, double maxAngular, double maxLinearAccel, double maxAngularAccel) {
        public Limits {
            for (double v : new double[] {maxLinear, maxAngular, maxLinearAccel, maxAngularAccel}) {
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("speed and acceleration limits must be finite and > 0, got "
                            + maxLinear + " m/s, " + maxAngular + " rad/s, " + maxLinearAccel + " m/s^2, "
                            + maxAngularAccel + " rad/s^2");
                }
            }
        }
    }

    /**
     * A command.
     *
     * @param linear  forward speed, m/s
     * @param angular yaw rate, rad/s, positive to the left
     */
    public record Velocity(double linear, double angular) {
        /** Standing still. */
        public static final Velocity ZERO = new Velocity(0, 0);
    }

    private final Limits limits;
    private double linear;
    private double angular;

    /** A limiter starting from standstill. */
    public CommandLimiter(Limits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /**
     * The command to send for {@code wanted}, {@code dt} seconds after the last one sent.
     *
     * @param dt seconds since the last command (the control period), &gt; 0
     */
    public Velocity limit(Velocity wanted, double dt) {
        double v = clamp(finite(wanted.linear()), limits.maxLinear());
        double w = clamp(finite(wanted.angular()), limits.maxAngular());
        double step = Math.max(0, dt);
        linear += clamp(v - linear, limits.maxLinearAccel() * step);
        angular += clamp(w - angular, limits.maxAngularAccel() * step);
        return new Velocity(linear, angular);
    }

    /** Records that zero was sent: the next command ramps up from standstill. */
    public Velocity stop() {
        linear = 0;
        angular = 0;
        return Velocity.ZERO;
    }

    /** The limits. */
    public Limits limits() {
        return limits;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static double clamp(double v, double max) {
        return Math.max(-max, Math.min(max, v));
    }
}
