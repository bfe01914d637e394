package dev.wayfinder.sim.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Named sub-spaces. Members are maps (or {@link Observation}s, through {@link Observation#asMap()}) holding
 * exactly these keys, each value a member of its sub-space.
 *
 * @param spaces the sub-spaces in declaration order; copied, unmodifiable
 */
public record DictSpace(Map<String, Space> spaces) implements Space {
    public DictSpace {
        Objects.requireNonNull(spaces, "spaces");
        if (spaces.isEmpty()) {
            throw new IllegalArgumentException("a dict space needs at least one entry");
        }
        spaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(spaces));
    }

    @Override
    public boolean contains(Object value) {
        Map<?, ?> m;
        if (value instanceof Observation o) {
            m = o.asMap();
        } else if (value instanceof Map<?, ?> mm) {
            m = mm;
        } else {
            return false;
        }
        if (!m.keySet().equals(spaces.keySet())) {
            return false;
        }
        for (Map.Entry<String, Space> e : spaces.entrySet()) {
            if (!e.getValue().contains(m.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Map<String, Object> sample(RandomGenerator rng) {
        Map<String, Object> m = new LinkedHashMap<>();
        spaces.forEach((k, s) -> m.put(k, s.sample(rng)));
        return m;
    }
}
