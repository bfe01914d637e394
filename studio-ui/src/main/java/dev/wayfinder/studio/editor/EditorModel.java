package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
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
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The top-down editor's behaviour in world coordinates (metres), without pixels or the toolkit: what a point hits,
 * where the selected obstacle's handles are, and the gestures: press, drag (previewed live), release (one edit on
 * the undo stack), add from the palette, delete, nudge. The canvas converts pointer positions with its map layout
 * and calls these. Not thread-safe (FX thread).
 */
public final class EditorModel {
    /** Smallest side or radius an obstacle can be resized to without snapping, metres. */
    public static final double MIN_SIZE = 0.02;

    private final ScenarioDocument doc;
    private final BooleanProperty snap = new SimpleBooleanProperty(this, "snap", true);
    private final DoubleProperty gridStep = new SimpleDoubleProperty(this, "gridStep", 0.05);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private Gesture gesture;

    /**
     * The gesture under way between press and release.
     *
     * @param index    the target's index (obstacle, start or goal)
     * @param waypoint for {@link Mode#WAYPOINT}, the waypoint dragged
     */
    private record Gesture(Mode mode, Selection target, int index, int waypoint, Vec2 pressed) {
        Gesture(Mode mode, Selection target, int index, Vec2 pressed) {
            this(mode, target, index, -1, pressed);
        }
    }

    private enum Mode { MOVE, ROTATE, RESIZE, WAYPOINT }

    public EditorModel(ScenarioDocument doc) {
        this.doc = Objects.requireNonNull(doc, "doc");
    }

    /** Whether positions, sizes and angles snap to the grid (and angles to 15 degrees). */
    public BooleanProperty snapProperty() {
        return snap;
    }

    /** Grid step, metres, &gt; 0. */
    public DoubleProperty gridStepProperty() {
        return gridStep;
    }

    public ScenarioDocument document() {
        return doc;
    }

    /** Why the last gesture or command was refused (deleting a patrol's last waypoint); empty after one that was not. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /**
     * What lies at {@code p}: the topmost obstacle within {@code tolerance} metres (the last in the file is drawn
     * last), else a goal region, else a start region; {@link Selection#NONE} for bare floor.
     */
    public Selection hit(Vec2 p, double tolerance) {
        Scenario s = doc.scenario();
        for (int i = s.obstacles().size() - 1; i >= 0; i--) {
            Obstacle o = s.obstacles().get(i);
            if (Geometry2d.distance(o, p) <= tolerance) {
                return new Selection.ObstacleItem(o.id());
            }
        }
        for (int j = s.goals().size() - 1; j >= 0; j--) {
            GoalSpec g = s.goals().get(j);
            if (near(g.region(), p, Math.max(tolerance, g.tolerance()))) {
                return new Selection.GoalItem(j);
            }
        }
        double r = s.robot().footprint().boundingRadius();
        for (int i = s.starts().size() - 1; i >= 0; i--) {
            if (near(s.starts().get(i).region(), p, Math.max(tolerance, r))) {
                return new Selection.StartItem(i);
            }
        }
        return Selection.NONE;
    }

    private static boolean near(Region region, Vec2 p, double tolerance) {
        return region.contains(p) || region.center().distanceTo(p) <= tolerance;
    }

    /**
     * The handles of the selected obstacle (none for other selections): for a moving obstacle first one on each
     * waypoint of its patrol, then a rotate handle {@code stem} metres beyond its front along its heading and a
     * resize handle on its front-left corner (box) or its rim (cylinder).
     */
    public List<Handle> handles(double stem) {
        if (!(doc.selection() instanceof Selection.ObstacleItem item)) {
            return List.of();
        }
        Optional<Obstacle> o = Scenarios.obstacle(doc.scenario(), item.id());
        if (o.isEmpty()) {
            return List.of();
        }
        Pose2 pose = o.get().pose();
        List<Handle> out = new ArrayList<>(2);
        o.get().patrol().ifPresent(p -> {
            for (int k = 0; k < p.waypoints().size(); k++) {
                out.add(new Handle(Handle.Kind.WAYPOINT, p.waypoints().get(k), k));
            }
        });
        double front = o.get().shape() instanceof Box b ? b.size().x() / 2 : o.get().shape().boundingRadius();
        out.add(new Handle(Handle.Kind.ROTATE, pose.apply(new Vec2(front + stem, 0))));
        Vec2 corner = switch (o.get().shape()) {
            case Box b -> new Vec2(b.size().x() / 2, b.size().y() / 2);
            case Cylinder c -> new Vec2(c.radius() * Math.sqrt(0.5), c.radius() * Math.sqrt(0.5));
        };
        out.add(new Handle(Handle.Kind.RESIZE, pose.apply(corner)));
        return out;
    }

    /**
     * Starts a gesture at {@code p}: on a handle of the selection (within {@code tolerance} metres) it rotates or
     * resizes; on an item it selects it and moves it; on bare floor it clears the selection.
     *
     * @param stem where the rotate handle is, as for {@link #handles}
     */
    public void press(Vec2 p, double tolerance, double stem) {
        gesture = null;
        message.set("");
        // The nearest handle within reach; a waypoint's wins over the rotate and resize handles it may cover.
        Handle nearest = null;
        for (Handle h : handles(stem)) {
            double d = h.at().distanceTo(p);
            if (d > tolerance) {
                continue;
            }
            boolean better = nearest == null || (h.kind() == Handle.Kind.WAYPOINT) == (nearest.kind() == Handle.Kind.WAYPOINT)
                    ? nearest == null || d < nearest.at().distanceTo(p) : h.kind() == Handle.Kind.WAYPOINT;
            if (better) {
                nearest = h;
            }
        }
        if (nearest != null) {
            String id = ((Selection.ObstacleItem) doc.selection()).id();
            int i = Scenarios.indexOf(doc.scenario(), id);
            if (nearest.kind() == Handle.Kind.WAYPOINT) {
                doc.waypointProperty().set(nearest.index());
                gesture = new Gesture(Mode.WAYPOINT, doc.selection(), i, nearest.index(), p);
                doc.beginPreview();
            } else {
                start(nearest.kind() == Handle.Kind.ROTATE ? Mode.ROTATE : Mode.RESIZE, doc.selection(), i, p);
            }
            return;
        }
        Selection hit = hit(p, tolerance);
        doc.selectionProperty().set(hit);
        doc.waypointProperty().set(-1);
        switch (hit) {
            case Selection.Nothing n -> { }
            case Selection.ObstacleItem o -> start(Mode.MOVE, hit, Scenarios.indexOf(doc.scenario(), o.id()), p);
            case Selection.StartItem st -> start(Mode.MOVE, hit, st.index(), p);
            case Selection.GoalItem g -> start(Mode.MOVE, hit, g.index(), p);
        }
    }

    private void start(Mode mode, Selection target, int index, Vec2 p) {
        gesture = new Gesture(mode, target, index, p);
        doc.beginPreview();
    }

    /** Whether a gesture is under way. */
    public boolean dragging() {
        return gesture != null;
    }

    /** Moves the gesture to {@code p}: the document previews the result. */
    public void drag(Vec2 p) {
        if (gesture == null || !doc.previewing()) {
            gesture = null;
            return;
        }
        edit(p).ifPresent(e -> doc.preview(e.apply(doc.previewBase())));
    }

    /** Ends the gesture at its last position: one edit when something changed, none otherwise. */
    public void release(Vec2 p) {
        if (gesture == null) {
            return;
        }
        Optional<Edit> e = doc.previewing() ? edit(p) : Optional.empty();
        gesture = null;
        doc.endPreview(e);
    }

    /** Abandons the gesture; the scenario is as before it (Escape). */
    public void cancel() {
        gesture = null;
        doc.endPreview(Optional.empty());
    }

    /** The edit the gesture makes when the pointer is at {@code p}; empty when nothing would change. */
    private Optional<Edit> edit(Vec2 p) {
        Scenario base = doc.previewBase();
        Gesture g = gesture;
        Vec2 delta = p.minus(g.pressed());
        Optional<Edit> e = switch (g.target()) {
            case Selection.ObstacleItem item when g.mode() == Mode.WAYPOINT -> {
                Obstacle before = base.obstacles().get(g.index());
                Vec2 from = before.patrol().orElseThrow().waypoints().get(g.waypoint());
                yield PatrolEdits.moveWaypoint(base, item.id(), g.waypoint(), snapPoint(from.plus(delta)));
            }
            case Selection.ObstacleItem item -> {
                Obstacle before = base.obstacles().get(g.index());
                Obstacle after = switch (g.mode()) {
                    case MOVE -> PatrolEdits.carried(before, snapPoint(before.pose().position().plus(delta)));
                    case ROTATE -> before.withPose(new Pose2(before.pose().position(), rotation(before, p)));
                    case RESIZE, WAYPOINT -> resized(before, p);
                };
                String verb = switch (g.mode()) {
                    case MOVE, WAYPOINT -> "Move ";
                    case ROTATE -> "Rotate ";
                    case RESIZE -> "Resize ";
                };
                yield before.equals(after) ? Optional.empty()
                        : Optional.of(ObstacleChange.replace(verb + item.id(), g.index(), before, after));
            }
            case Selection.StartItem st -> {
                StartSpec before = base.starts().get(st.index());
                StartSpec after = new StartSpec(moved(before.region(), delta), before.yawMin(), before.yawMax());
                yield before.equals(after) ? Optional.empty()
                        : Optional.of(new StartChange("Move start " + st.index(), st.index(), before, after));
            }
            case Selection.GoalItem gi -> {
                GoalSpec before = base.goals().get(gi.index());
                GoalSpec after = new GoalSpec(moved(before.region(), delta), before.tolerance());
                yield before.equals(after) ? Optional.empty()
                        : Optional.of(new GoalChange("Move goal " + gi.index(), gi.index(), before, after));
            }
            case Selection.Nothing n -> Optional.empty();
        };
        return e;
    }

    private Region moved(Region r, Vec2 delta) {
        Vec2 c = snapPoint(r.center().plus(delta));
        return switch (r) {
            case RectRegion rect -> new RectRegion(c, rect.size());
            case CircleRegion circle -> new CircleRegion(c, circle.radius());
        };
    }

    private double rotation(Obstacle o, Vec2 p) {
        Vec2 d = p.minus(o.pose().position());
        if (d.norm() < 1e-9) {
            return o.pose().yaw();
        }
        double yaw = Math.atan2(d.y(), d.x());
        return snap.get() ? Snap.to(yaw, Snap.ANGLE_STEP) : yaw;
    }

    private Obstacle resized(Obstacle o, Vec2 p) {
        Vec2 local = p.minus(o.pose().position()).rotate(-o.pose().yaw());
        return switch (o.shape()) {
            case Box b -> o.withShape(new Box(new Vec3(length(2 * Math.abs(local.x())),
                    length(2 * Math.abs(local.y())), b.size().z())));
            case Cylinder c -> o.withShape(new Cylinder(length(local.norm()), c.height()));
        };
    }

    private double length(double v) {
        return snap.get() ? Snap.size(v, gridStep.get()) : Math.max(MIN_SIZE, v);
    }

    private Vec2 snapPoint(Vec2 v) {
        if (!snap.get()) {
            return v;
        }
        double step = gridStep.get();
        return new Vec2(Snap.to(v.x(), step), Snap.to(v.y(), step));
    }

    /** Adds a new obstacle from the palette at {@code at} (snapped), selected, as one edit. */
    public Obstacle add(PaletteItem item, Vec2 at) {
        Scenario s = doc.scenario();
        Obstacle o = item.create(Scenarios.freshId(s, item.prefix()), snapPoint(at));
        doc.execute(ObstacleChange.add(s, o));
        doc.selectionProperty().set(new Selection.ObstacleItem(o.id()));
        return o;
    }

    /**
     * Deletes the selected waypoint, else the selected obstacle, as one edit; false when nothing is selected or the
     * waypoint is its patrol's last ({@link #messageProperty()} says why).
     */
    public boolean deleteSelected() {
        message.set("");
        if (!(doc.selection() instanceof Selection.ObstacleItem item)) {
            return false;
        }
        int i = Scenarios.indexOf(doc.scenario(), item.id());
        if (i < 0) {
            return false;
        }
        int k = doc.waypoint();
        if (k >= 0) {
            Optional<String> why = PatrolEdits.whyNotDelete(doc.scenario(), item.id());
            if (why.isPresent()) {
                message.set("Cannot delete the waypoint: " + why.get());
                return false;
            }
            doc.execute(PatrolEdits.deleteWaypoint(doc.scenario(), item.id(), k).orElseThrow());
            doc.waypointProperty().set(Math.min(k, doc.scenario().obstacles().get(i).patrol().orElseThrow()
                    .waypoints().size() - 1));
            return true;
        }
        doc.execute(ObstacleChange.remove(doc.scenario(), i));
        return true;
    }

    /** The selected obstacle when it is a moving one. */
    private Optional<Obstacle> selectedMoving() {
        if (!(doc.selection() instanceof Selection.ObstacleItem item)) {
            return Optional.empty();
        }
        return Scenarios.obstacle(doc.scenario(), item.id()).filter(o -> o.patrol().isPresent());
    }

    /**
     * Inserts a waypoint where {@code p} lies on a leg of the selected moving obstacle's patrol path (within
     * {@code tolerance} metres; Alt- or Shift-click), snapped, as one edit, and selects it. A point on a loop's return
     * leg is appended; ping-pong's return retraces the legs. False when no leg is that near.
     */
    public boolean insertWaypointAt(Vec2 p, double tolerance) {
        Optional<Obstacle> o = selectedMoving();
        if (o.isEmpty()) {
            return false;
        }
        var patrol = o.get().patrol().get();
        List<Vec2> pts = patrol.path(o.get().pose().position());
        int legs = patrol.mode() == dev.wayfinder.scenarios.model.PatrolMode.LOOP ? pts.size() : pts.size() - 1;
        int best = -1;
        double bestDistance = tolerance;
        for (int j = 0; j < legs; j++) {
            double d = segmentDistance(pts.get(j), pts.get((j + 1) % pts.size()), p);
            if (d <= bestDistance) {
                best = j;
                bestDistance = d;
            }
        }
        if (best < 0) {
            return false;
        }
        insert(o.get(), best, snapPoint(p));
        return true;
    }

    /**
     * Adds a waypoint to the selected moving obstacle's patrol (the palette's tool), as one edit, and selects it:
     * after the selected waypoint (else the last), halfway to the next point of the path; after a ping-pong
     * path's last waypoint, half a metre further on in the direction of its last leg. False when no moving obstacle
     * is selected.
     */
    public boolean addWaypoint() {
        Optional<Obstacle> o = selectedMoving();
        if (o.isEmpty()) {
            return false;
        }
        var patrol = o.get().patrol().get();
        List<Vec2> pts = patrol.path(o.get().pose().position());
        int n = patrol.waypoints().size();
        int k = doc.waypoint() >= 0 ? doc.waypoint() : n - 1;
        Vec2 here = pts.get(k + 1);
        Vec2 at;
        if (k + 1 < n) {
            at = here.plus(pts.get(k + 2)).times(0.5);
        } else if (patrol.mode() == dev.wayfinder.scenarios.model.PatrolMode.LOOP) {
            at = here.plus(pts.get(0)).times(0.5);
        } else {
            Vec2 d = here.minus(pts.get(k));
            at = d.norm() < 1e-9 ? here.plus(new Vec2(0.5, 0)) : here.plus(d.times(0.5 / d.norm()));
            double[] h = dev.wayfinder.scenarios.geometry.Geometry2d.halfExtents(o.get());
            var a = doc.scenario().arena();
            at = new Vec2(Math.clamp(at.x(), -a.halfX() + h[0], Math.max(-a.halfX() + h[0], a.halfX() - h[0])),
                    Math.clamp(at.y(), -a.halfY() + h[1], Math.max(-a.halfY() + h[1], a.halfY() - h[1])));
        }
        insert(o.get(), k + 1, snapPoint(at));
        return true;
    }

    /** Inserts {@code at} as waypoint {@code k} of {@code o} and selects it. */
    private void insert(Obstacle o, int k, Vec2 at) {
        message.set("");
        doc.execute(PatrolEdits.insertWaypoint(doc.scenario(), o.id(), k, at));
        doc.waypointProperty().set(k);
    }

    private static double segmentDistance(Vec2 a, Vec2 b, Vec2 p) {
        Vec2 ab = b.minus(a);
        double l2 = ab.x() * ab.x() + ab.y() * ab.y();
        double t = l2 == 0 ? 0 : Math.clamp(((p.x() - a.x()) * ab.x() + (p.y() - a.y()) * ab.y()) / l2, 0, 1);
        return a.plus(ab.times(t)).distanceTo(p);
    }

    /** Moves the selection by {@code (dx, dy)} grid steps as one edit (arrow keys); false when nothing moved. */
    public boolean nudge(int dx, int dy) {
        Selection sel = doc.selection();
        int index = switch (sel) {
            case Selection.Nothing n -> -1;
            case Selection.ObstacleItem o -> Scenarios.indexOf(doc.scenario(), o.id());
            case Selection.StartItem st -> st.index();
            case Selection.GoalItem g -> g.index();
        };
        if (index < 0) {
            return false;
        }
        double step = gridStep.get();
        long before = doc.undoStack().revision();
        gesture = doc.waypoint() >= 0 ? new Gesture(Mode.WAYPOINT, sel, index, doc.waypoint(), Vec2.ZERO)
                : new Gesture(Mode.MOVE, sel, index, Vec2.ZERO);
        doc.beginPreview();
        release(new Vec2(dx * step, dy * step));
        return doc.undoStack().revision() != before;
    }
}
