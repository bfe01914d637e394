package dev.wayfinder.scenarios.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed {@code randomization:} block of a scenario: a distribution per named parameter (code units),
 * an optional curriculum, the area where layout randomization may place things and the retry budget for
 * keeping randomized layouts solvable. Interpreted by domain-randomization.
 *
 * @param parameters  distributions by parameter; each must satisfy {@link RandomParameter#check}
 * @param curriculum  how ranges widen with training progress; empty = always full width
 * @param layoutArea  where distractors and extra obstacles may be placed; empty = the whole arena
 * @param maxAttempts how many times a layout may be redrawn to keep it solvable before giving up, 1..10,000
 */
public record Randomization(Map<RandomParameter, Distribution> parameters, Optional<Curriculum> curriculum,
                            Optional<RectRegion> layoutArea, int maxAttempts) {
    /** Default retry budget. */
    public static final int DEFAULT_MAX_ATTEMPTS = 100;

    private static final Randomization NONE = new Randomization(Map.of(), Optional.empty(), Optional.empty(),
            DEFAULT_MAX_ATTEMPTS);

    public Randomization {
        Checks.notNull("parameters", parameters);
        Checks.notNull("curriculum", curriculum);
        Checks.notNull("layoutArea", layoutArea);
        EnumMap<RandomParameter, Distribution> copy = new EnumMap<>(RandomParameter.class);
        for (Map.Entry<RandomParameter, Distribution> e : parameters.entrySet()) {
            RandomParameter p = Checks.notNull("parameter", e.getKey());
            Distribution d = Checks.notNull(p.key(), e.getValue());
            Optional<String> problem = p.check(d);
            if (problem.isPresent()) {
                throw new IllegalArgumentException(p.key() + ": " + problem.get());
            }
            copy.put(p, d);
        }
        parameters = Collections.unmodifiableMap(copy);
        Checks.range("maxAttempts", maxAttempts, 1, 10_000);
    }

    /** No randomization at all: every episode is the nominal one (apart from start and goal regions). */
    public static Randomization none() {
        return NONE;
    }

    /** The distribution of {@code p}, if the scenario randomizes it. */
    public Optional<Distribution> get(RandomParameter p) {
        return Optional.ofNullable(parameters.get(p));
    }

    /** Whether no parameter is randomized. */
    public boolean isEmpty() {
        return parameters.isEmpty();
    }
}
