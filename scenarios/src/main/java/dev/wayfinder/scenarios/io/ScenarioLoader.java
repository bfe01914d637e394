package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.validate.ScenarioValidator;
import dev.wayfinder.scenarios.validate.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads scenario files: bounded YAML parsing, then records, then {@link ScenarioValidator}'s geometric
 * checks. Every problem of a file is collected and reported together in one {@link ScenarioException};
 * no other exception escapes for bad input. Thread-safe (stateless).
 *
 * <p>Limits: files up to 1 MiB (larger ones are refused unread), nesting up to 24 levels, at most 8
 * aliases of mappings or lists, no duplicate keys, one YAML document.
 */
public final class ScenarioLoader {
    /** Largest file accepted, bytes. */
    public static final long MAX_FILE_BYTES = YamlSource.MAX_BYTES;

    private ScenarioLoader() {
    }

    /** Loads and fully validates {@code file}; messages name it as given. */
    public static Scenario load(Path file) throws ScenarioException {
        String label = file.toString();
        return fromNode(YamlSource.parseFile(file, label), label, true);
    }

    /**
     * Parses and fully validates YAML text.
     *
     * @param source name to use in messages, e.g. a file name or {@code "<editor>"}
     */
    public static Scenario parse(String text, String source) throws ScenarioException {
        return fromNode(YamlSource.parseText(text, source), source, true);
    }

    /**
     * Parses YAML text with only structural checks (types, ranges, unknown keys), skipping the geometric
     * ones; for editors that show a half-finished scenario.
     */
    public static Scenario parseStructure(String text, String source) throws ScenarioException {
        return fromNode(YamlSource.parseText(text, source), source, false);
    }

    private static Scenario fromNode(Node root, String source, boolean geometric) throws ScenarioException {
        Ctx ctx = new Ctx(source);
        Scenario s;
        try {
            s = new ScenarioParser(ctx).scenario(root);
        } catch (RuntimeException e) {
            // A safety net: a bug here must still reach the user as a located message, not a stack trace.
            ctx.add(new Problem(source, 0, 0, "", "could not read the scenario (" + e + ")"));
            s = null;
        }
        if (ctx.count() > 0 || s == null) {
            if (ctx.count() == 0) {
                ctx.add(new Problem(source, 0, 0, "", "could not read the scenario"));
            }
            throw new ScenarioException(sorted(ctx.problems()));
        }
        if (geometric) {
            List<Violation> vs = ScenarioValidator.validate(s);
            if (!vs.isEmpty()) {
                List<Problem> ps = new ArrayList<>();
                for (Violation v : vs) {
                    ps.add(ctx.locate(v.path(), v.message()));
                }
                throw new ScenarioException(sorted(ps));
            }
        }
        return s;
    }

    private static List<Problem> sorted(List<Problem> ps) {
        List<Problem> out = new ArrayList<>(ps);
        out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return out;
    }
}
