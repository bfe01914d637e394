package dev.wayfinder.sim.env;

import java.util.List;
import java.util.Objects;

/**
 * The discrete actions: each a named velocity command as fractions of the robot's speed limits.
 *
 * @param actions at least one; names unique; copied
 */
public record ActionSet(List<Entry> actions) {
    /** forward, forward-left, forward-right, turn-left, turn-right, stop. */
    public static final ActionSet DEFAULT = new ActionSet(List.of(
            new Entry("forward", 1, 0),
            new Entry("forward-left", 0.6, 0.5),
            new Entry("forward-right", 0.6, -0.5),
            new Entry("turn-left", 0, 0.6),
            new Entry("turn-right", 0, -0.6),
            new Entry("stop", 0, 0)));

    public ActionSet {
        actions = List.copyOf(Objects.requireNonNull(actions, "actions"));
        if (actions.isEmpty()) {
            throw new IllegalArgumentException("an action set needs at least one action");
        }
        if (actions.stream().map(Entry::name).distinct().count() != actions.size()) {
            throw new IllegalArgumentException("action names must be unique: " + actions);
        }
    }

    /** Number of actions. */
    public int size() {
        return actions.size();
    }

    /** Action {@code i}. */
    public Entry get(int i) {
        return actions.get(i);
    }

    /** Index of the action named {@code name}, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < actions.size(); i++) {
            if (actions.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * One discrete action.
     *
     * @param name    identifier, non-blank
     * @param linear  forward speed as a fraction of the robot's maximum, in [-1, 1]
     * @param angular yaw rate as a fraction of the robot's maximum, in [-1, 1] (positive = left)
     */
    public record Entry(String name, double linear, double angular) {
        public Entry {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("action name must not be blank");
            }
            if (!(linear >= -1 && linear <= 1) || !(angular >= -1 && angular <= 1)) {
                throw new IllegalArgumentException("action " + name + ": fractions must be in [-1, 1], got "
                        + linear + ", " + angular);
            }
        }
    }
}
