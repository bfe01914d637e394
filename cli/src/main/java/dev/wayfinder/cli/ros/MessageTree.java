package dev.wayfinder.cli.ros;

import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.tools.MessageText;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A message record as a tree of maps, lists and scalars under the ROS field names, for JSON output and for the
 * one-line YAML flow text {@code pub} prints (which {@code pub} reads back). Byte sequences longer than
 * {@link MessageText#MAX_ARRAY} become "&lt;sequence of N elements&gt;", as in echo's text.
 */
final class MessageTree {
  private MessageTree() {}

  /** The message's fields, in declaration order. */
  static Map<String, Object> of(Record message) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (RecordComponent c : message.getClass().getRecordComponents()) {
      m.put(rosName(c.getName()), value(get(message, c)));
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

  private static Object get(Record r, RecordComponent c) {
    try {
      return c.getAccessor().invoke(r);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
    }
  }

  /** camelCase to ROS snake_case, with ROS's one exception ({@code is_bigendian}). */
  static String rosName(String javaName) {
    if (javaName.equals("isBigEndian")) {
      return "is_bigendian";
    }
    StringBuilder b = new StringBuilder();
    for (char c : javaName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        b.append('_').append(Character.toLowerCase(c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /** The tree as YAML flow text on one line: {@code {linear: {x: 0.2, y: 0.0, z: 0.0}, ...}}. */
  static String flow(Object tree) {
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
      b.append(s.isEmpty() || s.matches(".*[:#{}\\[\\],'\"].*|\\s.*|.*\\s|<.*")
          ? "'" + s.replace("'", "''") + "'" : s);
    } else if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      b.append(String.format(Locale.ROOT, "%.1f", d));
    } else if (v instanceof Float f && f == Math.rint(f) && !f.isInfinite()) {
      b.append(String.format(Locale.ROOT, "%.1f", f));
    } else {
      b.append(v);
    }
  }
}
