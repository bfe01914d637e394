package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import java.util.List;
import java.util.Optional;

/** Copies of a scenario with one part replaced (the record has no withers of its own). Stateless. */
public final class Scenarios {
    private Scenarios() {
    }

    /** {@code s} with other obstacles. */
    public static Scenario withObstacles(Scenario s, List<Obstacle> obstacles) {
        return new Scenario(s.name(), s.description(), s.arena(), obstacles, s.robot(), s.starts(), s.goals(),
                s.lighting(), s.limits(), s.randomization());
    }

    /** {@code s} with other start regions. */
    public static Scenario withStarts(Scenario s, List<StartSpec> starts) {
        return new Scenario(s.name(), s.description(), s.arena(), s.obstacles(), s.robot(), starts, s.goals(),
                s.lighting(), s.limits(), s.randomization());
    }

    /** {@code s} with other goal regions. */
    public static Scenario withGoals(Scenario s, List<GoalSpec> goals) {
        return new Scenario(s.name(), s.description(), s.arena(), s.obstacles(), s.robot(), s.starts(), goals,
                s.lighting(), s.limits(), s.randomization());
    }

    /** {@code s} with another randomization block. */
    public static Scenario withRandomization(Scenario s, dev.wayfinder.scenarios.model.Randomization r) {
        return new Scenario(s.name(), s.description(), s.arena(), s.obstacles(), s.robot(), s.starts(), s.goals(),
                s.lighting(), s.limits(), r);
    }

    /** {@code s} under another name (1-64 letters, digits, '-', '_', '.'). */
    public static Scenario withName(Scenario s, String name) {
        return new Scenario(name, s.description(), s.arena(), s.obstacles(), s.robot(), s.starts(), s.goals(),
                s.lighting(), s.limits(), s.randomization());
    }

    /** Index of the obstacle with {@code id}, or -1. */
    public static int indexOf(Scenario s, String id) {
        for (int i = 0; i < s.obstacles().size(); i++) {
            if (s.obstacles().get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The obstacle with {@code id}, if there is one. */
    public static Optional<Obstacle> obstacle(Scenario s, String id) {
        int i = indexOf(s, id);
        return i < 0 ? Optional.empty() : Optional.of(s.obstacles().get(i));
    }

    /** An obstacle id not used in {@code s}: {@code prefix-N} with the smallest N from 1. */
    public static String freshId(Scenario s, String prefix) {
        for (int n = 1; ; n++) {
            String id = prefix + "-" + n;
            if (indexOf(s, id) < 0) {
                return id;
            }
        }
    }
}
