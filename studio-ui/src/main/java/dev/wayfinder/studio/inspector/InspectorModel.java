package dev.wayfinder.studio.inspector;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.model.Vec3;
import dev.wayfinder.studio.edit.Edit;
import dev.wayfinder.studio.edit.GoalChange;
import dev.wayfinder.studio.edit.ObstacleChange;
import dev.wayfinder.studio.edit.PatrolEdits;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.edit.StartChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleFunction;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The inspector: the fields of the selected item with units (an obstacle's kind, position, yaw, size, mass,
 * friction, and a moving one's patrol speed, mode and selected waypoint; a start's or goal's centre; a goal's
 * tolerance). Values shown follow the scenario (undo included);
 * accepted input becomes an edit on the document's undo stack; refused input leaves the scenario unchanged and
 * shows why in the field. Not thread-safe (FX thread).
 */
public final class InspectorModel {
    /** Mass a static obstacle gets when it becomes pushable, kilograms. */
    public static final double DEFAULT_MASS = 3;

    private final ScenarioDocument doc;
    private final ObservableList<NumberField> fields = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper(this, "heading", "");
    private final ReadOnlyObjectWrapper<Optional<ObstacleKind>> kind = new ReadOnlyObjectWrapper<>(this, "kind",
            Optional.empty());
    private final ReadOnlyBooleanWrapper kindEditable = new ReadOnlyBooleanWrapper(this, "kindEditable", false);
    private final ReadOnlyObjectWrapper<Optional<PatrolMode>> mode = new ReadOnlyObjectWrapper<>(this, "mode",
            Optional.empty());
    private final ReadOnlyStringWrapper patrolText = new ReadOnlyStringWrapper(this, "patrolText", "");
    private String structure = "";

    public InspectorModel(ScenarioDocument doc) {
        this.doc = Objects.requireNonNull(doc, "doc");
        doc.selectionProperty().addListener((obs, old, now) -> refresh());
        doc.scenarioProperty().addListener((obs, old, now) -> refresh());
        doc.waypointProperty().addListener((obs, old, now) -> refresh());
        refresh();
    }

    /** The fields of the selection, in display order; empty when nothing is selected. */
    public ObservableList<NumberField> fields() {
        return fields;
    }

    /** The field with {@code key}, if the selection has one. */
    public Optional<NumberField> field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst();
    }

    /** What is selected, in words ("box-3: static box"); empty when nothing is. */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** The selected obstacle's kind; empty for other selections. */
    public ReadOnlyObjectProperty<Optional<ObstacleKind>> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** Whether the kind can be changed here (every obstacle's can). */
    public ReadOnlyBooleanProperty kindEditableProperty() {
        return kindEditable.getReadOnlyProperty();
    }

    /**
     * Makes the selected obstacle static, pushable (with {@link #DEFAULT_MASS}) or moving (with
     * {@link PatrolEdits#defaultPatrol}) as one edit; a moving obstacle made static or pushable loses its patrol.
     */
    public void setKind(ObstacleKind k) {
        if (!(doc.selection() instanceof Selection.ObstacleItem item) || Scenarios.indexOf(doc.scenario(), item.id()) < 0) {
            return;
        }
        PatrolEdits.setKind(doc.scenario(), item.id(), k, DEFAULT_MASS).ifPresent(doc::execute);
    }

    /** The selected moving obstacle's patrol mode; empty for other selections. */
    public ReadOnlyObjectProperty<Optional<PatrolMode>> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    /** Sets the selected moving obstacle's patrol mode as one edit (nothing when it has that mode or no patrol). */
    public void setMode(PatrolMode m) {
        if (doc.selection() instanceof Selection.ObstacleItem item
                && Scenarios.obstacle(doc.scenario(), item.id()).flatMap(Obstacle::patrol).isPresent()) {
            PatrolEdits.setMode(doc.scenario(), item.id(), m).ifPresent(doc::execute);
        }
    }

    /** The selected moving obstacle's patrol in words ("3 waypoints, waypoint 2 selected"); empty otherwise. */
    public ReadOnlyStringProperty patrolTextProperty() {
        return patrolText.getReadOnlyProperty();
    }

    private void refresh() {
        Scenario s = doc.scenario();
        List<Spec> specs = new ArrayList<>();
        String head = "";
        Optional<ObstacleKind> k = Optional.empty();
        Optional<PatrolMode> m = Optional.empty();
        String patrolWords = "";
        switch (doc.selection()) {
            case Selection.Nothing n -> { }
            case Selection.ObstacleItem item -> {
                int i = Scenarios.indexOf(s, item.id());
                if (i >= 0) {
                    Obstacle o = s.obstacles().get(i);
                    head = o.id() + ": " + o.kind().key() + " " + (o.shape() instanceof Box ? "box" : "cylinder");
                    k = Optional.of(o.kind());
                    obstacleSpecs(i, o, specs);
                    if (o.patrol().isPresent()) {
                        Patrol p = o.patrol().get();
                        m = Optional.of(p.mode());
                        int n = p.waypoints().size();
                        patrolWords = n + (n == 1 ? " waypoint" : " waypoints") + (doc.waypoint() >= 0
                                ? ", waypoint " + (doc.waypoint() + 1) + " selected"
                                : "; click one to select it, Alt-click the path to add one");
                        patrolSpecs(s, o, doc.waypoint(), specs);
                    }
                }
            }
            case Selection.StartItem st -> {
                if (st.index() < s.starts().size()) {
                    head = "start " + st.index();
                    startSpecs(st.index(), s.starts().get(st.index()), specs);
                }
            }
            case Selection.GoalItem g -> {
                if (g.index() < s.goals().size()) {
                    head = "goal " + g.index();
                    goalSpecs(g.index(), s.goals().get(g.index()), specs);
                }
            }
        }
        heading.set(head);
        kind.set(k);
        kindEditable.set(k.isPresent());
        mode.set(m);
        patrolText.set(patrolWords);
        String shape = head.isEmpty() ? "" : head + "#" + doc.waypoint() + specs.stream().map(Spec::key).toList();
        if (shape.equals(structure) && fields.size() == specs.size()) {
            // Same fields: keep them (and the view's focus), with the new values and edits.
            for (int j = 0; j < specs.size(); j++) {
                fields.get(j).update(specs.get(j).value(), specs.get(j).toEdit());
            }
        } else {
            structure = shape;
            fields.setAll(specs.stream().map(this::field).toList());
        }
    }

    private NumberField field(Spec sp) {
        return new NumberField(sp.key(), sp.label(), sp.unit(), sp.value(), sp.toEdit(), doc::execute);
    }

    /** One field before it becomes a {@link NumberField}. */
    private record Spec(String key, String label, String unit, double value, DoubleFunction<Optional<Edit>> toEdit) {
    }

    private void obstacleSpecs(int i, Obstacle o, List<Spec> out) {
        Pose2 p = o.pose();
        out.add(obstacle(i, o, "x", "x", "m", p.x(), v -> PatrolEdits.carried(o, new Vec2(v, p.y())), "Move "));
        out.add(obstacle(i, o, "y", "y", "m", p.y(), v -> PatrolEdits.carried(o, new Vec2(p.x(), v)), "Move "));
        out.add(obstacle(i, o, "yaw", "yaw", "\u00b0", Math.toDegrees(p.yaw()),
                v -> o.withPose(new Pose2(p.x(), p.y(), Math.toRadians(v))), "Rotate "));
        switch (o.shape()) {
            case Box b -> {
                Vec3 z = b.size();
                out.add(obstacle(i, o, "size.x", "length", "m", z.x(),
                        v -> o.withShape(new Box(new Vec3(v, z.y(), z.z()))), "Resize "));
                out.add(obstacle(i, o, "size.y", "width", "m", z.y(),
                        v -> o.withShape(new Box(new Vec3(z.x(), v, z.z()))), "Resize "));
                out.add(obstacle(i, o, "size.z", "height", "m", z.z(),
                        v -> o.withShape(new Box(new Vec3(z.x(), z.y(), v))), "Resize "));
            }
            case Cylinder c -> {
                out.add(obstacle(i, o, "radius", "radius", "m", c.radius(),
                        v -> o.withShape(new Cylinder(v, c.height())), "Resize "));
                out.add(obstacle(i, o, "height", "height", "m", c.height(),
                        v -> o.withShape(new Cylinder(c.radius(), v)), "Resize "));
            }
        }
        if (o.kind() == ObstacleKind.PUSHABLE) {
            out.add(obstacle(i, o, "mass", "mass", "kg", o.mass(), v -> o.withPhysics(o.friction(), v), "Set mass of "));
        }
        out.add(obstacle(i, o, "friction", "friction", "", o.friction(), v -> o.withPhysics(v, o.mass()),
                "Set friction of "));
    }

    private static void patrolSpecs(Scenario s, Obstacle o, int waypoint, List<Spec> out) {
        Patrol p = o.patrol().orElseThrow();
        out.add(new Spec("speed", "patrol speed", "m/s", p.speed(), v -> PatrolEdits.setSpeed(s, o.id(), v)));
        if (waypoint >= 0 && waypoint < p.waypoints().size()) {
            Vec2 w = p.waypoints().get(waypoint);
            String name = "waypoint " + (waypoint + 1) + " ";
            out.add(new Spec("waypoint.x", name + "x", "m", w.x(),
                    v -> PatrolEdits.moveWaypoint(s, o.id(), waypoint, new Vec2(v, w.y()))));
            out.add(new Spec("waypoint.y", name + "y", "m", w.y(),
                    v -> PatrolEdits.moveWaypoint(s, o.id(), waypoint, new Vec2(w.x(), v))));
        }
    }

    private static Spec obstacle(int i, Obstacle o, String key, String label, String unit, double value,
                                 DoubleFunction<Obstacle> change, String verb) {
        return new Spec(key, label, unit, value, v -> {
            Obstacle after = change.apply(v);
            return after.equals(o) ? Optional.empty() : Optional.of(ObstacleChange.replace(verb + o.id(), i, o, after));
        });
    }

    private static void startSpecs(int i, StartSpec st, List<Spec> out) {
        Vec2 c = st.region().center();
        out.add(start(i, st, "x", "centre x", c.x(), v -> new Vec2(v, c.y())));
        out.add(start(i, st, "y", "centre y", c.y(), v -> new Vec2(c.x(), v)));
    }

    private static Spec start(int i, StartSpec st, String key, String label, double value,
                              DoubleFunction<Vec2> centre) {
        return new Spec(key, label, "m", value, v -> {
            StartSpec after = new StartSpec(recentred(st.region(), centre.apply(v)), st.yawMin(), st.yawMax());
            return after.equals(st) ? Optional.empty() : Optional.of(new StartChange("Move start " + i, i, st, after));
        });
    }

    private static void goalSpecs(int i, GoalSpec g, List<Spec> out) {
        Vec2 c = g.region().center();
        out.add(goal(i, g, "x", "centre x", "m", c.x(), x -> new GoalSpec(recentred(g.region(), new Vec2(x, c.y())),
                g.tolerance()), "Move goal "));
        out.add(goal(i, g, "y", "centre y", "m", c.y(), y -> new GoalSpec(recentred(g.region(), new Vec2(c.x(), y)),
                g.tolerance()), "Move goal "));
        out.add(goal(i, g, "tolerance", "tolerance", "m", g.tolerance(), t -> new GoalSpec(g.region(), t),
                "Set tolerance of goal "));
    }

    private static Spec goal(int i, GoalSpec g, String key, String label, String unit, double value,
                             DoubleFunction<GoalSpec> change, String verb) {
        return new Spec(key, label, unit, value, v -> {
            GoalSpec after = change.apply(v);
            return after.equals(g) ? Optional.empty() : Optional.of(new GoalChange(verb + i, i, g, after));
        });
    }

    private static Region recentred(Region r, Vec2 c) {
        return switch (r) {
            case RectRegion rect -> new RectRegion(c, rect.size());
            case CircleRegion circle -> new CircleRegion(c, circle.radius());
        };
    }
}
