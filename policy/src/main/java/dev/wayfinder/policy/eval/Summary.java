package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.data.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mean and spread of an evaluation over several training runs (seeds): for every scenario, variant and driver
 * that every run has, the mean and the sample standard deviation across runs of success, SPL and collisions, and the
 * episodes per run. A single run's sampling error hides how much the result depends on the training seed.
 */
public final class Summary {
    /**
     * One line: a driver on a scenario variant over {@code runs} runs.
     *
     * @param episodes episodes per run (the smallest, when runs differ)
     */
    public record Line(String scenario, String variant, String driver, int runs, int episodes, double success,
                       double successStd, double spl, double splStd, double collision, double collisionStd) {
    }

    private Summary() {
    }

    /** The lines of {@code perRun} (one row list per run; rows matched by scenario, variant and driver). */
    public static List<Line> of(List<List<EvalRow>> perRun) {
        if (perRun.isEmpty()) {
            throw new IllegalArgumentException("a summary needs at least one run");
        }
        Map<String, List<EvalRow>> byKey = new LinkedHashMap<>();
        for (List<EvalRow> rows : perRun) {
            for (EvalRow r : rows) {
                byKey.computeIfAbsent(r.scenario() + "\u0000" + r.variant() + "\u0000" + r.driver(),
                        k -> new ArrayList<>()).add(r);
            }
        }
        List<Line> out = new ArrayList<>();
        for (List<EvalRow> rows : byKey.values()) {
            if (rows.size() != perRun.size()) {
                continue; // not in every run
            }
            EvalRow f = rows.get(0);
            double[] s = rows.stream().mapToDouble(r -> r.result().successRate()).toArray();
            double[] p = rows.stream().mapToDouble(r -> r.result().spl()).toArray();
            double[] c = rows.stream().mapToDouble(r -> r.result().collisionRate()).toArray();
            int eps = rows.stream().mapToInt(r -> r.result().episodes()).min().orElse(0);
            out.add(new Line(f.scenario(), f.variant(), f.driver(), rows.size(), eps, mean(s), std(s), mean(p), std(p),
                    mean(c), std(c)));
        }
        return out;
    }

    /** Writes {@code dir/summary.md} with the lines and what they rest on; returns its path. */
    public static Path write(Path dir, List<Line> lines, List<String> runs, String received) throws IOException {
        StringBuilder b = new StringBuilder("# Evaluation over ").append(runs.size()).append(" training runs\n\n");
        b.append("Runs: ").append(String.join(", ", runs)).append(". Each cell: mean +- sample standard deviation ")
                .append("across the runs; every run saw the same episodes.\n\n").append(received).append('\n');
        b.append("| scenario | variant | driver | runs | episodes per run | success | SPL | collision |\n");
        b.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (Line l : lines) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %s | %s | %s |\n", l.scenario(),
                    l.variant(), l.driver(), l.runs(), l.episodes(), pm(l.success(), l.successStd()),
                    pm(l.spl(), l.splStd()), pm(l.collision(), l.collisionStd())));
        }
        Path out = dir.resolve("summary.md");
        AtomicFiles.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** "mean +- std" with three decimals. */
    public static String pm(double mean, double std) {
        return String.format(Locale.ROOT, "%.3f +- %.3f", mean, std);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Sample standard deviation (n - 1); 0 for one value. */
    static double std(double[] v) {
        if (v.length < 2) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }
}
