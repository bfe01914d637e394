package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.io.Problem;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.io.ScenarioWriter;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a scenario the way loading its saved file would: the canonical YAML that Save writes, parsed and validated
 * by the scenarios module (structure, geometry, solvability with the A* planner), so the studio reports exactly
 * what {@code wayfinder scenario validate} would, located by line and column in that file; plus the planned paths
 * that {@code wayfinder scenario draw} shows. Slow for large arenas (a planner run per start and goal pair): run it
 * off the FX thread. Stateless, thread-safe.
 */
public final class ScenarioCheck {
    private ScenarioCheck() {
    }

    /** Every problem of {@code s} and its planned paths; {@code source} names the file in the problems. */
    public static ValidationReport run(Scenario s, String source) {
        List<Issue> issues = new ArrayList<>();
        try {
            ScenarioLoader.parse(ScenarioWriter.write(s), source);
        } catch (ScenarioException e) {
            for (Problem p : e.getProblems()) {
                issues.add(Issue.of(p, i -> i < s.obstacles().size() ? s.obstacles().get(i).id() : null));
            }
        }
        return new ValidationReport(s, issues, MapDrawer.plannedPaths(s));
    }
}
