package dev.wayfinder.studio.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.editor.EditorModel;
import dev.wayfinder.studio.editor.PaletteItem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ValidationTest {
    @Test
    void aValidScenarioHasNoIssuesAndItsPaths() {
        Scenario room = Fixtures.bundled("cluttered-room");
        ValidationReport r = ScenarioCheck.run(room, "room.yaml");
        assertTrue(r.valid(), r.issues().toString());
        assertEquals(room.starts().size() * room.goals().size(), r.paths().size(), "a path for each start and goal");
    }

    @Test
    void aBlockedDoorwayIsNoPathFromStartToGoalLocatedAtTheGoal() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("narrow-doorway"));
        new EditorModel(doc).add(PaletteItem.BOX, Vec2.ZERO);
        ValidationReport r = ScenarioCheck.run(doc.scenario(), "doorway.yaml");
        assertEquals(1, r.issues().size(), r.issues().toString());
        Issue i = r.issues().get(0);
        assertTrue(i.noPath());
        assertEquals(new Selection.GoalItem(0), i.target());
        assertTrue(i.text().startsWith("goals[0]: No path from start to goal \u2014 no collision-free path"), i.text());
        assertTrue(i.problem().line() > 0, "located in the file Save writes: " + i.problem());
        assertTrue(r.paths().isEmpty());
    }

    @Test
    void anObstacleOutsideTheArenaIsTargetedByItsId() {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("empty-arena"));
        new EditorModel(doc).add(PaletteItem.WALL, new Vec2(100, 0));
        ValidationReport r = ScenarioCheck.run(doc.scenario(), "arena.yaml");
        assertFalse(r.valid());
        assertEquals(new Selection.ObstacleItem("wall-1"), r.issues().get(0).target());
        assertTrue(r.issues().get(0).text().contains("reaches outside the arena"), r.issues().get(0).text());
    }

    @Test
    void onlyTheLatestRequestIsDelivered() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(1);
        try (LatestWins<Integer, Integer> w = new LatestWins<>("test-worker", i -> {
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return i * 10;
        }, Runnable::run, r -> {
            seen.add(r);
            if (r == 50) {
                done.countDown();
            }
        })) {
            for (int i = 1; i <= 5; i++) {
                w.submit(i);
            }
            gate.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
            assertEquals(List.of(50), seen, "requests 1-4 were overtaken: skipped or dropped");
            assertEquals(5, w.delivered());
        }
    }

    @Test
    void theModelReportsTheNewestState() throws Exception {
        Scenario s = Fixtures.bundled("narrow-doorway");
        ScenarioDocument doc = new ScenarioDocument(s);
        List<Runnable> inbox = Collections.synchronizedList(new ArrayList<>());
        try (ValidationModel v = new ValidationModel(doc, inbox::add)) {
            new EditorModel(doc).add(PaletteItem.BOX, Vec2.ZERO);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!v.report().scenario().equals(doc.scenario()) && System.nanoTime() < end) {
                List<Runnable> batch;
                synchronized (inbox) {
                    batch = new ArrayList<>(inbox);
                    inbox.clear();
                }
                batch.forEach(Runnable::run);
                Thread.sleep(5);
            }
            assertEquals(doc.scenario(), v.report().scenario());
            assertFalse(v.runningProperty().get());
            assertTrue(v.report().issues().get(0).noPath());
        }
    }
}
