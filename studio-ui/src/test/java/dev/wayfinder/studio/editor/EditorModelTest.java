package dev.wayfinder.studio.editor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EditorModelTest {
    private static final double TOL = 0.05;
    private static final double STEM = 0.2;

    private static Obstacle find(ScenarioDocument doc, String id) {
        return Scenarios.obstacle(doc.scenario(), id).orElseThrow();
    }

    @Test
    void aWholeDragIsOneEditAndSnapsToTheGrid() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        EditorModel m = new EditorModel(doc);
        Obstacle crate = find(doc, "crate-1");
        Vec2 c = crate.pose().position();
        m.press(c, TOL, STEM);
        assertEquals(new Selection.ObstacleItem("crate-1"), doc.selection());
        for (int k = 1; k <= 10; k++) {
            m.drag(c.plus(new Vec2(0.0713 * k, -0.0391 * k)));
            assertEquals(0, doc.undoStack().undoSize(), "nothing is recorded while dragging");
        }
        m.release(c.plus(new Vec2(0.713, -0.391)));
        assertEquals(1, doc.undoStack().undoSize(), "one drag, one edit");
        Vec2 p = find(doc, "crate-1").pose().position();
        assertEquals(Math.round((c.x() + 0.713) / 0.05) * 0.05, p.x(), 1e-9, "x on the 5 cm grid");
        assertEquals(Math.round((c.y() - 0.391) / 0.05) * 0.05, p.y(), 1e-9, "y on the 5 cm grid");
        assertEquals(crate.pose().yaw(), find(doc, "crate-1").pose().yaw(), "a move keeps the heading");
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario());
    }

    @Test
    void aClickWithoutMovingChangesNothingAndBareFloorClearsTheSelection() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        EditorModel m = new EditorModel(doc);
        Vec2 c = find(doc, "barrel-1").pose().position();
        m.press(c, TOL, STEM);
        m.release(c);
        assertEquals(0, doc.undoStack().undoSize());
        assertEquals(new Selection.ObstacleItem("barrel-1"), doc.selection());
        m.press(new Vec2(2.9, -2.9), TOL, STEM);
        m.release(new Vec2(2.9, -2.9));
        assertEquals(Selection.NONE, doc.selection());
        assertEquals(s, doc.scenario());
    }

    @Test
    void theHandlesRotateInFifteenDegreeStepsAndResizeAboutTheCentre() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        EditorModel m = new EditorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        Obstacle crate = find(doc, "crate-1");
        Vec2 c = crate.pose().position();
        List<Handle> hs = m.handles(STEM);
        Handle rotate = hs.stream().filter(h -> h.kind() == Handle.Kind.ROTATE).findFirst().orElseThrow();
        m.press(rotate.at(), TOL, STEM);
        Vec2 to = c.plus(new Vec2(Math.cos(Math.toRadians(97)), Math.sin(Math.toRadians(97))));
        m.drag(to);
        m.release(to);
        assertEquals(Math.toRadians(90), find(doc, "crate-1").pose().yaw(), 1e-9, "97 degrees snaps to 90");
        assertEquals(c, find(doc, "crate-1").pose().position(), "rotation keeps the centre");

        Handle resize = m.handles(STEM).stream().filter(h -> h.kind() == Handle.Kind.RESIZE).findFirst().orElseThrow();
        m.press(resize.at(), TOL, STEM);
        // In the crate's frame (yaw 90 degrees): local x = world y, local y = -world x.
        Vec2 corner = c.plus(new Vec2(-0.41, 0.62));
        m.drag(corner);
        m.release(corner);
        Box b = (Box) find(doc, "crate-1").shape();
        assertEquals(1.25, b.size().x(), 1e-9, "length 2 x 0.62, snapped");
        assertEquals(0.8, b.size().y(), 1e-9, "width 2 x 0.41, snapped");
        assertEquals(((Box) crate.shape()).size().z(), b.size().z(), "height kept");
        assertEquals(2, doc.undoStack().undoSize());
    }

    @Test
    void cylindersResizeTheirRadiusAndNeverToNothing() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        EditorModel m = new EditorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("barrel-1"));
        Vec2 c = find(doc, "barrel-1").pose().position();
        Handle resize = m.handles(STEM).get(1);
        m.press(resize.at(), TOL, STEM);
        m.drag(c.plus(new Vec2(0.01, 0)));
        m.release(c.plus(new Vec2(0.001, 0)));
        assertEquals(0.05, ((Cylinder) find(doc, "barrel-1").shape()).radius(), 1e-12, "one grid step at least");
        m.snapProperty().set(false);
        m.press(m.handles(STEM).get(1).at(), TOL, STEM);
        m.release(c.plus(new Vec2(0.3333, 0)));
        assertEquals(0.3333, ((Cylinder) find(doc, "barrel-1").shape()).radius(), 1e-12, "unsnapped");
    }

    @Test
    void addDeleteAndNudgeAreEditsToo() {
        Scenario s = Fixtures.bundled("empty-arena");
        ScenarioDocument doc = new ScenarioDocument(s);
        EditorModel m = new EditorModel(doc);
        Obstacle a = m.add(PaletteItem.BOX, new Vec2(0.512, -0.488));
        assertEquals("box-1", a.id());
        assertEquals(new Vec2(0.5, -0.5), a.pose().position());
        assertEquals("box-2", m.add(PaletteItem.BOX, Vec2.ZERO).id(), "ids stay unique");
        assertEquals(new Selection.ObstacleItem("box-2"), doc.selection());
        assertTrue(m.nudge(1, 0));
        assertEquals(new Vec2(0.05, 0), find(doc, "box-2").pose().position());
        assertTrue(m.deleteSelected());
        assertEquals(Selection.NONE, doc.selection());
        assertFalse(m.deleteSelected(), "nothing selected now");
        assertEquals(4, doc.undoStack().undoSize());
        while (doc.undo()) {
            // back to the start
        }
        assertEquals(s, doc.scenario());
    }

    @Test
    void startsAndGoalsMoveByDrag() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        EditorModel m = new EditorModel(doc);
        Vec2 g = s.goals().get(0).region().center();
        m.press(g, TOL, STEM);
        assertEquals(new Selection.GoalItem(0), doc.selection());
        m.release(g.plus(new Vec2(-0.5, -0.25)));
        assertEquals(g.plus(new Vec2(-0.5, -0.25)).x(), doc.scenario().goals().get(0).region().center().x(), 1e-9);
        Vec2 st = s.starts().get(0).region().center();
        m.press(st, TOL, STEM);
        assertEquals(new Selection.StartItem(0), doc.selection());
        m.release(st.plus(new Vec2(0.2, 0.1)));
        assertEquals(st.plus(new Vec2(0.2, 0.1)).y(), doc.scenario().starts().get(0).region().center().y(), 1e-9);
        assertEquals(2, doc.undoStack().undoSize());
    }

    @Test
    void anyEditSequenceUndoesToTheStartAndRedoesToTheEnd() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        EditorModel m = new EditorModel(doc);
        for (int k = 0; k < 60; k++) {
            Scenario cur = doc.scenario();
            switch (r.nextInt(4)) {
                case 0 -> m.add(PaletteItem.values()[r.nextInt(PaletteItem.values().length)],
                        new Vec2(r.nextDouble() * 4 - 2, r.nextDouble() * 4 - 2));
                case 1 -> {
                    if (!cur.obstacles().isEmpty()) {
                        doc.selectionProperty().set(new Selection.ObstacleItem(
                                cur.obstacles().get(r.nextInt(cur.obstacles().size())).id()));
                        m.deleteSelected();
                    }
                }
                default -> {
                    if (!cur.obstacles().isEmpty()) {
                        Obstacle o = cur.obstacles().get(r.nextInt(cur.obstacles().size()));
                        m.press(o.pose().position(), TOL, STEM);
                        m.drag(o.pose().position().plus(new Vec2(r.nextGaussian(), r.nextGaussian())));
                        m.release(o.pose().position().plus(new Vec2(r.nextGaussian(), r.nextGaussian())));
                    }
                }
            }
        }
        Scenario end = doc.scenario();
        int n = doc.undoStack().undoSize();
        for (int k = 0; k < n; k++) {
            assertTrue(doc.undo(), "seed " + seed);
        }
        assertEquals(s, doc.scenario(), "seed " + seed + ": undo all gives the start back");
        for (int k = 0; k < n; k++) {
            assertTrue(doc.redo(), "seed " + seed);
        }
        assertEquals(end, doc.scenario(), "seed " + seed + ": redo all gives the end back");
    }
}
