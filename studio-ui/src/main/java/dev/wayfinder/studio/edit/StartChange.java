package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A start region changed: its old and new value at {@code index}.
 *
 * @param description for the Edit menu
 * @param index       position in the start list
 * @param before      old value
 * @param after       new value
 */
public record StartChange(String description, int index, StartSpec before, StartSpec after) implements Edit {
    public StartChange {
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

    private Scenario swap(Scenario s, StartSpec from, StartSpec to) {
        List<StartSpec> list = new ArrayList<>(s.starts());
        if (index >= list.size() || !list.get(index).equals(from)) {
            throw new IllegalStateException(description + ": start " + index + " is not the expected one");
        }
        list.set(index, to);
        return Scenarios.withStarts(s, list);
    }
}
