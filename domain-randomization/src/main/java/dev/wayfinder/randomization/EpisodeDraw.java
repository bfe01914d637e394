package dev.wayfinder.randomization;

import dev.wayfinder.scenarios.model.Episode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An episode together with the raw values drawn for it, for inspection, tests and reports.
 *
 * @param episode  the drawn episode
 * @param values   every randomized value by draw name: the parameter key, followed for per-object draws by
 *                 {@code /} and the object id (e.g. {@code obstacle_hue/crate-1}, {@code
 *                 obstacle_position_jitter/crate-1/x}); values in code units, counts and categories
 *                 after rounding to whole numbers
 * @param attempts how many layouts were drawn until one was solvable, &gt;= 1
 */
public record EpisodeDraw(Episode episode, Map<String, Double> values, int attempts) {
    public EpisodeDraw {
        if (episode == null || values == null) {
            throw new IllegalArgumentException("episode and values must not be null");
        }
        values = Collections.unmodifiableMap(new TreeMap<>(values));
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
    }

    /** The parameter key a draw name belongs to (the part before the first {@code /}). */
    public static String parameterKey(String drawName) {
        int slash = drawName.indexOf('/');
        return slash < 0 ? drawName : drawName.substring(0, slash);
    }
}
