package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.io.Scalars.Range;
import dev.wayfinder.scenarios.model.Curriculum;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.ParameterGroup;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Randomization;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads the {@code randomization:} block: parameters grouped under {@code visual}, {@code physical} and
 * {@code layout}, each a distribution written in file units (degrees for angles).
 */
final class RandomizationParser {
    private static final String FORMS = "a number (fixed), {uniform: [min, max]}, {normal: {mean, std, min, max}},"
            + " {log_uniform: [min, max]} or {choice: [a, b, ...], weights: [...]}";

    private final Ctx ctx;

    RandomizationParser(Ctx ctx) {
        this.ctx = ctx;
    }

    Randomization randomization(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the randomization block");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        Map<RandomParameter, Distribution> params = new EnumMap<>(RandomParameter.class);
        for (ParameterGroup g : ParameterGroup.values()) {
            f.opt(g.key()).ifPresent(gn -> group(gn, f.path(g.key()), g, params));
        }
        Optional<Curriculum> curriculum = f.opt("curriculum").map(c -> curriculum(c, f.path("curriculum")));
        Optional<RectRegion> area = f.opt("layout_area").map(a -> layoutArea(a, f.path("layout_area")));
        int attempts = f.integer("max_attempts", Randomization.DEFAULT_MAX_ATTEMPTS, 1, 10_000);
        f.finish();
        return ctx.build(mark, n, path, () -> new Randomization(params, curriculum, area, attempts));
    }

    private void group(Node n, String path, ParameterGroup g, Map<RandomParameter, Distribution> out) {
        Optional<Fields> of = Fields.open(ctx, n, path, "the " + g.key() + " parameters");
        if (of.isEmpty()) {
            return;
        }
        Fields f = of.get();
        for (RandomParameter p : RandomParameter.values()) {
            if (p.group() != g) {
                if (f.has(p.key())) {
                    f.allow(p.key());
                    ctx.error(f.opt(p.key()).get(), f.path(p.key()), p.key() + " belongs under randomization."
                            + p.group().key() + ", not under " + g.key());
                }
                continue;
            }
            Optional<Node> dn = f.opt(p.key());
            if (dn.isPresent()) {
                Distribution d = distribution(dn.get(), f.path(p.key()), p);
                if (d != null) {
                    out.put(p, d);
                }
            }
        }
        f.finish();
    }

    Distribution distribution(Node n, String path, RandomParameter p) {
        int mark = ctx.count();
        ParameterUnit u = p.unit();
        Range domain = Range.closed(u.toFile(p.domainMin()), u.toFile(p.domainMax()), u.fileSymbol());
        if (n instanceof ScalarNode) {
            double v = value(n, path, p, domain);
            return ctx.build(mark, n, path, () -> new Distribution.Fixed(v));
        }
        Optional<Fields> of = Fields.open(ctx, n, path, FORMS);
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        List<String> forms = List.of("uniform", "normal", "log_uniform", "choice");
        List<String> given = forms.stream().filter(f::has).toList();
        f.allow(forms.toArray(String[]::new));
        f.allow("weights");
        Distribution d = null;
        if (given.size() != 1) {
            ctx.error(n, path, "expected exactly one of uniform, normal, log_uniform, choice; found "
                    + (given.isEmpty() ? "none" : String.join(" and ", given)));
        } else if (p.unit() == ParameterUnit.CATEGORY && !given.get(0).equals("choice")) {
            ctx.error(n, path, p.key() + " is a category: expected a name (" + String.join(", ", p.categories())
                    + ") or {choice: [...]}, found " + given.get(0));
        } else {
            String form = given.get(0);
            Node body = f.opt(form).orElseThrow();
            String bp = f.path(form);
            if (f.has("weights") && !form.equals("choice")) {
                ctx.error(f.opt("weights").get(), f.path("weights"), "weights apply only to choice");
            }
            d = switch (form) {
                case "uniform" -> {
                    double[] mm = pair(body, bp, p, domain);
                    yield ctx.build(mark, n, path, () -> new Distribution.Uniform(mm[0], mm[1]));
                }
                case "log_uniform" -> {
                    double[] mm = pair(body, bp, p, domain);
                    yield ctx.build(mark, n, path, () -> new Distribution.LogUniform(mm[0], mm[1]));
                }
                case "normal" -> normal(body, bp, p, domain, mark, n, path);
                default -> choice(f, body, bp, p, domain, mark, n, path);
            };
        }
        f.finish();
        return d;
    }

    private Distribution normal(Node body, String bp, RandomParameter p, Range domain, int mark, Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, body, bp, "{mean, std, min, max}");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        ParameterUnit u = p.unit();
        Range stdRange = Range.nonNegative(u.fileSymbol());
        double mean = f.req("mean", domain.describe()).map(x -> value(x, f.path("mean"), p, domain)).orElse(Double.NaN);
        double std = f.req("std", stdRange.describe()).map(x -> RandomizationWriter.isAngle(u)
                ? Scalars.radians(ctx, x, f.path("std"), stdRange) : Scalars.number(ctx, x, f.path("std"), stdRange))
                .orElse(Double.NaN);
        double min = f.opt("min").map(x -> value(x, f.path("min"), p, domain))
                .orElse(Math.max(p.domainMin(), mean - 3 * std));
        double max = f.opt("max").map(x -> value(x, f.path("max"), p, domain))
                .orElse(Math.min(p.domainMax(), mean + 3 * std));
        f.finish();
        if (ctx.count() == mark && (mean < min || mean > max || min > max)) {
            ctx.error(body, bp, "expected min <= mean <= max, found mean " + Scalars.fmt(u.toFile(mean)) + ", min "
                    + Scalars.fmt(u.toFile(min)) + ", max " + Scalars.fmt(u.toFile(max)));
            return null;
        }
        return ctx.build(mark, n, path, () -> new Distribution.Normal(mean, std, min, max));
    }

    private Distribution choice(Fields f, Node body, String bp, RandomParameter p, Range domain, int mark, Node n,
                                String path) {
        List<Node> items = Scalars.list(ctx, body, bp, 1000);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            values.add(value(items.get(i), Ctx.index(bp, i), p, domain));
        }
        List<Double> weights = new ArrayList<>();
        Optional<Node> wn = f.opt("weights");
        if (wn.isPresent()) {
            List<Node> ws = Scalars.list(ctx, wn.get(), f.path("weights"), 1000);
            for (int i = 0; i < ws.size(); i++) {
                weights.add(Scalars.number(ctx, ws.get(i), Ctx.index(f.path("weights"), i), Range.nonNegative("")));
            }
        } else {
            weights.addAll(java.util.Collections.nCopies(values.size(), 1.0));
        }
        return ctx.build(mark, n, path, () -> new Distribution.Choice(values, weights));
    }

    /** One value in file units, returned in code units; category names become indices. */
    private double value(Node n, String path, RandomParameter p, Range domain) {
        if (p.unit() == ParameterUnit.CATEGORY) {
            List<String> cats = p.categories();
            String v = n instanceof ScalarNode s ? s.getValue().toLowerCase(Locale.ROOT) : "";
            int i = cats.indexOf(v);
            if (i < 0) {
                String hint = Suggest.closest(v, cats).map(x -> "; did you mean '" + x + "'?").orElse("");
                ctx.error(n, path, "expected one of " + String.join(", ", cats) + ", found " + Scalars.describe(n) + hint);
                return Double.NaN;
            }
            return i;
        }
        if (RandomizationWriter.isAngle(p.unit())) {
            return Scalars.radians(ctx, n, path, domain);
        }
        double v = Scalars.number(ctx, n, path, domain);
        if (p.unit() == ParameterUnit.COUNT && Double.isFinite(v) && v != Math.rint(v)) {
            ctx.error(n, path, "expected a whole number, found " + v);
        }
        return v;
    }

    private double[] pair(Node body, String bp, RandomParameter p, Range domain) {
        List<Node> items = Scalars.list(ctx, body, bp, 2);
        if (items.size() != 2) {
            if (items.size() < 2) {
                ctx.error(body, bp, "expected two numbers [min, max], found " + Scalars.describe(body));
            }
            return new double[] {Double.NaN, Double.NaN};
        }
        double a = value(items.get(0), Ctx.index(bp, 0), p, domain);
        double b = value(items.get(1), Ctx.index(bp, 1), p, domain);
        if (a > b) {
            ctx.error(body, bp, "expected [min, max] with min <= max, found min " + Scalars.fmt(p.unit().toFile(a))
                    + " > max " + Scalars.fmt(p.unit().toFile(b)));
        }
        return new double[] {a, b};
    }

    private Curriculum curriculum(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "a curriculum {initial_width, full_width_at}");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        int mark = ctx.count();
        double initial = f.reqNum("initial_width", Range.closed(0, 1, "fraction of each range"));
        double full = f.num("full_width_at", 1.0, new Range(0, true, 1, false, "training progress"));
        f.finish();
        return ctx.build(mark, n, path, () -> new Curriculum(initial, full));
    }

    private RectRegion layoutArea(Node n, String path) {
        Optional<Fields> of = Fields.open(ctx, n, path, "a rectangle {center, size}");
        if (of.isEmpty()) {
            return null;
        }
        Fields f = of.get();
        f.allow("radius");
        if (f.has("radius")) {
            ctx.error(n, path, "the layout area must be a rectangle {center, size}");
        }
        Region r = Geom.region(f);
        f.finish();
        return r instanceof RectRegion rr ? rr : null;
    }

    static List<String> keys(ParameterGroup g) {
        return Arrays.stream(RandomParameter.values()).filter(p -> p.group() == g).map(RandomParameter::key).toList();
    }
}
