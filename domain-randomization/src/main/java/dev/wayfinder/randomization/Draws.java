package dev.wayfinder.randomization;

import dev.wayfinder.randomization.rng.Rng;
import dev.wayfinder.randomization.rng.Sampler;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import java.util.Map;
import java.util.TreeMap;

/**
 * The draws of one episode (or of one layout attempt of it): hands out one independent stream per named
 * draw, applies the curriculum width and records every value drawn. Not thread-safe; one per draw.
 */
final class Draws {
    private final Randomization randomization;
    private final long seed;
    private final double width;
    /** Prefix of every stream path for layout attempts after the first; null for attempt 0 and fixed draws. */
    private final String attempt;
    private final Map<String, Double> values = new TreeMap<>();

    Draws(Randomization randomization, long seed, double width) {
        this(randomization, seed, width, null);
    }

    private Draws(Randomization randomization, long seed, double width, String attempt) {
        this.randomization = randomization;
        this.seed = seed;
        this.width = width;
        this.attempt = attempt;
    }

    /** Draws for layout attempt {@code a} (0-based): attempt 0 shares the plain streams. */
    Draws forAttempt(int a) {
        return new Draws(randomization, seed, width, a == 0 ? null : "attempt-" + a);
    }

    /** Whether the scenario randomizes {@code p}. */
    boolean has(RandomParameter p) {
        return randomization.parameters().containsKey(p);
    }

    /**
     * The value of {@code p} for the object named by {@code ids} (none for scenario-wide parameters):
     * {@code nominal} when the scenario does not randomize p, else a draw from p's own stream, its range
     * narrowed toward {@code nominal} by the curriculum. Counts and categories are rounded to whole numbers.
     *
     * @param nominal the value without randomization: the scenario's value for "replace" parameters, 0 for
     *                offsets, 1 for multipliers
     */
    double value(RandomParameter p, double nominal, String... ids) {
        Distribution d = randomization.parameters().get(p);
        if (d == null) {
            return nominal;
        }
        Distribution shaped = Ranges.narrow(d, nominal, width);
        String[] path = new String[ids.length + 1];
        path[0] = p.key();
        System.arraycopy(ids, 0, path, 1, ids.length);
        double v = Sampler.sample(shaped, stream(path));
        if (p.unit() == ParameterUnit.COUNT || p.unit() == ParameterUnit.CATEGORY) {
            v = whole(v, d);
        }
        values.put(String.join("/", path), v);
        return v;
    }

    /** An auxiliary stream (start pose, placement), prefixed with the attempt like the parameter streams. */
    Rng stream(String... path) {
        if (attempt == null) {
            return Rng.stream(seed, path);
        }
        String[] full = new String[path.length + 1];
        full[0] = attempt;
        System.arraycopy(path, 0, full, 1, path.length);
        return Rng.stream(seed, full);
    }

    /** Every value drawn so far, by draw name. */
    Map<String, Double> values() {
        return values;
    }

    private static double whole(double v, Distribution d) {
        double lo = Math.ceil(d.min());
        double hi = Math.floor(d.max());
        double r = StrictMath.rint(v);
        return lo <= hi ? Math.min(hi, Math.max(lo, r)) : r;
    }
}
