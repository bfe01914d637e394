package dev.wayfinder.ros.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser for the YAML flow style {@code ros2 topic pub} takes: {@code {linear: {x: 0.2}, angular: {z: 0.5}}}.
 * Maps become {@code Map<String, Object>}, sequences {@code List<Object>}, everything else a String (quotes
 * removed). The outer braces may be left out.
 */
final class FlowYaml {
    private final String s;
    private int i;

    private FlowYaml(String s) {
        this.s = s;
    }

    static Map<String, Object> parseMap(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Map.of();
        }
        FlowYaml p = new FlowYaml(t.startsWith("{") ? t : "{" + t + "}");
        Object v = p.value();
        p.skip();
        if (p.i != p.s.length()) {
            throw p.error("unexpected text");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return m;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at column " + (i + 1) + " of '" + s + "'");
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private Object value() {
        skip();
        if (i >= s.length()) {
            throw error("missing value");
        }
        char c = s.charAt(i);
        if (c == '{') {
            i++;
            Map<String, Object> m = new LinkedHashMap<>();
            skip();
            if (peek('}')) {
                return m;
            }
            do {
                skip();
                String key = scalar();
                skip();
                if (!peek(':')) {
                    throw error("expected ':' after '" + key + "'");
                }
                if (m.put(key, value()) != null) {
                    throw error("duplicate key '" + key + "'");
                }
                skip();
            } while (peek(','));
            if (!peek('}')) {
                throw error("expected ',' or '}'");
            }
            return m;
        }
        if (c == '[') {
            i++;
            List<Object> l = new ArrayList<>();
            skip();
            if (peek(']')) {
                return l;
            }
            do {
                l.add(value());
                skip();
            } while (peek(','));
            if (!peek(']')) {
                throw error("expected ',' or ']'");
            }
            return l;
        }
        return scalar();
    }

    private boolean peek(char c) {
        if (i < s.length() && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private String scalar() {
        if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) {
            char q = s.charAt(i++);
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == q) {
                    if (q == '\'' && i < s.length() && s.charAt(i) == '\'') {
                        b.append('\'');
                        i++;
                        continue;
                    }
                    return b.toString();
                }
                b.append(c);
            }
            throw error("unterminated string");
        }
        int start = i;
        while (i < s.length() && ",:{}[]".indexOf(s.charAt(i)) < 0) {
            i++;
        }
        String t = s.substring(start, i).trim();
        if (t.isEmpty()) {
            throw error("empty value");
        }
        return t;
    }
}
