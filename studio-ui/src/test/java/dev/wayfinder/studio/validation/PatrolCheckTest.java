package dev.wayfinder.studio.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.Fixtures;
import dev.wayfinder.studio.UiQueue;
import dev.wayfinder.studio.edit.ObstacleChange;
import dev.wayfinder.studio.edit.PatrolEdits;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.edit.Selection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The patrol paths' live check, without the toolkit. */
class PatrolCheckTest {
    private static Obstacle box(String id, double x, double y, double yaw, double side) {
        return Obstacle.fixed(id, new Box(side, side, 0.5), new Pose2(x, y, yaw), Material.solid(Rgb.parse("#808080")));
    }

    @Test
    void theBundledPatrolsAreClear() {
        assertEquals(List.of(), PatrolCheck.check(Fixtures.bundled("moving-obstacles")));
    }

    @Test
    void aWaypointOutsideTheArenaIsNamedWithTheField() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        Scenario moved = PatrolEdits.moveWaypoint(s, "cart", 0, new Vec2(2.4, 0)).orElseThrow().apply(s);
        List<PatrolProblem> ps = PatrolCheck.check(moved);
        assertEquals(1, ps.size(), ps.toString());
        PatrolProblem p = ps.get(0);
        assertEquals(PatrolProblem.Kind.OUTSIDE_ARENA, p.kind());
        assertEquals("cart", p.obstacleId());
        assertEquals(0, p.index());
        assertEquals("obstacles[2].patrol.waypoints[0]", p.path());
        assertEquals("waypoint 1 (2.40, 0.00) puts 'cart' outside the arena (x in [-2.50, 2.50], y in [-2.25, 2.25] m)",
                p.message(), "the cart is 0.5 m long: at x = 2.4 it reaches 2.65");
    }

    @Test
    void aLegIntoAStaticObstacleIsFoundWhereTheContactBegins() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        // walker-1 (radius 0.2) from (-1, -1.8) to (1, -1.2) passes block-1 (0.4 m square at (0, -1.2)).
        Scenario moved = PatrolEdits.moveWaypoint(s, "walker-1", 0, new Vec2(1, -1.2)).orElseThrow().apply(s);
        List<PatrolProblem> ps = PatrolCheck.check(moved);
        assertEquals(1, ps.size(), ps.toString());
        PatrolProblem p = ps.get(0);
        assertEquals(PatrolProblem.Kind.CROSSES_OBSTACLE, p.kind());
        assertEquals("block-1", p.other());
        assertEquals(0, p.index(), "the leg from the pose to waypoint 1");
        Obstacle walker = moved.obstacles().get(0).withPose(new Pose2(p.at(), 0));
        assertTrue(PatrolCheck.overlaps(walker, moved.obstacles().get(3)), "at the reported point they overlap");
        assertTrue(p.at().x() < -0.2 && p.at().x() > -0.6, "the contact begins before the block's middle: " + p.at());
        assertTrue(p.message().startsWith("the patrol of 'walker-1' from its start to waypoint 1 runs into static"
                + " obstacle 'block-1'"), p.message());
    }

    @Test
    void aLoopsReturnLegIsCheckedAndAPushableDoesNotCount() {
        Scenario s = Fixtures.bundled("moving-obstacles");
        // cart's loop returns from (-1.5, 1) to its pose (-1.5, 0).
        Scenario blocked = ObstacleChange.add(s, box("post", -1.5, 0.5, 0, 0.2)).apply(s);
        List<PatrolProblem> ps = PatrolCheck.check(blocked);
        assertEquals(1, ps.size(), ps.toString());
        assertEquals(3, ps.get(0).index(), "the fourth leg: the return");
        assertTrue(ps.get(0).message().contains("from waypoint 3 to its start"), ps.get(0).message());
        Obstacle crate = Obstacle.pushable("crate", new Box(0.2, 0.2, 0.2), new Pose2(-1.5, 0.5, 0),
                Material.solid(Rgb.parse("#808080")), 2);
        assertEquals(List.of(), PatrolCheck.check(ObstacleChange.add(s, crate).apply(s)));
        // As a ping-pong path the return retraces the legs: the post beside the closing leg is not on it.
        Scenario pingPong = PatrolEdits.setMode(blocked, "cart", dev.wayfinder.scenarios.model.PatrolMode.PING_PONG)
                .orElseThrow().apply(blocked);
        assertEquals(List.of(), PatrolCheck.check(pingPong));
    }

    @Test
    void boxesOverlapByTheirRotatedFootprintsNotTheirBoundingBoxes() {
        Obstacle a = box("a", 0, 0, 0, 1);
        // Turned 45 degrees at (1, 1): its bounding box overlaps a's, its footprint stops at x + y = 1.29.
        assertFalse(PatrolCheck.overlaps(a, box("b", 1, 1, Math.PI / 4, 1)));
        assertTrue(PatrolCheck.overlaps(a, box("c", 0.85, 0.85, Math.PI / 4, 1)));
        assertFalse(PatrolCheck.overlaps(a, box("d", 1, 0, 0, 1)), "touching is not overlapping");
        assertTrue(PatrolCheck.overlaps(a, box("e", 0.99, 0, 0, 1)));
    }

    @Test
    void theValidationModelListsPatrolProblemsAtOnceAndOnceEach() throws Exception {
        UiQueue ui = new UiQueue();
        ScenarioDocument doc = new ScenarioDocument(Fixtures.bundled("moving-obstacles"));
        try (ValidationModel v = new ValidationModel(doc, ui)) {
            assertTrue(ui.runUntil(() -> v.report().scenario().equals(doc.scenario()), 60));
            assertEquals(List.of(), v.issues());
            doc.execute(PatrolEdits.moveWaypoint(doc.scenario(), "cart", 0, new Vec2(2.4, 0)).orElseThrow());
            assertEquals(1, v.patrolProblems().size(), "checked at once, before the background report");
            assertEquals(1, v.issues().size());
            assertEquals(new Selection.ObstacleItem("cart"), v.issues().get(0).target());
            assertTrue(ui.runUntil(() -> v.report().scenario().equals(doc.scenario())
                    && !v.runningProperty().get(), 60));
            List<Issue> issues = v.issues();
            assertEquals(1, issues.size(), "the file's own check reports the waypoint too; listed once: " + issues);
            assertTrue(issues.get(0).problem().line() > 0, "the report's issue, with its line: " + issues.get(0));
            assertEquals("obstacles[2].patrol.waypoints[0]", issues.get(0).problem().path());
        }
    }
}
