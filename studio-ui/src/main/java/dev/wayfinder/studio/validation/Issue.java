package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.io.Problem;
import dev.wayfinder.studio.edit.Selection;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of the scenario being edited, as the Problems panel lists it and the map marks it.
 *
 * @param problem  the scenarios module's located problem (line and column in the canonical file that Save writes)
 * @param target   the part of the scenario it concerns, or {@link Selection#NONE} for the whole scenario
 * @param noPath   whether it says that no path leads from a start to a goal
 */
public record Issue(Problem problem, Selection target, boolean noPath) {
    private static final Pattern INDEXED = Pattern.compile("^(obstacles|starts|goals)\\[(\\d+)]");

    public Issue {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(target, "target");
    }

    /** The issue of {@code p}; obstacle targets are named by {@code obstacleId} of the index in its path. */
    static Issue of(Problem p, java.util.function.IntFunction<String> obstacleId) {
        Selection target = Selection.NONE;
        Matcher m = INDEXED.matcher(p.path());
        if (m.find()) {
            int i = Integer.parseInt(m.group(2));
            target = switch (m.group(1)) {
                case "obstacles" -> {
                    String id = obstacleId.apply(i);
                    yield id == null ? Selection.NONE : new Selection.ObstacleItem(id);
                }
                case "starts" -> new Selection.StartItem(i);
                default -> new Selection.GoalItem(i);
            };
        }
        return new Issue(p, target, p.message().startsWith("unsolvable"));
    }

    /** One line for the list: a headline for "no path", then the field path and the message. */
    public String text() {
        String where = problem.path().isEmpty() ? "" : problem.path() + ": ";
        String message = noPath ? "No path from start to goal \u2014 "
                + problem.message().replaceFirst("^unsolvable: ", "") : problem.message();
        return where + message;
    }

    /** Where it is in the file Save writes: {@code line:column}, or empty when unknown. */
    public String location() {
        return problem.line() > 0 ? problem.line() + ":" + Math.max(1, problem.column()) : "";
    }
}
