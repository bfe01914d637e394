package dev.wayfinder.scenarios.io;

import java.util.List;

/**
 * A scenario file could not be loaded; carries every problem found, each located. {@link #getMessage()} is
 * ready to show to a user: one line per problem, {@code file:line:col: path: message}.
 */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Most problems listed in the message (all stay available from {@link #getProblems()}). */
    public static final int MAX_SHOWN = 50;

    /** The problems, at least one. */
    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** A single problem concerning a whole file. */
    public static ScenarioException of(String source, String message) {
        return new ScenarioException(List.of(new Problem(source, 0, 0, "", message)));
    }

    /** Every problem found, in file order. */
    public List<Problem> getProblems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        StringBuilder b = new StringBuilder();
        b.append(problems.get(0).source()).append(": ").append(problems.size()).append(" problems");
        for (Problem p : problems.subList(0, Math.min(problems.size(), MAX_SHOWN))) {
            b.append("\n  ").append(p);
        }
        if (problems.size() > MAX_SHOWN) {
            b.append("\n  ... and ").append(problems.size() - MAX_SHOWN).append(" more");
        }
        return b.toString();
    }
}
