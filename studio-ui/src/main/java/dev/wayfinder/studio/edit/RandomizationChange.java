package dev.wayfinder.studio.edit;

import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One randomized parameter's distribution changed, set or cleared: its old and new value (empty: the parameter is
 * not randomized, the scenario's nominal value holds).
 *
 * @param description for the Edit menu
 * @param parameter   the parameter
 * @param before      the old distribution, empty when it was not randomized
 * @param after       the new distribution, empty when it is no longer randomized
 */
public record RandomizationChange(String description, RandomParameter parameter, Optional<Distribution> before,
                                  Optional<Distribution> after) implements Edit {
    public RandomizationChange {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (before.equals(after)) {
            throw new IllegalArgumentException(parameter.key() + ": a change needs a new value");
        }
    }

    /** Sets {@code parameter} of {@code s} to {@code after} (empty: not randomized), from whatever it is now. */
    public static RandomizationChange of(Scenario s, RandomParameter parameter, Optional<Distribution> after) {
        String what = after.isEmpty() ? "Stop randomizing " : "Randomize ";
        return new RandomizationChange(what + parameter.key(), parameter, s.randomization().get(parameter), after);
    }

    @Override
    public Scenario apply(Scenario s) {
        return swap(s, before, after);
    }

    @Override
    public Scenario revert(Scenario s) {
        return swap(s, after, before);
    }

    private Scenario swap(Scenario s, Optional<Distribution> from, Optional<Distribution> to) {
        Randomization r = s.randomization();
        if (!r.get(parameter).equals(from)) {
            throw new IllegalStateException(description + ": " + parameter.key() + " is not the expected value");
        }
        Map<RandomParameter, Distribution> params = new EnumMap<>(RandomParameter.class);
        params.putAll(r.parameters());
        to.ifPresentOrElse(d -> params.put(parameter, d), () -> params.remove(parameter));
        return Scenarios.withRandomization(s, new Randomization(params, r.curriculum(), r.layoutArea(),
                r.maxAttempts()));
    }
}
