package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.msg.Covariance;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Locale;

/** Renders a message record as YAML the way {@code ros2 topic echo} does, with long arrays abbreviated. */
public final class MessageText {
    /** Arrays longer than this are shown as their length only. */
    public static final int MAX_ARRAY = 32;

    private MessageText() {
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
            Object v = get(r, c);
            String name = FieldNames.ros(c.getName());
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

    private static Object get(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
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

    private static String scalar(Object v) {
        if (v instanceof String s) {
            return s.isEmpty() || s.matches(".*[:#{}\\[\\],'\"].*|\\s.*|.*\\s") ? "'" + s.replace("'", "''") + "'" : s;
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
