package dev.wayfinder.scenarios.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Typed reading of scalar and list nodes with located, descriptive errors. */
final class Scalars {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern NAN = Pattern.compile("(?i)[-+]?\\.?nan");
    private static final Pattern INF = Pattern.compile("(?i)[-+]?\\.?inf(inity)?");

    private Scalars() {
    }

    /** An accepted interval; {@code unit} is only for messages. */
    record Range(double min, boolean minOpen, double max, boolean maxOpen, String unit) {
        static Range positive(String unit) {
            return new Range(0, true, Double.POSITIVE_INFINITY, false, unit);
        }

        static Range nonNegative(String unit) {
            return new Range(0, false, Double.POSITIVE_INFINITY, false, unit);
        }

        static Range any(String unit) {
            return new Range(Double.NEGATIVE_INFINITY, false, Double.POSITIVE_INFINITY, false, unit);
        }

        static Range closed(double min, double max, String unit) {
            return new Range(min, false, max, false, unit);
        }

        static Range positiveUpTo(double max, String unit) {
            return new Range(0, true, max, false, unit);
        }

        boolean contains(double v) {
            return (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max);
        }

        String describe() {
            String u = unit.isEmpty() ? "" : " (" + unit + ")";
            boolean lo = Double.isFinite(min);
            boolean hi = Double.isFinite(max);
            if (lo && hi) {
                return "a number in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]") + u;
            }
            if (lo) {
                return "a number " + (minOpen ? "> " : ">= ") + fmt(min) + u;
            }
            if (hi) {
                return "a number " + (maxOpen ? "< " : "<= ") + fmt(max) + u;
            }
            return "a finite number" + u;
        }
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** What a node is, for "found ..." in messages. */
    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode s) {
            return "a list of " + s.getValue().size();
        }
        ScalarNode s = (ScalarNode) n;
        String v = s.getValue();
        if (s.isPlain() && (v.isEmpty() || v.equals("~") || v.equalsIgnoreCase("null"))) {
            return "nothing (null)";
        }
        String shown = v.length() > 40 ? v.substring(0, 40) + "..." : v;
        if (!s.isPlain()) {
            return "the quoted text \"" + shown + "\"";
        }
        if (NAN.matcher(v).matches()) {
            return v + " (not a number)";
        }
        if (INF.matcher(v).matches()) {
            return v + " (infinity)";
        }
        if (NUMBER.matcher(v).matches()) {
            return v;
        }
        return "'" + shown + "'";
    }

    static double number(Ctx ctx, Node n, String path, Range r) {
        if (n instanceof ScalarNode s && s.isPlain() && NUMBER.matcher(s.getValue()).matches()) {
            double v = Double.parseDouble(s.getValue());
            if (!Double.isFinite(v)) {
                ctx.error(n, path, "expected " + r.describe() + ", found " + s.getValue() + " (too large)");
                return Double.NaN;
            }
            if (!r.contains(v)) {
                ctx.error(n, path, "expected " + r.describe() + ", found " + s.getValue());
                return Double.NaN;
            }
            return v;
        }
        ctx.error(n, path, "expected " + r.describe() + ", found " + describe(n));
        return Double.NaN;
    }

    /**
     * An angle written in degrees (checked against {@code degrees}), returned in radians converted exactly
     * from the text; NaN after reporting a problem.
     */
    static double radians(Ctx ctx, Node n, String path, Range degrees) {
        double v = number(ctx, n, path, degrees);
        return Double.isNaN(v) ? v : Angles.radians(((ScalarNode) n).getValue());
    }

    static int integer(Ctx ctx, Node n, String path, int min, int max) {
        String want = "a whole number in [" + min + ", " + max + "]";
        if (n instanceof ScalarNode s && s.isPlain() && INTEGER.matcher(s.getValue()).matches()) {
            String v = s.getValue();
            if (v.replaceFirst("^[-+]?0*", "").length() <= 10) {
                long x = Long.parseLong(v);
                if (x >= min && x <= max) {
                    return (int) x;
                }
            }
            ctx.error(n, path, "expected " + want + ", found " + v);
            return min;
        }
        ctx.error(n, path, "expected " + want + ", found " + describe(n));
        return min;
    }

    static String text(Ctx ctx, Node n, String path) {
        if (n instanceof ScalarNode s && !(s.isPlain() && describe(s).startsWith("nothing"))) {
            return s.getValue();
        }
        ctx.error(n, path, "expected text, found " + describe(n));
        return "";
    }

    static boolean bool(Ctx ctx, Node n, String path) {
        if (n instanceof ScalarNode s && s.isPlain()) {
            String v = s.getValue().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
        }
        ctx.error(n, path, "expected true or false, found " + describe(n));
        return false;
    }

    /** An enum constant written in lower case ({@code ping_pong}); suggestions for typos. */
    static <E extends Enum<E>> E enumValue(Ctx ctx, Node n, String path, E[] values) {
        List<String> names = Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        if (n instanceof ScalarNode s) {
            String v = s.getValue().toLowerCase(Locale.ROOT).replace('-', '_');
            int i = names.indexOf(v);
            if (i >= 0) {
                return values[i];
            }
            String hint = Suggest.closest(v, names).map(x -> "; did you mean '" + x + "'?").orElse("");
            ctx.error(n, path, "expected one of " + String.join(", ", names) + ", found " + describe(n) + hint);
            return null;
        }
        ctx.error(n, path, "expected one of " + String.join(", ", names) + ", found " + describe(n));
        return null;
    }

    static List<Node> list(Ctx ctx, Node n, String path, int maxItems) {
        if (n instanceof SequenceNode s) {
            if (s.getValue().size() > maxItems) {
                ctx.error(n, path, "expected at most " + maxItems + " items, found " + s.getValue().size());
                return new ArrayList<>();
            }
            for (int i = 0; i < s.getValue().size(); i++) {
                ctx.seen(Ctx.index(path, i), s.getValue().get(i));
            }
            return new ArrayList<>(s.getValue());
        }
        ctx.error(n, path, "expected a list, found " + describe(n));
        return new ArrayList<>();
    }
}
