package dev.wayfinder.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which workers a run may use, by their attributes: {@code --select KEY=VALUE} or {@code --select KEY>=NUMBER}, every
 * term must hold. KEY is one of what a worker reports of itself ({@code gpu}: nvidia, dri or none; {@code egl}: true
 * or false; {@code cores}; {@code slots}) or a label its owner gave it ({@code wayfinder worker --label KEY=VALUE}).
 * A worker the terms leave out gets no work, and the run says once why.
 */
public final class MemberFilter {
    /** Keys a worker reports itself, and the member attribute each is read from. */
    static final Map<String, String> BUILT_IN = Map.of("gpu", Cluster.ATTR_GPU, "egl", Cluster.ATTR_EGL,
            "cores", Cluster.ATTR_CORES, "slots", Cluster.ATTR_SLOTS);
    /** Keys the numeric form applies to. */
    private static final List<String> NUMERIC = List.of("cores", "slots");
    /** The prefix of a label's member attribute. */
    static final String LABEL_PREFIX = "wayfinder.label.";
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,31}");
    private static final Pattern TERM = Pattern.compile("([^=<>]+)(>=|=)(.*)");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}");

    /** Accepts every worker. */
    public static final MemberFilter ALL = new MemberFilter(List.of());

    private record Term(String key, boolean atLeast, String value) {
        @Override
        public String toString() {
            return key + (atLeast ? ">=" : "=") + value;
        }
    }

    private final List<Term> terms;

    private MemberFilter(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * Reads {@code --select} terms.
     *
     * @throws IllegalArgumentException naming the term and what was expected
     */
    public static MemberFilter parse(List<String> select) {
        List<Term> out = new ArrayList<>();
        for (String s : select) {
            Matcher m = TERM.matcher(s.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("--select '" + s + "': expected KEY=VALUE or KEY>=NUMBER (keys: "
                        + String.join(", ", BUILT_IN.keySet().stream().sorted().toList()) + ", or a worker's --label)");
            }
            String key = m.group(1).strip();
            boolean atLeast = m.group(2).equals(">=");
            String value = m.group(3).strip();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("--select '" + s + "': the key '" + key + "' is not one: expected"
                        + " lower-case letters, digits, '_', '.' or '-', starting with a letter");
            }
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("--select '" + s + "': the value '" + value + "' is not one:"
                        + " expected 1-64 letters, digits, '_', '.', ':', '/' or '-'");
            }
            if (atLeast) {
                if (!NUMERIC.contains(key)) {
                    throw new IllegalArgumentException("--select '" + s + "': >= applies to " + String.join(" and ",
                            NUMERIC) + " only");
                }
                try {
                    Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--select '" + s + "': expected a whole number after >=");
                }
            }
            out.add(new Term(key, atLeast, value));
        }
        return new MemberFilter(out);
    }

    /**
     * Checks {@code --label} terms a worker is started with: KEY=VALUE each, keys not those it reports itself.
     *
     * @return the labels by key, in the order given
     * @throws IllegalArgumentException naming the term and what was expected
     */
    public static Map<String, String> labels(List<String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : labels) {
            Matcher m = TERM.matcher(s.strip());
            if (!m.matches() || !m.group(2).equals("=")) {
                throw new IllegalArgumentException("--label '" + s + "': expected KEY=VALUE");
            }
            String key = m.group(1).strip();
            String value = m.group(3).strip();
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("--label '" + s + "': the key '" + key + "' is not one: expected"
                        + " lower-case letters, digits, '_', '.' or '-', starting with a letter");
            }
            if (BUILT_IN.containsKey(key)) {
                throw new IllegalArgumentException("--label '" + s + "': " + key + " is what the worker reports of"
                        + " itself; choose another key");
            }
            if (!VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("--label '" + s + "': the value '" + value + "' is not one:"
                        + " expected 1-64 letters, digits, '_', '.', ':', '/' or '-'");
            }
            if (out.put(key, value) != null) {
                throw new IllegalArgumentException("--label '" + s + "': " + key + " is given twice");
            }
        }
        return out;
    }

    /** The labels among a member's attributes, by key. */
    static Map<String, String> labelsOf(Map<String, String> attributes) {
        Map<String, String> out = new java.util.TreeMap<>();
        attributes.forEach((k, v) -> {
            if (k.startsWith(LABEL_PREFIX)) {
                out.put(k.substring(LABEL_PREFIX.length()), v);
            }
        });
        return out;
    }

    /** Labels as {@code key=value, key=value}, in key order (for logs and {@code cluster status}). */
    public static String text(Map<String, String> labels) {
        return String.join(", ", new java.util.TreeMap<>(labels).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    /** Whether it accepts every worker. */
    public boolean all() {
        return terms.isEmpty();
    }

    /**
     * Why a worker with these attributes is left out, or null when every term holds.
     *
     * @param attribute a member attribute by its name (null when it has none)
     */
    public String why(Function<String, String> attribute) {
        for (Term t : terms) {
            String name = BUILT_IN.getOrDefault(t.key(), LABEL_PREFIX + t.key());
            String has = attribute.apply(name);
            if (has == null) {
                return "it has no " + t.key() + (BUILT_IN.containsKey(t.key()) ? "" : " label") + " (--select " + t
                        + ")";
            }
            boolean holds;
            if (t.atLeast()) {
                try {
                    holds = Integer.parseInt(has) >= Integer.parseInt(t.value());
                } catch (NumberFormatException e) {
                    holds = false;
                }
            } else {
                holds = has.equals(t.value());
            }
            if (!holds) {
                return "its " + t.key() + " is " + has + " (--select " + t + ")";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return terms.isEmpty() ? "every worker" : String.join(", ", terms.stream().map(Term::toString).toList());
    }
}
