package dev.wayfinder.scenarios.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The annotated example and the parameter table of scenarios/README.md stay true. */
class ReadmeExampleTest {
    @Test
    void annotatedExampleLoads() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```yaml\n") + 8;
        String yaml = readme.substring(start, readme.indexOf("```", start));
        Scenario s = ScenarioLoader.parse(yaml, "README.md example");
        assertEquals("my-room", s.name());
        assertEquals(ObstacleKind.PUSHABLE, s.obstacles().get(0).kind());
        assertEquals(Math.toRadians(30), s.obstacles().get(0).pose().yaw(), 1e-15);
    }

    @Test
    void everyParameterIsDocumented() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (RandomParameter p : RandomParameter.values()) {
            assertTrue(readme.contains("| `" + p.key() + "` |"), p.key());
        }
    }
}
