package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A goal region changed: its old and new value at {@code index}.
 *
 * @param description for the Edit menu
 * @param index       position in the goal list
 * @param before      old value
 * @param after       new value
 */
public record GoalChange(String description, int index, GoalSpec before, GoalSpec after) implements Edit {
    public GoalChange {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }

    @Override
    public Scenario apply(Scenario s) {
        return swap(s, before, after);
    }

    @Override
    public Scenario revert(Scenario s) {
        return swap(s, after, before);
    }

    private Scenario swap(Scenario s, GoalSpec from, GoalSpec to) {
        List<GoalSpec> list = new ArrayList<>(s.goals());
        if (index >= list.size() || !list.get(index).equals(from)) {
            throw new IllegalStateException(description + ": goal " + index + " is not the expected one");
        }
        list.set(index, to);
        return Scenarios.withGoals(s, list);
    }
}
