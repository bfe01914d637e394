package dev.wayfinder.randomization.rng;

import dev.wayfinder.scenarios.model.Distribution;
import java.util.List;

/**
 * Draws one value from a scenario {@link Distribution}. Every result lies in
 * [{@link Distribution#min()}, {@link Distribution#max()}].
 *
 * <ul>
 *   <li>Fixed: the value, consuming nothing.</li>
 *   <li>Uniform: {@code min + u (max - min)}.</li>
 *   <li>Normal: redrawn until inside [min, max], at most {@link #NORMAL_REDRAWS} times, then clamped
 *       (only reachable when the range lies far in a tail).</li>
 *   <li>LogUniform: {@code exp(log min + u (log max - log min))}.</li>
 *   <li>Choice: one value with probability proportional to its weight.</li>
 * </ul>
 */
public final class Sampler {
    /** How often a clipped normal is redrawn before it is clamped. */
    public static final int NORMAL_REDRAWS = 64;

    private Sampler() {
    }

    /** One draw of {@code d} from {@code rng} (advances rng). */
    public static double sample(Distribution d, Rng rng) {
        double v = switch (d) {
            case Distribution.Fixed f -> f.value();
            case Distribution.Uniform u -> rng.uniform(u.min(), u.max());
            case Distribution.Normal n -> normal(n, rng);
            case Distribution.LogUniform l -> logUniform(l, rng);
            case Distribution.Choice c -> choice(c, rng);
        };
        return clamp(v, d.min(), d.max());
    }

    private static double normal(Distribution.Normal n, Rng rng) {
        if (n.std() == 0 || n.min() == n.max()) {
            return n.mean();
        }
        double v = n.mean();
        for (int i = 0; i < NORMAL_REDRAWS; i++) {
            v = n.mean() + n.std() * rng.nextGaussian();
            if (v >= n.min() && v <= n.max()) {
                return v;
            }
        }
        return clamp(v, n.min(), n.max());
    }

    private static double logUniform(Distribution.LogUniform l, Rng rng) {
        if (l.min() == l.max()) {
            return l.min();
        }
        double lo = StrictMath.log(l.min());
        double hi = StrictMath.log(l.max());
        return StrictMath.exp(lo + rng.nextDouble() * (hi - lo));
    }

    private static double choice(Distribution.Choice c, Rng rng) {
        List<Double> values = c.values();
        List<Double> weights = c.weights();
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double target = rng.nextDouble() * total;
        double acc = 0;
        int last = -1;
        for (int i = 0; i < values.size(); i++) {
            double w = weights.get(i);
            if (w <= 0) {
                continue;
            }
            last = i;
            acc += w;
            if (target < acc) {
                return values.get(i);
            }
        }
        return values.get(last); // rounding left target just above the running sum
    }

    private static double clamp(double v, double min, double max) {
        return Math.min(max, Math.max(min, v));
    }
}
