package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.RandomParameter;
import java.util.Objects;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * One parameter's distribution as the {@code randomization:} block writes it, in file units (degrees for angles,
 * texture names for categories): {@code {uniform: [0, 360]}}, {@code 0.5}, {@code {choice: [solid, brick]}}. For
 * editors that show and take one parameter at a time; the text reads back through the file parser, so an editor
 * accepts exactly what a file would. Thread-safe (stateless).
 */
public final class DistributionText {
    private DistributionText() {
    }

    /** {@code d} of {@code p} as a file writes it. */
    public static String format(RandomParameter p, Distribution d) {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(d, "d");
        return RandomizationWriter.dist(p, d);
    }

    /**
     * Reads one distribution of {@code p} written as in a file.
     *
     * @param text one YAML value: a number or name (fixed), or a flow mapping such as {@code {uniform: [a, b]}}
     * @throws ScenarioException naming {@code p}'s key and what was expected, when the text is not a distribution of
     *                           {@code p} within its domain
     */
    public static Distribution parse(RandomParameter p, String text) throws ScenarioException {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(text, "text");
        String source = p.key();
        if (text.isBlank()) {
            throw ScenarioException.of(source, "expected a distribution: a number (fixed), {uniform: [min, max]},"
                    + " {normal: {mean, std, min, max}}, {log_uniform: [min, max]} or {choice: [a, b, ...]}");
        }
        Node node = YamlSource.parseText(text, source);
        Ctx ctx = new Ctx(source);
        Distribution d;
        try {
            d = new RandomizationParser(ctx).distribution(node, p.key(), p);
        } catch (RuntimeException e) {
            ctx.add(new Problem(source, 0, 0, p.key(), "could not read the distribution (" + e.getMessage() + ")"));
            d = null;
        }
        if (ctx.count() > 0 || d == null) {
            if (ctx.count() == 0) {
                ctx.add(new Problem(source, 0, 0, p.key(), "could not read the distribution"));
            }
            throw new ScenarioException(ctx.problems());
        }
        return d;
    }
}
