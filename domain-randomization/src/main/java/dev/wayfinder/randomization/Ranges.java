package dev.wayfinder.randomization;

import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.RandomParameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Reshaping of distributions: narrowing toward a nominal value (curricula) and widening about the centre
 * (out-of-distribution variants). Pure functions; every result is a valid distribution of the same kind.
 */
public final class Ranges {
    private Ranges() {
    }

    /**
     * {@code d} shrunk toward {@code nominal} to the fraction {@code width} of its extent, as a
     * {@link dev.wayfinder.scenarios.model.Curriculum} prescribes. The nominal value is first clamped into
     * [d.min, d.max]; every value the result can produce lies in the original range.
     *
     * <ul>
     *   <li>Uniform, Normal (bounds, mean and std): each bound b becomes {@code c + width (b - c)}.</li>
     *   <li>LogUniform: the same in log space (the nominal value must then be &gt; 0; it is after clamping).</li>
     *   <li>Choice: a mixture: the original choice with probability {@code width}, else the value closest to
     *       the nominal one.</li>
     *   <li>Fixed: unchanged.</li>
     * </ul>
     *
     * @param width fraction in [0, 1]; 1 returns {@code d} itself
     */
    public static Distribution narrow(Distribution d, double nominal, double width) {
        if (!(width >= 0 && width <= 1)) {
            throw new IllegalArgumentException("width must be in [0, 1], got " + width);
        }
        if (width == 1 || d instanceof Distribution.Fixed) {
            return d;
        }
        double c = clamp(Double.isFinite(nominal) ? nominal : d.min(), d.min(), d.max());
        return switch (d) {
            case Distribution.Fixed f -> f;
            case Distribution.Uniform u -> new Distribution.Uniform(clamp(toward(c, u.min(), width), u.min(), c),
                    clamp(toward(c, u.max(), width), c, u.max()));
            case Distribution.Normal n -> {
                double lo = clamp(toward(c, n.min(), width), n.min(), c);
                double hi = clamp(toward(c, n.max(), width), c, n.max());
                yield new Distribution.Normal(clamp(toward(c, n.mean(), width), lo, hi), n.std() * width, lo, hi);
            }
            case Distribution.LogUniform l -> {
                double lc = StrictMath.log(c);
                double lo = clamp(StrictMath.exp(toward(lc, StrictMath.log(l.min()), width)), l.min(), c);
                double hi = clamp(StrictMath.exp(toward(lc, StrictMath.log(l.max()), width)), c, l.max());
                yield new Distribution.LogUniform(lo, hi);
            }
            case Distribution.Choice ch -> narrowChoice(ch, c, width);
        };
    }

    private static Distribution narrowChoice(Distribution.Choice ch, double c, double width) {
        List<Double> values = ch.values();
        int nearest = 0;
        for (int i = 1; i < values.size(); i++) {
            if (Math.abs(values.get(i) - c) < Math.abs(values.get(nearest) - c)) {
                nearest = i;
            }
        }
        double total = 0;
        for (double w : ch.weights()) {
            total += w;
        }
        List<Double> weights = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            weights.add(width * ch.weights().get(i) / total + (i == nearest ? 1 - width : 0));
        }
        return new Distribution.Choice(values, weights);
    }

    /**
     * {@code d} widened about its centre by {@code factor} and clipped to {@code p}'s domain.
     *
     * <ul>
     *   <li>Uniform: half-width times factor about the midpoint.</li>
     *   <li>Normal: std times factor; bounds widened about their midpoint; the mean is kept.</li>
     *   <li>LogUniform: the same as Uniform in log space (about the geometric mean).</li>
     *   <li>Choice of categories (textures): the unused categories join with weight
     *       {@code (factor - 1)} times the mean weight; other choices: values spread about their midpoint
     *       by factor.</li>
     *   <li>Fixed: unchanged (a parameter the scenario holds fixed stays fixed).</li>
     * </ul>
     *
     * @param factor &gt;= 1, finite
     */
    public static Distribution widen(Distribution d, RandomParameter p, double factor) {
        if (!(factor >= 1) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("factor must be finite and >= 1, got " + factor);
        }
        if (factor == 1) {
            return d;
        }
        double lo = p.domainMin();
        double hi = p.domainMax();
        return switch (d) {
            case Distribution.Fixed f -> f;
            case Distribution.Uniform u -> {
                double m = mid(u.min(), u.max());
                double h = (u.max() - u.min()) / 2 * factor;
                yield new Distribution.Uniform(clamp(m - h, lo, u.min()), clamp(m + h, u.max(), hi));
            }
            case Distribution.Normal n -> {
                double m = mid(n.min(), n.max());
                double h = (n.max() - n.min()) / 2 * factor;
                yield new Distribution.Normal(n.mean(), n.std() * factor, clamp(m - h, lo, n.min()),
                        clamp(m + h, n.max(), hi));
            }
            case Distribution.LogUniform l -> {
                double a = StrictMath.log(l.min());
                double b = StrictMath.log(l.max());
                double m = mid(a, b);
                double h = (b - a) / 2 * factor;
                double newLo = clamp(StrictMath.exp(m - h), Math.max(lo, Double.MIN_NORMAL), l.min());
                double newHi = clamp(StrictMath.exp(m + h), l.max(), hi);
                yield new Distribution.LogUniform(newLo, newHi);
            }
            case Distribution.Choice ch -> p.unit() == ParameterUnit.CATEGORY
                    ? widenCategories(ch, p, factor) : spreadChoice(ch, p, factor);
        };
    }

    private static Distribution widenCategories(Distribution.Choice ch, RandomParameter p, double factor) {
        List<Double> values = new ArrayList<>(ch.values());
        List<Double> weights = new ArrayList<>(ch.weights());
        double mean = 0;
        for (double w : weights) {
            mean += w;
        }
        mean /= weights.size();
        double extra = (factor - 1) * mean;
        if (extra <= 0) {
            return ch;
        }
        for (int k = 0; k < p.categories().size(); k++) {
            if (!values.contains((double) k)) {
                values.add((double) k);
                weights.add(extra);
            }
        }
        return new Distribution.Choice(values, weights);
    }

    private static Distribution spreadChoice(Distribution.Choice ch, RandomParameter p, double factor) {
        double m = mid(ch.min(), ch.max());
        boolean whole = p.unit() == ParameterUnit.COUNT;
        List<Double> values = new ArrayList<>(ch.values().size());
        for (double v : ch.values()) {
            double w = clamp(m + (v - m) * factor, p.domainMin(), p.domainMax());
            values.add(whole ? StrictMath.rint(w) : w);
        }
        return new Distribution.Choice(values, ch.weights());
    }

    private static double toward(double c, double b, double width) {
        return c + width * (b - c);
    }

    private static double mid(double a, double b) {
        return a + (b - a) / 2;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.min(hi, Math.max(lo, v));
    }
}
