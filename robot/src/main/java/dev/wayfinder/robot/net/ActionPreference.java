package dev.wayfinder.robot.net;

import java.util.SplittableRandom;

/**
 * The order in which a discrete policy's actions are offered to whatever executes them (a {@link SafetyShield}
 * takes the first that is safe): by descending logit (greedy), or sampled from the policy's softmax at a
 * temperature. A sampled order is a draw without replacement from {@code softmax(logits / T)}: each logit divided by
 * {@code T} plus independent Gumbel noise, sorted descending (the Gumbel-top-k construction), so its first entry is
 * distributed exactly as the softmax and the rest follow as the remaining probability mass.
 *
 * <p>Greedy orders repeat themselves: a robot whose preferred action is refused gets the same second choice at the
 * same place, and can swing between two actions for as long as an episode lasts. A sampled order breaks such cycles.
 * Seeded, so a run is reproducible. Allocates nothing after construction. Not thread-safe: one per env.
 */
public final class ActionPreference {
    /** The highest temperature accepted (beyond it the order is practically uniform). */
    public static final double MAX_TEMPERATURE = 10;

    private final double temperature;
    private SplittableRandom random;
    private final int[] order;
    private final double[] keys;

    /**
     * @param actions     the number of actions, &gt;= 1
     * @param temperature 0 for the logit order, else the softmax temperature, 0..{@link #MAX_TEMPERATURE}
     * @param seed        seeds the sampling (unused when greedy)
     */
    public ActionPreference(int actions, double temperature, long seed) {
        if (actions < 1) {
            throw new IllegalArgumentException("need at least one action, got " + actions);
        }
        checkTemperature(temperature);
        this.temperature = temperature;
        this.random = new SplittableRandom(seed);
        this.order = new int[actions];
        this.keys = new double[actions];
    }

    /**
     * Starts the sampled sequence over from {@code seed}, as a new instance would: an episode seeded on its own gives
     * the same order whichever robot or env ran the episodes before it.
     */
    public void reseed(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The logit order over {@code actions} actions. */
    public static ActionPreference greedy(int actions) {
        return new ActionPreference(actions, 0, 0);
    }

    private static void checkTemperature(double t) {
        if (!(t >= 0 && t <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("action temperature must be in 0.." + MAX_TEMPERATURE
                    + " (0 = always the highest logit), got " + t);
        }
    }

    /** 0 for the logit order, else the softmax temperature. */
    public double temperature() {
        return temperature;
    }

    /**
     * Ranks the actions whose logits are {@code logits[at .. at + actions())}, most preferred first. The returned
     * array is this object's and is overwritten by the next call. Ties keep the actions' order.
     */
    public int[] rank(float[] logits, int at) {
        int n = order.length;
        if (at < 0 || at + n > logits.length) {
            throw new IllegalArgumentException("logits " + at + ".." + (at + n) + " out of " + logits.length);
        }
        for (int i = 0; i < n; i++) {
            order[i] = i;
            double key = logits[at + i];
            if (temperature > 0) {
                // Gumbel(0, 1) noise: -log(-log(u)) for u uniform in (0, 1).
                key = key / temperature - Math.log(-Math.log(random.nextDouble(Double.MIN_NORMAL, 1.0)));
            }
            keys[i] = key;
        }
        // Insertion sort by descending key: a handful of actions, stable.
        for (int i = 1; i < n; i++) {
            int k = order[i];
            double kv = keys[k];
            int j = i - 1;
            while (j >= 0 && keys[order[j]] < kv) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = k;
        }
        return order;
    }
}
