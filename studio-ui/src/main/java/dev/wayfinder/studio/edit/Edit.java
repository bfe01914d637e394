package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.Scenario;

/**
 * One user edit of a scenario as data: the old value and the new value of one part of it, so that it can be done,
 * undone and redone any number of times. A whole drag is one edit. Implementations are immutable records.
 */
public sealed interface Edit permits ObstacleChange, StartChange, GoalChange, RandomizationChange {
    /** What the edit does, for the Edit menu ("Move box-3"). */
    String description();

    /** {@code s} with the new value; {@code s} must hold the old value. */
    Scenario apply(Scenario s);

    /** {@code s} with the old value back; {@code s} must hold the new value. */
    Scenario revert(Scenario s);
}
