package dev.wayfinder.studio.validation;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.scenarios.io.Problem;
import dev.wayfinder.studio.edit.Selection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Live validation of a document: every state of its scenario is checked in the background ({@link ScenarioCheck}
 * on a {@link LatestWins} worker), and {@link #reportProperty()} holds the report of the newest state checked so far;
 * the moving obstacles' patrol paths are checked at once ({@link #patrolProblems()}).
 * Not thread-safe: call and observe on the thread {@code deliver} runs on.
 */
public final class ValidationModel implements AutoCloseable {
    private final ScenarioDocument doc;
    private final LatestWins<Request, ValidationReport> runner;
    private final ReadOnlyObjectWrapper<ValidationReport> report;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ObservableList<PatrolProblem> patrol = FXCollections.observableArrayList();
    private final ObservableList<PatrolProblem> patrolView = FXCollections.unmodifiableObservableList(patrol);

    /** Starts checking {@code doc}'s current scenario and every later one; results arrive through {@code deliver}. */
    public ValidationModel(ScenarioDocument doc, Executor deliver) {
        this.doc = Objects.requireNonNull(doc, "doc");
        report = new ReadOnlyObjectWrapper<>(this, "report", new ValidationReport(doc.scenario(), List.of(), List.of()));
        runner = new LatestWins<>("studio-validation", q -> ScenarioCheck.run(q.scenario(), q.source()), deliver, r -> {
            report.set(r);
            running.set(runner().latest() != runner().delivered());
        });
        doc.scenarioProperty().addListener((obs, old, now) -> {
            patrol.setAll(PatrolCheck.check(now));
            submit(now);
        });
        patrol.setAll(PatrolCheck.check(doc.scenario()));
        submit(doc.scenario());
    }

    /**
     * The problems of the moving obstacles' patrol paths in the scenario as it is now (a drag's preview included),
     * checked at once on the calling thread ({@link PatrolCheck} is fast), not in the background.
     */
    public ObservableList<PatrolProblem> patrolProblems() {
        return patrolView;
    }

    /**
     * What the Problems panel lists: the newest report's issues, then each patrol problem that the report does not
     * already give for the same field (the report's carries the line in the saved file).
     */
    public List<Issue> issues() {
        List<Issue> out = new ArrayList<>(report.get().issues());
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (Issue i : out) {
            listed.add(i.problem().path());
        }
        for (PatrolProblem p : patrol) {
            if (p.kind() == PatrolProblem.Kind.OUTSIDE_ARENA && listed.contains(p.path())) {
                continue;
            }
            out.add(new Issue(new Problem(doc.displayName(), 0, 0, p.path(), p.message()),
                    new Selection.ObstacleItem(p.obstacleId()), false));
        }
        return out;
    }

    /** One state to check, with the name its problems give the file (read on the FX thread). */
    private record Request(Scenario scenario, String source) {
    }

    private LatestWins<Request, ValidationReport> runner() {
        return runner;
    }

    private void submit(Scenario s) {
        running.set(true);
        runner.submit(new Request(s, doc.displayName()));
    }

    /** The report of the newest state checked; its scenario says which state that was. */
    public ReadOnlyObjectProperty<ValidationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ValidationReport report() {
        return report.get();
    }

    /** Whether a newer state than the report's is being checked. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    @Override
    public void close() {
        runner.close();
    }
}
