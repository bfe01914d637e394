package dev.wayfinder.scenarios.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * State of one load: the source label, every problem found so far, and where each field path was seen
 * (so that later semantic checks can be located too).
 */
final class Ctx {
    /** Problems kept per file; a file with more is hopeless and the rest would only cost memory. */
    static final int MAX_PROBLEMS = 1000;

    final String source;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, Mark> marks = new HashMap<>();

    Ctx(String source) {
        this.source = source;
    }

    void error(Node at, String path, String message) {
        if (problems.size() >= MAX_PROBLEMS) {
            return;
        }
        Optional<Mark> m = at == null ? Optional.empty() : at.getStartMark();
        problems.add(new Problem(source, m.map(x -> x.getLine() + 1).orElse(0),
                m.map(x -> x.getColumn() + 1).orElse(0), path, message));
    }

    /** Records that {@code path} was read from {@code node}. */
    void seen(String path, Node node) {
        node.getStartMark().ifPresent(m -> marks.putIfAbsent(path, m));
    }

    /** A problem at the place {@code path} (or its nearest recorded parent) was read from. */
    Problem locate(String path, String message) {
        String p = path;
        while (true) {
            Mark m = marks.get(p);
            if (m != null) {
                return new Problem(source, m.getLine() + 1, m.getColumn() + 1, path, message);
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            if (cut <= 0) {
                Mark root = marks.get("");
                return new Problem(source, root == null ? 0 : root.getLine() + 1, root == null ? 0 : root.getColumn() + 1,
                        path, message);
            }
            p = p.substring(0, cut);
        }
    }

    void add(Problem p) {
        problems.add(p);
    }

    int count() {
        return problems.size();
    }

    List<Problem> problems() {
        return problems;
    }

    /**
     * Builds a value from fields already read. A constructor failure is reported at {@code at} unless
     * problems were recorded since {@code mark} (then it is a consequence of those and stays silent).
     *
     * @return the value, or null when it could not be built
     */
    <T> T build(int mark, Node at, String path, Supplier<T> make) {
        if (count() > mark) {
            return null;
        }
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            error(at, path, e.getMessage());
            return null;
        } catch (NullPointerException e) {
            if (count() == mark) {
                error(at, path, "incomplete: " + e.getMessage());
            }
            return null;
        }
    }

    static String child(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }
}
