package dev.wayfinder.studio.randomization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.UiQueue;
import dev.wayfinder.studio.edit.ScenarioDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The randomization tab's model without the toolkit: the test's thread plays the FX thread ({@link UiQueue}). */
class RandomizationModelTest {
    private static List<Object> layout(Episode e) {
        return List.of(e.obstacles(), e.start(), e.goal());
    }

    private static void assertGalleryIsWhatTheRandomizerDraws(RandomizationModel m, Scenario s, long base) {
        assertEquals(RandomizationModel.TILES, m.tiles().size());
        for (GalleryTile t : m.tiles()) {
            long seed = base + t.index();
            assertEquals(seed, t.seed(), "tile " + t.index());
            assertEquals(Optional.of(Randomizer.draw(s, seed, 1.0).episode()), t.episode(),
                    "tile " + t.index() + " is the episode 'wayfinder randomize --seed " + base + "' draws for seed "
                            + seed);
            assertTrue(t.map().isPresent(), "seed " + seed + " has a map");
        }
    }

    @Test
    @ExtendWith(NeedsEgl.class)
    void theGalleryShowsSixteenDistinctEpisodesWithCameraViewsAsRandomizeDrawsThem() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(room);
        UiQueue ui = new UiQueue();
        try (RandomizationModel m = RandomizationModel.create(doc, true, ui)) {
            m.baseSeedProperty().set(40);
            assertTrue(m.tiles().isEmpty(), "nothing is drawn before the tab is shown");
            m.activeProperty().set(true);
            assertTrue(m.renderingProperty().get());
            assertTrue(ui.runUntil(() -> m.finishedProperty().get() == RandomizationModel.TILES, 120),
                    "16 tiles within two minutes; " + m.finishedProperty().get() + " came");
            assertFalse(m.renderingProperty().get());
            assertGalleryIsWhatTheRandomizerDraws(m, room, 40);
            Set<List<Object>> layouts = new HashSet<>();
            Set<Integer> views = new HashSet<>();
            for (GalleryTile t : m.tiles()) {
                layouts.add(layout(t.episode().orElseThrow()));
                GalleryTile.Pixels cam = t.camera().orElseThrow(() -> new AssertionError("seed " + t.seed()
                        + " has no camera view: " + t.problem()));
                assertEquals(room.robot().camera().width(), cam.width());
                assertEquals(room.robot().camera().height(), cam.height());
                views.add(java.util.Arrays.hashCode(cam.argb()));
                assertEquals("", t.problem());
            }
            assertEquals(RandomizationModel.TILES, layouts.size(), "every seed has its own layout");
            assertEquals(RandomizationModel.TILES, views.size(), "every seed looks different");
            assertEquals("Seeds 40\u201355", m.statusProperty().get());
        }
    }

    @Test
    void editingARangeIsOneUndoableEditAndRedrawsTheGallery() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(room);
        UiQueue ui = new UiQueue();
        try (RandomizationModel m = RandomizationModel.create(doc, false, ui)) {
            m.activeProperty().set(true);
            assertTrue(ui.runUntil(() -> m.finishedProperty().get() == RandomizationModel.TILES, 60));
            List<GalleryTile> before = List.copyOf(m.tiles());
            RandomizationModel.Row jitter = m.row(RandomParameter.OBSTACLE_POSITION_JITTER);
            assertEquals("{uniform: [-0.3, 0.3]}", jitter.textProperty().get());

            assertTrue(m.setRange(RandomParameter.OBSTACLE_POSITION_JITTER, " {uniform: [-0.6, 0.6]} "));
            assertTrue(doc.isDirty());
            assertEquals("Undo Randomize obstacle_position_jitter", doc.undoStack().undoTextProperty().get());
            assertEquals(Optional.of(new Distribution.Uniform(-0.6, 0.6)),
                    doc.scenario().randomization().get(RandomParameter.OBSTACLE_POSITION_JITTER));
            assertEquals("{uniform: [-0.6, 0.6]}", jitter.textProperty().get());
            assertTrue(m.renderingProperty().get(), "the edit asks for a new gallery");
            assertTrue(ui.runUntil(() -> m.finishedProperty().get() == RandomizationModel.TILES, 60));
            assertGalleryIsWhatTheRandomizerDraws(m, doc.scenario(), 0);
            int moved = 0;
            for (int i = 0; i < RandomizationModel.TILES; i++) {
                Episode a = before.get(i).episode().orElseThrow();
                Episode b = m.tiles().get(i).episode().orElseThrow();
                if (!a.obstacles().equals(b.obstacles())) {
                    moved++;
                }
            }
            assertEquals(RandomizationModel.TILES, moved, "a wider jitter moves the obstacles of every seed");

            // Blank stops randomizing the parameter; undo brings each step back.
            assertTrue(m.setRange(RandomParameter.OBSTACLE_POSITION_JITTER, ""));
            assertEquals(Optional.empty(), doc.scenario().randomization().get(RandomParameter.OBSTACLE_POSITION_JITTER));
            assertEquals("", jitter.textProperty().get());
            doc.undo();
            assertEquals("{uniform: [-0.6, 0.6]}", jitter.textProperty().get());
            doc.undo();
            assertEquals(room, doc.scenario());
            assertEquals("{uniform: [-0.3, 0.3]}", jitter.textProperty().get());
            assertFalse(doc.isDirty());
            assertTrue(ui.runUntil(() -> m.finishedProperty().get() == RandomizationModel.TILES
                    && !m.renderingProperty().get(), 60));
            assertEquals(before, List.copyOf(m.tiles()).stream().map(t -> new GalleryTile(t.index(), t.seed(),
                    t.episode(), t.camera(), before.get(t.index()).map(), t.problem())).toList(),
                    "after undo the gallery shows the same episodes again");
        }
    }

    @Test
    void textThatIsNotADistributionIsRefusedWithItsReason() {
        Scenario room = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(room);
        try (RandomizationModel m = RandomizationModel.create(doc, false, new UiQueue())) {
            assertFalse(m.setRange(RandomParameter.AMBIENT, "{uniform: [0.2, 3]}"));
            String error = m.row(RandomParameter.AMBIENT).errorProperty().get();
            assertTrue(error.startsWith("ambient:") && error.contains("[0, 1]"), error);
            assertEquals(room, doc.scenario(), "a refused value leaves the scenario as it was");
            assertFalse(doc.undoStack().canUndoProperty().get());
            assertEquals("{uniform: [0.1, 0.6]}", m.row(RandomParameter.AMBIENT).textProperty().get());
            assertTrue(m.setRange(RandomParameter.AMBIENT, "0.3"));
            assertEquals("", m.row(RandomParameter.AMBIENT).errorProperty().get());
            assertEquals(Optional.of(new Distribution.Fixed(0.3)),
                    doc.scenario().randomization().get(RandomParameter.AMBIENT));
            assertTrue(m.setRange(RandomParameter.AMBIENT, "0.30"), "the same value again");
            assertEquals(1, doc.undoStack().undoSize(), "is no second edit");
        }
    }

    @Test
    void aNewerRequestCancelsTheStaleBatch() throws Exception {
        Scenario room = Fixtures.bundled("cluttered-room");
        ScenarioDocument doc = new ScenarioDocument(room);
        UiQueue ui = new UiQueue();
        // The renderer's first hand-over waits until the test has asked for another gallery, so the first batch is
        // surely still running when it is overtaken.
        CountDownLatch overtaken = new CountDownLatch(1);
        CountDownLatch firstTileMade = new CountDownLatch(1);
        Executor gate = r -> {
            firstTileMade.countDown();
            try {
                overtaken.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ui.execute(r);
        };
        try (RandomizationModel m = RandomizationModel.create(doc, false, gate)) {
            m.activeProperty().set(true);
            long first = m.renderer().latest();
            assertTrue(firstTileMade.await(30, TimeUnit.SECONDS), "the first batch starts");
            m.reroll();
            long base = m.baseSeedProperty().get();
            assertNotEquals(0, base);
            assertTrue(m.renderer().latest() > first);
            overtaken.countDown();
            assertTrue(ui.runUntil(() -> m.finishedProperty().get() == RandomizationModel.TILES, 60));
            ui.settle(200);
            assertGalleryIsWhatTheRandomizerDraws(m, room, base);
            assertEquals(RandomizationModel.TILES + 1, m.renderer().tilesMade(),
                    "the stale batch stopped after the tile it was on");
            assertEquals(1, m.renderer().batchesCancelled());
        }
    }

    @Test
    void nothingIsDrawnWhileTheTabIsHiddenAndRerollIsRepeatable() throws Exception {
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("cluttered-room"));
        UiQueue ui = new UiQueue();
        try (RandomizationModel m = RandomizationModel.create(doc, false, ui)) {
            m.setRange(RandomParameter.EXTRA_OBSTACLE_COUNT, "{choice: [0, 1]}");
            m.reroll();
            long a = m.baseSeedProperty().get();
            ui.settle(100);
            assertEquals(0, m.renderer().latest(), "hidden: no gallery asked for");
            m.activeProperty().set(true);
            assertEquals(1, m.renderer().latest(), "shown: one gallery for all the changes");
            m.baseSeedProperty().set(0);
            m.reroll();
            assertEquals(a, m.baseSeedProperty().get(), "the same reroll from the same seed");
            assertTrue(a >= 0 && a < RandomizationModel.SEED_SPAN, "base seed " + a);
            m.reroll();
            assertNotEquals(a, m.baseSeedProperty().get());
        }
    }
}
