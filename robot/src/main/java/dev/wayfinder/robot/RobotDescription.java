package dev.wayfinder.robot;

import java.util.List;
import java.util.Objects;

/**
 * What the robot-side policy knows of its robot, as a robot description and its controller's configuration give
 * it: the nominal footprint radius, the speed limits, the control rate and the discrete velocity commands the
 * network chooses between.
 *
 * @param radius      nominal bounding radius of the footprint, metres, &gt; 0
 * @param maxLinear   top forward speed, m/s, &gt; 0
 * @param maxAngular  top yaw rate, rad/s, &gt; 0
 * @param controlRate decisions per second, &gt; 0
 * @param actions     the discrete commands, in the network's logit order, at least two
 */
public record RobotDescription(double radius, double maxLinear, double maxAngular, double controlRate,
                               List<Command> actions) {
    public RobotDescription {
        if (!(radius > 0) || !(maxLinear > 0) || !(maxAngular > 0) || !(controlRate > 0)
                || !Double.isFinite(radius + maxLinear + maxAngular + controlRate)) {
            throw new IllegalArgumentException("robot radius, speed limits and control rate must be finite and > 0,"
                    + " got " + radius + " m, " + maxLinear + " m/s, " + maxAngular + " rad/s, " + controlRate + " Hz");
        }
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
        if (actions.size() < 2) {
            throw new IllegalArgumentException("need at least two actions, got " + actions.size());
        }
    }

    /**
     * One discrete velocity command, as fractions of the speed limits.
     *
     * @param name    identifier
     * @param linear  forward speed fraction, -1..1
     * @param angular yaw-rate fraction, -1..1, positive turns left
     */
    public record Command(String name, double linear, double angular) {
        public Command {
            Objects.requireNonNull(name, "name");
            if (!(linear >= -1 && linear <= 1) || !(angular >= -1 && angular <= 1)) {
                throw new IllegalArgumentException("action " + name + ": fractions must be in [-1, 1], got " + linear
                        + ", " + angular);
            }
        }
    }

    /** Forward speed of action {@code a}, m/s. */
    public double linear(int a) {
        return actions.get(a).linear() * maxLinear;
    }

    /** Yaw rate of action {@code a}, rad/s. */
    public double angular(int a) {
        return actions.get(a).angular() * maxAngular;
    }
}
