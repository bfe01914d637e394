package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An obstacle changed, added or removed: {@code before} and {@code after} are its old and new value at
 * {@code index} of the obstacle list (empty before: added there; empty after: removed from there).
 *
 * @param description for the Edit menu
 * @param index       position in the obstacle list, &gt;= 0
 * @param before      the old obstacle, empty when added
 * @param after       the new obstacle, empty when removed
 */
public record ObstacleChange(String description, int index, Optional<Obstacle> before, Optional<Obstacle> after)
        implements Edit {
    public ObstacleChange {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (before.isEmpty() && after.isEmpty()) {
            throw new IllegalArgumentException("an obstacle change needs an old or a new value");
        }
    }

    /** {@code before} replaced by {@code after} at {@code index}. */
    public static ObstacleChange replace(String description, int index, Obstacle before, Obstacle after) {
        return new ObstacleChange(description, index, Optional.of(before), Optional.of(after));
    }

    /** {@code added} appended to the obstacles of {@code s}. */
    public static ObstacleChange add(Scenario s, Obstacle added) {
        return new ObstacleChange("Add " + added.id(), s.obstacles().size(), Optional.empty(), Optional.of(added));
    }

    /** The obstacle at {@code index} of {@code s} removed. */
    public static ObstacleChange remove(Scenario s, int index) {
        Obstacle o = s.obstacles().get(index);
        return new ObstacleChange("Delete " + o.id(), index, Optional.of(o), Optional.empty());
    }

    @Override
    public Scenario apply(Scenario s) {
        return swap(s, before, after);
    }

    @Override
    public Scenario revert(Scenario s) {
        return swap(s, after, before);
    }

    private Scenario swap(Scenario s, Optional<Obstacle> from, Optional<Obstacle> to) {
        List<Obstacle> list = new ArrayList<>(s.obstacles());
        if (from.isPresent()) {
            if (index >= list.size() || !list.get(index).equals(from.get())) {
                throw new IllegalStateException(description + ": obstacle " + index + " is not the expected one");
            }
            list.remove(index);
        }
        if (to.isPresent()) {
            if (index > list.size()) {
                throw new IllegalStateException(description + ": no obstacle position " + index);
            }
            list.add(index, to.get());
        }
        return Scenarios.withObstacles(s, list);
    }
}
