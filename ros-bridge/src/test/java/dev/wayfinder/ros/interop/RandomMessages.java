package dev.wayfinder.ros.interop;

import dev.wayfinder.ros.msg.Covariance;
import dev.wayfinder.ros.msg.Time;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds a message record with every field set to a seeded random value of the right shape. */
public final class RandomMessages {
    private final Random random;

    public RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    @SuppressWarnings("unchecked")
    public <T extends Record> T of(Class<T> type) {
        if (type == Time.class) {
            return (T) new Time(random.nextInt(1 << 30), random.nextInt(1_000_000_000));
        }
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            types[i] = cs[i].getType();
            args[i] = value(cs[i]);
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private Object value(RecordComponent c) {
        Class<?> t = c.getType();
        String name = c.getName();
        if (t == double.class) {
            return random.nextGaussian() * 100;
        }
        if (t == float.class) {
            return (float) random.nextGaussian();
        }
        if (t == int.class) {
            return random.nextInt(100_000);
        }
        if (t == byte.class) {
            return (byte) (1 + random.nextInt(8));
        }
        if (t == boolean.class) {
            return random.nextBoolean();
        }
        if (t == String.class) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                b.append((char) ('a' + random.nextInt(26)));
            }
            return b.toString();
        }
        if (t == byte[].class) {
            byte[] b = new byte[random.nextInt(3000)];
            random.nextBytes(b);
            return b;
        }
        if (t == float[].class) {
            float[] f = new float[random.nextInt(50)];
            for (int i = 0; i < f.length; i++) {
                f[i] = random.nextFloat();
            }
            return f;
        }
        if (t == double[].class) {
            return random.doubles(name.equals("p") ? 12 : random.nextInt(8)).toArray();
        }
        if (t == Covariance.class) {
            return new Covariance(random.doubles(name.startsWith("pose") || name.startsWith("twist") || name.equals("covariance") ? 36 : 9)
                    .toArray());
        }
        if (t == List.class) {
            Class<? extends Record> e = (Class<? extends Record>) ((ParameterizedType) c.getGenericType())
                    .getActualTypeArguments()[0];
            List<Object> l = new ArrayList<>();
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                l.add(of(e));
            }
            return l;
        }
        if (t.isRecord()) {
            return of((Class<? extends Record>) t);
        }
        throw new IllegalStateException("no random value for " + t + " " + name);
    }
}
