package dev.wayfinder.ros.tools;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * How the tools see a message record's fields: Java record component names as ROS field names (camelCase to
 * snake_case, plus the exceptions ROS has), and a component's value read by reflection.
 */
final class RecordFields {
    private static final Map<String, String> SPECIAL = Map.of("isBigEndian", "is_bigendian");

    private RecordFields() {
    }

    /** camelCase to ROS snake_case, with ROS's exceptions ({@code is_bigendian}). */
    static String rosName(String javaName) {
        String s = SPECIAL.get(javaName);
        if (s != null) {
            return s;
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

    /** The value of component {@code c} of {@code r}. */
    static Object value(Record r, RecordComponent c) {
        try {
            return c.getAccessor().invoke(r);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}
