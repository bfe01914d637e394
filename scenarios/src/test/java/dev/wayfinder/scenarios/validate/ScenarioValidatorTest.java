package dev.wayfinder.scenarios.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioValidatorTest {
    @Test
    void bundledScenariosAreValidAndSolvable() throws ScenarioException {
        for (String n : ScenarioLibrary.NAMES) {
            Scenario s = ScenarioLibrary.load(n);
            assertEquals(List.of(), ScenarioValidator.validate(s), n);
            assertTrue(ScenarioValidator.plannedPath(s, 0, 0).isPresent(), n);
        }
    }

    @Test
    void movingObstaclesDoNotMakeAScenarioUnsolvable() throws ScenarioException {
        Scenario s = ScenarioLoader.parseStructure("""
                name: blocked-by-a-mover
                arena: {size: [4, 1]}
                obstacles:
                  - id: door
                    shape: box
                    size: [0.2, 1, 0.5]
                    pose: [0, 0]
                    kind: moving
                    patrol: {waypoints: [[1.5, 0]], speed: 0.2}
                starts: [{center: [-1.5, 0]}]
                goals: [{center: [1.5, 0]}]
                """, "t");
        assertEquals(List.of(), ScenarioValidator.validate(s));
    }

    @Test
    void pushablesCountAsObstacles() throws ScenarioException {
        Scenario s = ScenarioLoader.parseStructure("""
                name: blocked-by-a-box
                arena: {size: [4, 1]}
                obstacles:
                  - {id: crate, shape: box, size: [0.2, 1, 0.5], pose: [0, 0], kind: pushable, mass: 1}
                starts: [{center: [-1.5, 0]}]
                goals: [{center: [1.5, 0]}]
                """, "t");
        List<Violation> v = ScenarioValidator.validate(s);
        assertEquals(1, v.size());
        assertTrue(v.get(0).message().startsWith("unsolvable"), v.toString());
    }
}
