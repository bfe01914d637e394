package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.planning.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the live validation found for one state of the scenario.
 *
 * @param scenario the state checked
 * @param issues   every problem, in file order; empty when the scenario is valid
 * @param paths    the planner's paths between start and goal pairs that have one (as {@code scenario draw} shows)
 */
public record ValidationReport(Scenario scenario, List<Issue> issues, List<Path> paths) {
    public ValidationReport {
        Objects.requireNonNull(scenario, "scenario");
        issues = List.copyOf(issues);
        paths = List.copyOf(paths);
    }

    /** Whether no problem was found. */
    public boolean valid() {
        return issues.isEmpty();
    }
}
