package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.msg.Covariance;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A message record as a tree of maps, lists and scalars under the ROS field names, for JSON output (a JSON library
 * writes the tree as it is) and for the one-line YAML flow text {@code wayfinder ros topic pub} prints, which
 * {@link MessageValues#parse} reads back. Byte sequences longer than {@link MessageText#MAX_ARRAY} become
 * "&lt;sequence of N elements&gt;", as in echo's text.
 */
public final class MessageTree {
    /** As {@link MessageText}'s strings, and also text starting with '<', so an abbreviated sequence stays text. */
    private static final Pattern NEEDS_QUOTES = Pattern.compile(".*[:#{}\\[\\],'\"].*|\\s.*|.*\\s|<.*");

    private MessageTree() {
    }

    /**
     * @param message a message record
     * @return its fields under their ROS names, in declaration order: nested messages as maps, sequences and arrays
     *     as lists, unsigned bytes as numbers 0..255
     */
    public static Map<String, Object> of(Record message) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (RecordComponent c : message.getClass().getRecordComponents()) {
            m.put(RecordFields.rosName(c.getName()), value(RecordFields.value(message, c)));
        }
        return m;
    }

    private static Object value(Object v) {
        if (v instanceof Covariance cov) {
            return value(cov.values());
        }
        if (v instanceof Record r) {
            return of(r);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(value(e)));
            return out;
        }
        if (v instanceof byte[] b) {
            if (b.length > MessageText.MAX_ARRAY) {
                return "<sequence of " + b.length + " elements>";
            }
            List<Object> out = new ArrayList<>(b.length);
            for (byte x : b) {
                out.add(x & 0xFF);
            }
            return out;
        }
        if (v != null && v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(Array.get(v, i));
            }
            return out;
        }
        return v;
    }

    /**
     * @param tree a tree from {@link #of(Record)}
     * @return the tree as YAML flow text on one line: {@code {linear: {x: 0.2, y: 0.0, z: 0.0}, ...}}
     */
    public static String flow(Object tree) {
        StringBuilder b = new StringBuilder();
        flow(tree, b);
        return b.toString();
    }

    private static void flow(Object v, StringBuilder b) {
        if (v instanceof Map<?, ?> m) {
            b.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(sep).append(e.getKey()).append(": ");
                flow(e.getValue(), b);
                sep = ", ";
            }
            b.append('}');
        } else if (v instanceof List<?> l) {
            b.append('[');
            String sep = "";
            for (Object e : l) {
                b.append(sep);
                flow(e, b);
                sep = ", ";
            }
            b.append(']');
        } else if (v instanceof String s) {
            b.append(MessageText.quoted(s, NEEDS_QUOTES));
        } else {
            b.append(MessageText.scalar(v));
        }
    }
}
