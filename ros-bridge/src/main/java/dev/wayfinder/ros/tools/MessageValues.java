package dev.wayfinder.ros.tools;

import dev.wayfinder.ros.msg.Covariance;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a message record from {@code ros2 topic pub}-style values: fields not given take ROS defaults (zeros,
 * empty strings and sequences), so {@code "{linear: {x: 0.2}}"} is a whole Twist.
 */
public final class MessageValues {

    private MessageValues() {
    }

    /**
     * @param type the record class of a message type (see {@link MessageTypes})
     * @param yaml values in YAML flow style, outer braces optional
     * @param <T> the record
     * @return the message
     * @throws IllegalArgumentException naming the field and what was expected when a value does not fit
     */
    public static <T extends Record> T parse(Class<T> type, String yaml) {
        return build(type, FlowYaml.parseMap(yaml), type.getSimpleName());
    }

    private static <T extends Record> T build(Class<T> type, Map<String, Object> values, String path) {
        RecordComponent[] cs = type.getRecordComponents();
        List<String> names = new ArrayList<>();
        for (RecordComponent c : cs) {
            names.add(RecordFields.rosName(c.getName()));
        }
        for (String k : values.keySet()) {
            if (!names.contains(k)) {
                throw new IllegalArgumentException("unknown field '" + k + "' in " + path + " (fields: "
                        + String.join(", ", names) + ")");
            }
        }
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            String field = path + "." + names.get(i);
            Object v = values.get(names.get(i));
            args[i] = v == null ? defaultValue(cs[i], field) : convert(cs[i].getType(), cs[i].getGenericType(), v, field);
        }
        try {
            Constructor<T> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(path + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct " + type.getName(), e);
        }
    }

    private static Object defaultValue(RecordComponent c, String field) {
        Class<?> t = c.getType();
        if (t == Covariance.class) {
            return new Covariance(new double[field.contains("pose") || field.contains("twist") || field.endsWith(".covariance") ? 36 : 9]);
        }
        if (t == double[].class && field.endsWith(".p")) {
            return new double[12];
        }
        return convert(t, c.getGenericType(), null, field);
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Class<?> t, Type generic, Object v, String field) {
        try {
            if (t == double.class) {
                return v == null ? 0.0 : Double.parseDouble(scalar(v, field));
            }
            if (t == float.class) {
                return v == null ? 0.0f : Float.parseFloat(scalar(v, field));
            }
            if (t == int.class) {
                return v == null ? 0 : (int) Long.parseLong(scalar(v, field));
            }
            if (t == byte.class) {
                return v == null ? (byte) 0 : (byte) Integer.parseInt(scalar(v, field));
            }
            if (t == long.class) {
                return v == null ? 0L : Long.parseLong(scalar(v, field));
            }
            if (t == boolean.class) {
                return v != null && bool(scalar(v, field), field);
            }
            if (t == String.class) {
                return v == null ? "" : scalar(v, field);
            }
            if (t == byte[].class) {
                List<Object> l = list(v, field);
                byte[] out = new byte[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (byte) Integer.parseInt(scalar(l.get(i), field));
                }
                return out;
            }
            if (t == float[].class) {
                List<Object> l = list(v, field);
                float[] out = new float[l.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Float.parseFloat(scalar(l.get(i), field));
                }
                return out;
            }
            if (t == double[].class) {
                return list(v, field).stream().mapToDouble(x -> Double.parseDouble(scalar(x, field))).toArray();
            }
            if (t == Covariance.class) {
                return new Covariance((double[]) convert(double[].class, double[].class, v, field));
            }
            if (t == List.class && generic instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> e && e.isRecord()) {
                List<Object> out = new ArrayList<>();
                for (Object x : list(v, field)) {
                    out.add(build((Class<? extends Record>) e, map(x, field), field + "[]"));
                }
                return out;
            }
            if (t.isRecord()) {
                return build((Class<? extends Record>) t, v == null ? Map.of() : map(v, field), field);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + v + "' is not a number");
        }
        throw new IllegalArgumentException(field + ": values of type " + t.getSimpleName() + " cannot be given here");
    }

    private static String scalar(Object v, String field) {
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(field + ": expected a single value, got " + v);
    }

    private static boolean bool(String s, String field) {
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(field + ": expected true or false, got '" + s + "'");
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String field) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException(field + ": expected a sequence [a, b, ...], got " + v);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object v, String field) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(field + ": expected a mapping {name: value, ...}, got " + v);
    }

    /**
     * @param type a message record class
     * @return its ROS field names, nested fields dotted (for help texts)
     */
    public static String describe(Class<? extends Record> type) {
        return java.util.Arrays.stream(type.getRecordComponents()).map(c -> RecordFields.rosName(c.getName()))
                .collect(Collectors.joining(", "));
    }

    /**
     * @param type a message record class
     * @return the start of a value for it, for help texts: its first field, e.g. {@code "linear: {...}"}
     */
    public static String example(Class<? extends Record> type) {
        RecordComponent c = type.getRecordComponents()[0];
        return RecordFields.rosName(c.getName()) + ": " + (c.getType().isRecord() ? "{...}" : "...");
    }
}
