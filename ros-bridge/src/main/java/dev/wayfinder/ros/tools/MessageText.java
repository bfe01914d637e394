package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.msg.Covariance;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Renders a message record as YAML the way {@code ros2 topic echo} does, with long arrays abbreviated. */
public final class MessageText {
    /** Arrays longer than this are shown as their length only. */
    public static final int MAX_ARRAY = 32;

    /** Strings that YAML would read as something else, or not as this string, unless quoted. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile(".*[:#{}\\[\\],'\"].*|\\s.*|.*\\s");

    private MessageText() {
    }

    /** {@code s} in single quotes (quotes inside doubled) when it is empty or matches {@code needsQuotes}. */
    static String quoted(String s, Pattern needsQuotes) {
        return s.isEmpty() || needsQuotes.matcher(s).matches() ? "'" + s.replace("'", "''") + "'" : s;
    }

    /**
     * @param message a message record
     * @return YAML text, one field per line, nested messages indented by two spaces
     */
    public static String toYaml(Record message) {
        StringBuilder b = new StringBuilder();
        fields(message, "", b);
        return b.toString();
    }

    private static void fields(Record r, String indent, StringBuilder b) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = RecordFields.value(r, c);
            String name = RecordFields.rosName(c.getName());
            if (v instanceof Covariance cov) {
                v = cov.values();
            }
            if (v instanceof Record nested) {
                b.append(indent).append(name).append(":\n");
                fields(nested, indent + "  ", b);
            } else if (v instanceof List<?> list) {
                b.append(indent).append(name).append(':');
                if (list.isEmpty()) {
                    b.append(" []\n");
                } else {
                    b.append('\n');
                    for (Object e : list) {
                        if (e instanceof Record er) {
                            StringBuilder inner = new StringBuilder();
                            fields(er, indent + "  ", inner);
                            b.append(indent).append("- ").append(inner.substring(indent.length() + 2));
                        } else {
                            b.append(indent).append("- ").append(scalar(e)).append('\n');
                        }
                    }
                }
            } else if (v != null && v.getClass().isArray()) {
                b.append(indent).append(name).append(": ").append(array(v)).append('\n');
            } else {
                b.append(indent).append(name).append(": ").append(scalar(v)).append('\n');
            }
        }
    }

    private static String array(Object a) {
        int n = Array.getLength(a);
        if (n > MAX_ARRAY) {
            return "'<sequence of " + n + " elements>'";
        }
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append(", ");
            }
            Object e = Array.get(a, i);
            b.append(e instanceof Byte x ? Integer.toString(x & 0xFF) : scalar(e));
        }
        return b.append(']').toString();
    }

    /** A scalar as YAML: strings quoted where YAML needs it, whole floating-point numbers with ".0". */
    static String scalar(Object v) {
        if (v instanceof String s) {
            return quoted(s, NEEDS_QUOTES);
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
        }
        if (v instanceof Float f) {
            return f == Math.rint(f) && !f.isInfinite() ? String.format(Locale.ROOT, "%.1f", f) : Float.toString(f);
        }
        return String.valueOf(v);
    }
}
