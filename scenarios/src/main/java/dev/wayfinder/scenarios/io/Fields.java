package dev.wayfinder.scenarios.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The keys of one YAML mapping, read by name. Duplicate and non-text keys are reported when it is opened;
 * keys never asked for are reported by {@link #finish()} as unknown, with a suggestion.
 */
final class Fields {
    final Ctx ctx;
    final Node node;
    final String path;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(Ctx ctx, MappingNode node, String path) {
        this.ctx = ctx;
        this.node = node;
        this.path = path;
        ctx.seen(path, node);
        Map<String, Node> first = new LinkedHashMap<>();
        for (NodeTuple t : node.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                ctx.error(t.getKeyNode(), path, "expected a text key, found " + Scalars.describe(t.getKeyNode()));
                continue;
            }
            String key = k.getValue();
            String shown = key.length() > 60 ? key.substring(0, 60) + "..." : key;
            Node prev = first.putIfAbsent(key, k);
            if (prev != null) {
                int line = prev.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                ctx.error(k, Ctx.child(path, shown), "duplicate key '" + shown + "' (first given on line " + line + ")");
                continue;
            }
            entries.put(key, t);
        }
    }

    /** Opens {@code n} as a mapping, or reports what it is instead and returns empty. */
    static Optional<Fields> open(Ctx ctx, Node n, String path, String what) {
        if (n instanceof MappingNode m) {
            return Optional.of(new Fields(ctx, m, path));
        }
        String shape = what.startsWith("{") || what.contains("{x") ? what : what + " (a mapping of keys to values)";
        ctx.error(n, path, "expected " + shape + ", found " + Scalars.describe(n));
        return Optional.empty();
    }

    /** The value of {@code key}, if present; declares the key as known. */
    Optional<Node> opt(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        if (t == null) {
            return Optional.empty();
        }
        ctx.seen(Ctx.child(path, key), t.getValueNode());
        return Optional.of(t.getValueNode());
    }

    /** The value of {@code key}; reports it as missing (expecting {@code what}) and returns empty if absent. */
    Optional<Node> req(String key, String what) {
        Optional<Node> v = opt(key);
        if (v.isEmpty()) {
            ctx.error(node, Ctx.child(path, key), "missing key '" + key + "': expected " + what);
        }
        return v;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Declares keys as known without reading them. */
    void allow(String... keys) {
        known.addAll(List.of(keys));
    }

    String path(String key) {
        return Ctx.child(path, key);
    }

    /** Reports every key not asked for. */
    void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (known.contains(e.getKey())) {
                continue;
            }
            String key = e.getKey().length() > 60 ? e.getKey().substring(0, 60) + "..." : e.getKey();
            String hint = Suggest.closest(key, known).map(s -> "; did you mean '" + s + "'?").orElse("");
            ctx.error(e.getValue().getKeyNode(), Ctx.child(path, key), "unknown key '" + key + "'" + hint
                    + " (allowed here: " + String.join(", ", known) + ")");
        }
    }

    // Convenience readers: each reports problems and returns a harmless fallback.

    double num(String key, double dflt, Scalars.Range r) {
        return opt(key).map(n -> Scalars.number(ctx, n, path(key), r)).orElse(dflt);
    }

    double reqNum(String key, Scalars.Range r) {
        return req(key, r.describe()).map(n -> Scalars.number(ctx, n, path(key), r)).orElse(Double.NaN);
    }

    /** A number written in degrees, returned in radians. */
    double deg(String key, double dfltRadians, Scalars.Range degreeRange) {
        return opt(key).map(n -> Scalars.radians(ctx, n, path(key), degreeRange)).orElse(dfltRadians);
    }

    int integer(String key, int dflt, int min, int max) {
        return opt(key).map(n -> Scalars.integer(ctx, n, path(key), min, max)).orElse(dflt);
    }

    String text(String key, String dflt) {
        return opt(key).map(n -> Scalars.text(ctx, n, path(key))).orElse(dflt);
    }

    boolean bool(String key, boolean dflt) {
        return opt(key).map(n -> Scalars.bool(ctx, n, path(key))).orElse(dflt);
    }

    <E extends Enum<E>> E choice(String key, E dflt, E[] values) {
        return opt(key).map(n -> Scalars.enumValue(ctx, n, path(key), values)).orElse(dflt);
    }

    /** The list under {@code key} (empty if absent or not a list, the latter reported). */
    List<Node> list(String key, int maxItems) {
        Optional<Node> n = opt(key);
        return n.isEmpty() ? new ArrayList<>() : Scalars.list(ctx, n.get(), path(key), maxItems);
    }
}
