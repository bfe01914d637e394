package dev.wayfinder.ros.tools;

import java.util.Map;

/** Java record component names to ROS field names (camelCase to snake_case, plus the exceptions ROS has). */
final class FieldNames {
    private static final Map<String, String> SPECIAL = Map.of("isBigEndian", "is_bigendian");

    private FieldNames() {
    }

    static String ros(String javaName) {
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
}
