package dev.wayfinder.studio.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.PatrolEdits;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.inspector.InspectorModel;
import dev.wayfinder.studio.inspector.NumberField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patrol paths edited in the editor's and the inspector's view models, without the toolkit. */
class PatrolEditingTest {
    private static final double TOL = 0.05;
    private static final double STEM = 0.2;

    private static Patrol patrol(ScenarioDocument doc, String id) {
        return Scenarios.obstacle(doc.scenario(), id).orElseThrow().patrol().orElseThrow();
    }

    private static ScenarioDocument cartSelected(EditorModel m) {
        ScenarioDocument doc = m.document();
        doc.selectionProperty().set(new Selection.ObstacleItem("cart"));
        return doc;
    }

    @Test
    void aSelectedMovingObstacleHasAHandlePerWaypoint() {
        EditorModel m = new EditorModel(new ScenarioDocument(Fixtures.bundled("moving-obstacles")));
        cartSelected(m);
        List<Handle> wps = m.handles(STEM).stream().filter(h -> h.kind() == Handle.Kind.WAYPOINT).toList();
        assertEquals(List.of(new Vec2(1.5, 0), new Vec2(1.5, 1), new Vec2(-1.5, 1)),
                wps.stream().map(Handle::at).toList());
        assertEquals(List.of(0, 1, 2), wps.stream().map(Handle::index).toList());
        m.document().selectionProperty().set(new Selection.ObstacleItem("block-1"));
        assertTrue(m.handles(STEM).stream().noneMatch(h -> h.kind() == Handle.Kind.WAYPOINT), "a static one has none");
    }

    @Test
    void draggingAWaypointIsOneSnappedEditThatUndoAndRedoRestoreExactly() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        EditorModel m = new EditorModel(new ScenarioDocument(s));
        ScenarioDocument doc = cartSelected(m);
        Vec2 w = new Vec2(1.5, 1);
        m.press(w, TOL, STEM);
        assertEquals(1, doc.waypoint(), "pressing a waypoint's handle selects it");
        for (int k = 1; k <= 8; k++) {
            m.drag(w.plus(new Vec2(-0.0517 * k, 0.0333 * k)));
            assertEquals(0, doc.undoStack().undoSize(), "nothing is recorded while dragging");
        }
        m.release(w.plus(new Vec2(-0.4136, 0.2664)));
        assertEquals(1, doc.undoStack().undoSize(), "one drag, one edit");
        Vec2 moved = patrol(doc, "cart").waypoints().get(1);
        assertEquals(1.1, moved.x(), 1e-9, "x on the 5 cm grid");
        assertEquals(1.25, moved.y(), 1e-9, "y on the 5 cm grid");
        assertEquals(new Vec2(1.5, 0), patrol(doc, "cart").waypoints().get(0), "the others stay");
        assertEquals(Scenarios.obstacle(s, "cart").orElseThrow().pose(),
                Scenarios.obstacle(doc.scenario(), "cart").orElseThrow().pose(), "the obstacle itself stays");
        assertEquals("Undo Move waypoint 2 of cart", doc.undoStack().undoTextProperty().get());
        assertTrue(doc.isDirty());
        Scenario edited = doc.scenario();
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario(), "undo restores the scenario exactly");
        assertFalse(doc.isDirty(), "and the unsaved marker goes");
        assertTrue(doc.redo());
        assertEquals(edited, doc.scenario());
    }

    @Test
    void arrowKeysNudgeTheSelectedWaypoint() {
        EditorModel m = new EditorModel(new ScenarioDocument(Fixtures.bundled("moving-obstacles")));
        ScenarioDocument doc = cartSelected(m);
        doc.waypointProperty().set(0);
        assertTrue(m.nudge(0, 1));
        assertEquals(new Vec2(1.5, 0.05), patrol(doc, "cart").waypoints().get(0));
        assertEquals(-1.5, Scenarios.obstacle(doc.scenario(), "cart").orElseThrow().pose().x(), 1e-12);
    }

    @Test
    void altClickOnALegInsertsASelectedWaypointAfterItsStart() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        EditorModel m = new EditorModel(new ScenarioDocument(s));
        ScenarioDocument doc = cartSelected(m);
        assertFalse(m.insertWaypointAt(new Vec2(0, -0.6), TOL), "far from every leg: nothing");
        assertTrue(m.insertWaypointAt(new Vec2(0.013, 0.02), TOL), "on the first leg, pose to waypoint 1");
        assertEquals(List.of(new Vec2(0, 0), new Vec2(1.5, 0), new Vec2(1.5, 1), new Vec2(-1.5, 1)),
                patrol(doc, "cart").waypoints());
        assertEquals(0, doc.waypoint(), "the new waypoint is selected");
        // The loop's return leg, from the last waypoint back to the pose: the point is appended.
        assertTrue(m.insertWaypointAt(new Vec2(-1.5, 0.5), TOL));
        assertEquals(new Vec2(-1.5, 0.5), patrol(doc, "cart").waypoints().get(4));
        assertEquals(4, doc.waypoint());
        assertTrue(doc.undo());
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario());
    }

    @Test
    void thePaletteToolAddsAfterTheSelectedWaypointAndPingPongExtendsTheEnd() {
        EditorModel m = new EditorModel(new ScenarioDocument(Fixtures.bundled("moving-obstacles")));
        ScenarioDocument doc = cartSelected(m);
        doc.waypointProperty().set(0);
        assertTrue(m.addWaypoint());
        assertEquals(new Vec2(1.5, 0.5), patrol(doc, "cart").waypoints().get(1), "halfway to the next point");
        assertEquals(1, doc.waypoint());
        doc.selectionProperty().set(new Selection.ObstacleItem("walker-1"));
        assertEquals(-1, doc.waypoint(), "a new selection has no waypoint selected");
        assertTrue(m.addWaypoint());
        // walker-1 goes from (-1, -1.8) to (-1, 1.8); half a metre on would leave the 4.5 m arena, so it stops
        // where the walker (radius 0.2) still fits.
        assertEquals(new Vec2(-1, 2.05), patrol(doc, "walker-1").waypoints().get(1));
        doc.selectionProperty().set(new Selection.ObstacleItem("block-1"));
        assertFalse(m.addWaypoint(), "a static obstacle has no patrol to add to");
    }

    @Test
    void deleteRemovesTheSelectedWaypointButNeverTheLast() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        EditorModel m = new EditorModel(new ScenarioDocument(s));
        ScenarioDocument doc = cartSelected(m);
        doc.waypointProperty().set(1);
        assertTrue(m.deleteSelected());
        assertEquals(List.of(new Vec2(1.5, 0), new Vec2(-1.5, 1)), patrol(doc, "cart").waypoints());
        assertTrue(Scenarios.obstacle(doc.scenario(), "cart").isPresent(), "the obstacle stays");
        assertEquals(1, doc.waypoint(), "the next waypoint is selected");
        doc.selectionProperty().set(new Selection.ObstacleItem("walker-2"));
        doc.waypointProperty().set(0);
        long revision = doc.undoStack().revision();
        assertFalse(m.deleteSelected(), "walker-2's only waypoint stays");
        assertEquals(revision, doc.undoStack().revision());
        assertTrue(m.messageProperty().get().contains("at least one waypoint"), m.messageProperty().get());
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario());
    }

    @Test
    void aWaypointIndexThatIsNoLongerThereIsDropped() {
        EditorModel m = new EditorModel(new ScenarioDocument(Fixtures.bundled("moving-obstacles")));
        ScenarioDocument doc = cartSelected(m);
        doc.waypointProperty().set(7);
        assertEquals(-1, doc.waypoint(), "cart has three waypoints");
        doc.waypointProperty().set(2);
        doc.selectionProperty().set(new Selection.ObstacleItem("block-2"));
        doc.selectionProperty().set(new Selection.ObstacleItem("cart"));
        assertEquals(-1, doc.waypoint());
        doc.waypointProperty().set(2);
        assertTrue(m.insertWaypointAt(new Vec2(0, 0), TOL));
        doc.waypointProperty().set(3);
        assertTrue(doc.undo());
        assertEquals(-1, doc.waypoint(), "undoing the insertion leaves three waypoints: index 3 is gone");
    }

    @Test
    void theInspectorSetsSpeedModeAndWaypointWithValidation() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        ScenarioDocument doc = new ScenarioDocument(s);
        InspectorModel insp = new InspectorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("cart"));
        assertEquals(PatrolMode.LOOP, insp.modeProperty().get().orElseThrow());
        NumberField speed = insp.field("speed").orElseThrow();
        assertEquals("m/s", speed.unit());
        assertEquals(0.15, speed.value(), 1e-12);
        speed.textProperty().set("0");
        assertFalse(speed.commit());
        assertTrue(speed.errorProperty().get().contains("above 0"), speed.errorProperty().get());
        assertEquals(s, doc.scenario(), "refused text changes nothing");
        speed.textProperty().set("0.4 m/s");
        assertTrue(speed.commit());
        assertEquals(0.4, patrol(doc, "cart").speed(), 1e-12);
        insp.setMode(PatrolMode.PING_PONG);
        assertEquals(PatrolMode.PING_PONG, patrol(doc, "cart").mode());
        assertEquals(PatrolMode.PING_PONG, insp.modeProperty().get().orElseThrow());
        assertTrue(insp.field("waypoint.x").isEmpty(), "no waypoint selected, no waypoint fields");
        doc.waypointProperty().set(2);
        assertTrue(insp.patrolTextProperty().get().contains("waypoint 3 selected"), insp.patrolTextProperty().get());
        NumberField wx = insp.field("waypoint.x").orElseThrow();
        wx.textProperty().set("-1.25");
        assertTrue(wx.commit());
        assertEquals(new Vec2(-1.25, 1), patrol(doc, "cart").waypoints().get(2));
        assertEquals(3, doc.undoStack().undoSize(), "speed, mode, waypoint: three edits");
        doc.undo();
        doc.undo();
        doc.undo();
        assertEquals(s, doc.scenario());
    }

    @Test
    void movingAMovingObstacleCarriesItsPatrolInOneEditByDragArrowKeyOrInspector() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        EditorModel m = new EditorModel(new ScenarioDocument(s));
        ScenarioDocument doc = cartSelected(m);
        List<Vec2> before = patrol(doc, "cart").waypoints();
        Vec2 at = new Vec2(-1.5, 0);
        Vec2 grab = at.plus(new Vec2(0.1, 0.05));
        m.press(grab, TOL, STEM);
        m.drag(grab.plus(new Vec2(0.2, -0.1)));
        m.release(grab.plus(new Vec2(0.4136, -0.2664)));
        assertEquals(1, doc.undoStack().undoSize(), "the obstacle and its path: one edit");
        Vec2 moved = Scenarios.obstacle(doc.scenario(), "cart").orElseThrow().pose().position();
        Vec2 d = moved.minus(at);
        assertEquals(0.4, d.x(), 1e-9, "snapped to the 5 cm grid");
        assertEquals(-0.25, d.y(), 1e-9);
        for (int k = 0; k < before.size(); k++) {
            Vec2 w = patrol(doc, "cart").waypoints().get(k);
            assertEquals(before.get(k).x() + d.x(), w.x(), 1e-9, "waypoint " + k + " x");
            assertEquals(before.get(k).y() + d.y(), w.y(), 1e-9, "waypoint " + k + " y");
        }
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario(), "undo puts the obstacle and its path back exactly");

        assertTrue(m.nudge(1, 0));
        assertEquals(before.get(1).plus(new Vec2(m.gridStepProperty().get(), 0)),
                patrol(doc, "cart").waypoints().get(1), "an arrow key carries it too");
        assertTrue(doc.undo());

        InspectorModel insp = new InspectorModel(doc);
        NumberField x = insp.field("x").orElseThrow();
        x.textProperty().set("-1");
        assertTrue(x.commit());
        assertEquals(new Vec2(2.0, 0), patrol(doc, "cart").waypoints().get(0), "typing x moves the path along");
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario());
    }

    @Test
    void aStaticObstacleMadeMovingGetsADefaultPatrolInsideTheArenaAndBackDropsIt() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        ScenarioDocument doc = new ScenarioDocument(s);
        InspectorModel insp = new InspectorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("block-2"));
        assertTrue(insp.kindEditableProperty().get());
        insp.setKind(ObstacleKind.MOVING);
        Obstacle b = Scenarios.obstacle(doc.scenario(), "block-2").orElseThrow();
        assertEquals(ObstacleKind.MOVING, b.kind());
        Patrol p = b.patrol().orElseThrow();
        assertEquals(List.of(new Vec2(1.0, 1.6)), p.waypoints(), "a metre ahead along its heading");
        assertEquals(PatrolEdits.DEFAULT_SPEED, p.speed());
        assertEquals(PatrolMode.PING_PONG, p.mode());
        assertTrue(insp.field("speed").isPresent());
        insp.setKind(ObstacleKind.STATIC);
        Obstacle back = Scenarios.obstacle(doc.scenario(), "block-2").orElseThrow();
        assertTrue(back.patrol().isEmpty(), "a static obstacle has no patrol");
        assertEquals(Scenarios.obstacle(s, "block-2").orElseThrow(), back);
        doc.selectionProperty().set(new Selection.ObstacleItem("walker-1"));
        insp.setKind(ObstacleKind.PUSHABLE);
        Obstacle pushed = Scenarios.obstacle(doc.scenario(), "walker-1").orElseThrow();
        assertTrue(pushed.patrol().isEmpty());
        assertEquals(InspectorModel.DEFAULT_MASS, pushed.mass());
        doc.undo();
        doc.undo();
        doc.undo();
        assertEquals(s, doc.scenario());
    }

    @Test
    void theDefaultPatrolTurnsAwayFromAWall() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        // A box against the +x wall, heading +x: a metre ahead would be outside, so the waypoint is behind it.
        Obstacle o = Obstacle.fixed("b", new dev.wayfinder.scenarios.model.Box(0.4, 0.4, 0.5),
                new dev.wayfinder.scenarios.model.Pose2(2.2, 0, 0), s.obstacles().get(3).material());
        assertEquals(List.of(new Vec2(1.2, 0)), PatrolEdits.defaultPatrol(s.arena(), o).waypoints());
    }
}
