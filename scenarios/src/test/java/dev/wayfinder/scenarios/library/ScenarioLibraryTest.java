package dev.wayfinder.scenarios.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioLibraryTest {
    @Test
    void listsEveryBundledScenarioWithDescription() {
        List<ScenarioLibrary.Entry> entries = ScenarioLibrary.list();
        assertEquals(8, entries.size());
        for (ScenarioLibrary.Entry e : entries) {
            assertFalse(e.description().isBlank(), e.name());
        }
    }

    @Test
    void folderAndClassPathHoldTheSameFiles() throws IOException, ScenarioException {
        Path dir = Path.of("").toAbsolutePath();
        TreeSet<String> inFolder = new TreeSet<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .forEach(n -> inFolder.add(n.substring(0, n.length() - 5)));
        }
        assertEquals(new TreeSet<>(ScenarioLibrary.NAMES), inFolder);
        for (String n : ScenarioLibrary.NAMES) {
            assertEquals(Files.readString(dir.resolve(n + ".yaml")), ScenarioLibrary.text(n), n);
            assertEquals(ScenarioLibrary.load(n), ScenarioLoader.load(dir.resolve(n + ".yaml")), n);
        }
    }

    @Test
    void coversTheRequiredKinds() throws ScenarioException {
        Scenario push = ScenarioLibrary.load("pushable-boxes");
        assertTrue(push.obstacles().stream().anyMatch(o -> o.kind() == ObstacleKind.PUSHABLE));
        Scenario moving = ScenarioLibrary.load("moving-obstacles.yaml");
        assertTrue(moving.obstacles().stream().anyMatch(o -> o.kind() == ObstacleKind.MOVING));
        assertTrue(ScenarioLibrary.load("cluttered-room").randomization().parameters().size() > 40);
        for (String n : ScenarioLibrary.NAMES) {
            assertFalse(ScenarioLibrary.load(n).randomization().isEmpty(), n);
        }
    }

    @Test
    void unknownNameIsAUserError() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLibrary.load("mazee"));
        assertTrue(e.getMessage().contains("maze"), e.getMessage());
    }
}
