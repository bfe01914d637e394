package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.ParameterGroup;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import java.util.List;
import java.util.Map;

/** Writes the randomization block in file units. */
final class RandomizationWriter {
    private RandomizationWriter() {
    }

    static void write(StringBuilder b, Randomization r) {
        if (r.isEmpty() && r.curriculum().isEmpty() && r.layoutArea().isEmpty()
                && r.maxAttempts() == Randomization.DEFAULT_MAX_ATTEMPTS) {
            b.append("randomization: {}\n");
            return;
        }
        b.append("randomization:\n");
        for (ParameterGroup g : ParameterGroup.values()) {
            boolean any = false;
            for (Map.Entry<RandomParameter, Distribution> e : r.parameters().entrySet()) {
                if (e.getKey().group() != g) {
                    continue;
                }
                if (!any) {
                    b.append("  ").append(g.key()).append(":\n");
                    any = true;
                }
                b.append("    ").append(e.getKey().key()).append(": ").append(dist(e.getKey(), e.getValue()))
                        .append('\n');
            }
        }
        r.curriculum().ifPresent(c -> b.append("  curriculum: {initial_width: ")
                .append(Numbers.format(c.initialWidth())).append(", full_width_at: ")
                .append(Numbers.format(c.fullWidthAt())).append("}\n"));
        r.layoutArea().ifPresent(a -> b.append("  layout_area: {center: ").append(ScenarioWriter.vec(a.center()))
                .append(", size: ").append(ScenarioWriter.vec(a.size())).append("}\n"));
        b.append("  max_attempts: ").append(r.maxAttempts()).append('\n');
    }

    static String dist(RandomParameter p, Distribution d) {
        return switch (d) {
            case Distribution.Fixed f -> value(p, f.value());
            case Distribution.Uniform u -> "{uniform: [" + value(p, u.min()) + ", " + value(p, u.max()) + "]}";
            case Distribution.LogUniform u -> "{log_uniform: [" + value(p, u.min()) + ", " + value(p, u.max()) + "]}";
            case Distribution.Normal n -> "{normal: {mean: " + value(p, n.mean()) + ", std: " + value(p, n.std())
                    + ", min: " + value(p, n.min()) + ", max: " + value(p, n.max()) + "}}";
            case Distribution.Choice c -> {
                StringBuilder s = new StringBuilder("{choice: [");
                for (int i = 0; i < c.values().size(); i++) {
                    s.append(i == 0 ? "" : ", ").append(value(p, c.values().get(i)));
                }
                s.append(']');
                if (c.weights().stream().anyMatch(w -> w != 1.0)) {
                    s.append(", weights: [");
                    List<Double> w = c.weights();
                    for (int i = 0; i < w.size(); i++) {
                        s.append(i == 0 ? "" : ", ").append(Numbers.format(w.get(i)));
                    }
                    s.append(']');
                }
                yield s.append('}').toString();
            }
        };
    }

    private static String value(RandomParameter p, double v) {
        return switch (p.unit()) {
            case CATEGORY -> p.categories().get((int) v);
            case RADIAN, RADIAN_PER_SECOND -> Angles.degrees(v);
            default -> Numbers.format(v);
        };
    }

    static boolean isAngle(ParameterUnit u) {
        return u == ParameterUnit.RADIAN || u == ParameterUnit.RADIAN_PER_SECOND;
    }
}
