package dev.wayfinder.studio.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectorModelTest {
    private static NumberField field(InspectorModel m, String key) {
        return m.field(key).orElseThrow(() -> new AssertionError("no field " + key + " in " + m.fields().stream()
                .map(NumberField::key).toList()));
    }

    @Test
    void theSelectedObstacleShowsItsFieldsWithUnits() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        InspectorModel m = new InspectorModel(doc);
        assertTrue(m.fields().isEmpty());
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        assertEquals("crate-1: static box", m.headingProperty().get());
        assertEquals(List.of("x", "y", "yaw", "size.x", "size.y", "size.z", "friction"),
                m.fields().stream().map(NumberField::key).toList());
        assertEquals("-1.3", field(m, "x").textProperty().get());
        assertEquals("20", field(m, "yaw").textProperty().get(), "degrees, as in the file");
        assertEquals("\u00b0", field(m, "yaw").unit());
        assertEquals("m", field(m, "size.x").unit());
        doc.selectionProperty().set(new Selection.ObstacleItem("barrel-1"));
        assertEquals(List.of("x", "y", "yaw", "radius", "height", "friction"),
                m.fields().stream().map(NumberField::key).toList());
        doc.selectionProperty().set(new Selection.GoalItem(0));
        assertEquals(List.of("x", "y", "tolerance"), m.fields().stream().map(NumberField::key).toList());
    }

    @Test
    void badTextShowsAnErrorAndLeavesTheModelAlone() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        InspectorModel m = new InspectorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        for (String bad : new String[] {"abc", "", "1,5", "NaN", "Infinity", "1e400", "2 kg"}) {
            NumberField x = field(m, "x");
            x.textProperty().set(bad);
            assertFalse(x.commit(), bad);
            assertTrue(x.errorProperty().get().contains("expected a number in m"), bad + ": " + x.errorProperty().get());
            assertEquals(s, doc.scenario(), bad);
            assertEquals(0, doc.undoStack().undoSize(), bad);
        }
        NumberField len = field(m, "size.x");
        len.textProperty().set("-0.5");
        assertFalse(len.commit());
        assertTrue(len.errorProperty().get().startsWith("length -0.5 m is not allowed: "), len.errorProperty().get());
        assertEquals(s, doc.scenario());
        len.revert();
        assertEquals("0.5", len.textProperty().get());
        assertEquals("", len.errorProperty().get());
    }

    @Test
    void acceptedTextIsOneUndoableEdit() {
        Scenario s = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(s);
        InspectorModel m = new InspectorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        NumberField yaw = field(m, "yaw");
        yaw.textProperty().set(" 45 \u00b0");
        assertTrue(yaw.commit());
        assertEquals(Math.toRadians(45), Scenarios.obstacle(doc.scenario(), "crate-1").orElseThrow().pose().yaw(), 1e-12);
        assertEquals("Undo Rotate crate-1", doc.undoStack().undoTextProperty().get());
        assertTrue(yaw == field(m, "yaw"), "the same field object stays (the view keeps its focus)");
        field(m, "x").textProperty().set("-1.3");
        assertTrue(field(m, "x").commit());
        assertEquals(1, doc.undoStack().undoSize(), "an unchanged value is no edit");
        doc.undo();
        assertEquals("20", field(m, "yaw").textProperty().get(), "the field follows undo");
        assertEquals(s, doc.scenario());
    }

    @Test
    void theKindSwitchesBetweenStaticAndPushable() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        InspectorModel m = new InspectorModel(doc);
        doc.selectionProperty().set(new Selection.ObstacleItem("crate-1"));
        assertTrue(m.kindEditableProperty().get());
        m.setKind(ObstacleKind.PUSHABLE);
        assertEquals(ObstacleKind.PUSHABLE, Scenarios.obstacle(doc.scenario(), "crate-1").orElseThrow().kind());
        assertEquals(String.valueOf((int) InspectorModel.DEFAULT_MASS), field(m, "mass").textProperty().get());
        field(m, "mass").textProperty().set("0");
        assertFalse(field(m, "mass").commit(), "a pushable obstacle needs a mass");
        doc.undo();
        assertTrue(m.field("mass").isEmpty(), "static again: no mass");
    }
}
