package dev.wayfinder.scenarios.model;

import java.util.List;

/**
 * A distribution over one real parameter, in the parameter's code unit (radians for angles). Categorical
 * parameters (texture kinds) use {@link Choice} or {@link Fixed} over category indices; see
 * {@link RandomParameter#categories()}. Sampling is done by domain-randomization; this type only describes.
 */
public sealed interface Distribution {
    /** Smallest value the distribution can produce. */
    double min();

    /** Largest value the distribution can produce. */
    double max();

    /** Always {@code value}. */
    record Fixed(double value) implements Distribution {
        public Fixed {
            Checks.finite("value", value);
        }

        @Override
        public double min() {
            return value;
        }

        @Override
        public double max() {
            return value;
        }
    }

    /** Uniform on [min, max]; min &lt;= max, both finite. */
    record Uniform(double min, double max) implements Distribution {
        public Uniform {
            Checks.finite("min", min);
            Checks.finite("max", max);
            if (max < min) {
                throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
            }
        }
    }

    /** Normal(mean, std) clipped (by resampling or clamping, the sampler's choice) to [min, max]. */
    record Normal(double mean, double std, double min, double max) implements Distribution {
        public Normal {
            Checks.finite("mean", mean);
            Checks.nonNegative("std", std);
            Checks.finite("min", min);
            Checks.finite("max", max);
            if (max < min) {
                throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
            }
            if (mean < min || mean > max) {
                throw new IllegalArgumentException("mean (" + mean + ") must lie in [min, max] = [" + min + ", "
                        + max + "]");
            }
        }
    }

    /** log(x) uniform on [log min, log max]; 0 &lt; min &lt;= max. */
    record LogUniform(double min, double max) implements Distribution {
        public LogUniform {
            Checks.positive("min", min);
            Checks.positive("max", max);
            if (max < min) {
                throw new IllegalArgumentException("max (" + max + ") must be >= min (" + min + ")");
            }
        }
    }

    /**
     * One of {@code values}, chosen with probability proportional to {@code weights}.
     *
     * @param values  at least one, finite
     * @param weights same length as values, each finite and &gt;= 0, sum &gt; 0
     */
    record Choice(List<Double> values, List<Double> weights) implements Distribution {
        public Choice {
            Checks.notNull("values", values);
            Checks.notNull("weights", weights);
            values = List.copyOf(values);
            weights = List.copyOf(weights);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a choice needs at least one value");
            }
            if (weights.size() != values.size()) {
                throw new IllegalArgumentException("weights (" + weights.size() + ") and values (" + values.size()
                        + ") differ in length");
            }
            double sum = 0;
            for (int i = 0; i < values.size(); i++) {
                Checks.finite("values[" + i + "]", values.get(i));
                sum += Checks.nonNegative("weights[" + i + "]", weights.get(i));
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("weights must not all be zero");
            }
        }

        /** Equal weights. */
        public static Choice of(List<Double> values) {
            return new Choice(values, java.util.Collections.nCopies(values.size(), 1.0));
        }

        /** Whether all weights are equal. */
        public boolean uniformWeights() {
            return weights.stream().distinct().count() == 1;
        }

        @Override
        public double min() {
            return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        }

        @Override
        public double max() {
            return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }
    }
}
