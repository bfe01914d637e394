package dev.wayfinder.studio.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.Fixtures;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenarioDocumentTest {
    private static ObstacleChange moveFirst(Scenario s, double dx) {
        Obstacle o = s.obstacles().get(0);
        Pose2 p = o.pose();
        return ObstacleChange.replace("Move " + o.id(), 0, o, o.withPose(new Pose2(p.x() + dx, p.y(), p.yaw())));
    }

    @Test
    void theRevisionDrivesTheUnsavedMarker() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        assertFalse(doc.isDirty());
        assertEquals("cluttered-room \u2014 Wayfinder Studio", doc.titleProperty().get());
        doc.execute(moveFirst(doc.scenario(), 0.5));
        assertTrue(doc.isDirty());
        assertTrue(doc.titleProperty().get().startsWith("*cluttered-room"));
        assertTrue(doc.undo());
        assertEquals(s, doc.scenario(), "undo gives back the very same scenario");
        assertFalse(doc.isDirty(), "back at the opened state");
        assertTrue(doc.redo());
        assertTrue(doc.isDirty());
        long saved = doc.undoStack().revision();
        doc.markSaved(saved, Path.of("room.yaml"));
        assertFalse(doc.isDirty());
        assertEquals("room.yaml \u2014 Wayfinder Studio", doc.titleProperty().get());
        doc.undo();
        assertTrue(doc.isDirty(), "undoing past the saved state is a change");
        doc.redo();
        assertFalse(doc.isDirty(), "redoing back to it is not");
        doc.undo();
        doc.execute(moveFirst(doc.scenario(), -0.25));
        assertTrue(doc.isDirty());
        assertFalse(doc.undoStack().canRedoProperty().get(), "a new edit forgets the redo side");
    }

    @Test
    void aPreviewIsOneEditOrNone() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        doc.beginPreview();
        doc.preview(moveFirst(s, 0.1).apply(s));
        doc.preview(moveFirst(s, 0.2).apply(s));
        assertEquals(0, doc.undoStack().undoSize(), "previews are not recorded");
        doc.endPreview(Optional.of(moveFirst(s, 0.3)));
        assertEquals(1, doc.undoStack().undoSize());
        assertEquals(s.obstacles().get(0).pose().x() + 0.3, doc.scenario().obstacles().get(0).pose().x(), 1e-12);
        assertEquals("Undo Move crate-1", doc.undoStack().undoTextProperty().get());
        doc.beginPreview();
        doc.preview(moveFirst(doc.scenario(), 1).apply(doc.scenario()));
        doc.undo();
        assertEquals(s, doc.scenario(), "undo during a preview drops the preview, then undoes");
        assertThrows(IllegalStateException.class, () -> doc.preview(s));
    }

    @Test
    void theSelectionFollowsWhatExists() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        doc.execute(ObstacleChange.remove(doc.scenario(), 0));
        assertEquals(Selection.NONE, doc.selection(), "the deleted obstacle is no longer selected");
        doc.undo();
        doc.selectionProperty().set(new Selection.GoalItem(0));
        doc.replace(Fixtures.bundled("maze"), Optional.empty());
        assertEquals(Selection.NONE, doc.selection());
        assertEquals(0, doc.undoStack().undoSize());
        assertFalse(doc.isDirty());
    }

    @Test
    void anEditAppliedToTheWrongStateIsRefused() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ObstacleChange e = moveFirst(s, 1);
        Scenario moved = e.apply(s);
        assertThrows(IllegalStateException.class, () -> e.apply(moved), "the old value is not there any more");
        assertEquals(s, e.revert(moved));
    }
}
