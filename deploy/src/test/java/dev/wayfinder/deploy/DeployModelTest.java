package dev.wayfinder.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployModelTest {
    static final Path SHIPPED = Path.of("..", "models", "cluttered-room-rgbd-map");

    @Test
    void theShippedModelLoadsWithItsRobotAndSensors() {
        DeployModel m = DeployModel.load(SHIPPED, null);
        assertEquals(6, m.spec().actions());
        assertTrue(m.depthCamera());
        assertTrue(m.map());
        assertTrue(m.obstacleLayer());
        RobotConfig r = m.robot();
        assertEquals(0.105, r.description().radius());
        assertEquals(0.22, r.description().maxLinear());
        assertEquals(Math.toRadians(160), r.description().maxAngular(), 1e-12);
        assertEquals(10, r.description().controlRate());
        assertEquals("forward", r.description().actions().get(0).name());
        assertEquals(Math.toRadians(10), r.mount().pitch(), 1e-12);
        assertEquals(0.25, r.goalTolerance());
    }

    @Test
    void badRobotFilesSayWhatAndWhere(@TempDir Path dir) throws Exception {
        String good = Files.readString(SHIPPED.resolve(RobotConfig.FILE));
        assertMessage(good.replace("radius: 0.105", "radius: -1"), "robot.yaml: radius must be > 0");
        assertMessage(good.replace("radius: 0.105", "radius: wide"), "robot.yaml: radius must be a finite number");
        assertMessage(good.replace("radius: 0.105", "radiuss: 0.105"), "unknown key 'radiuss'");
        assertMessage(good.replace("{name: stop, linear: 0, angular: 0}", "{name: stop, linear: 2, angular: 0}"),
                "fractions must be in [-1, 1]");
        assertMessage(good.replace("camera_mount: {", "camera_mount: [").replace("yaw: 0}", "yaw: 0]"),
                "camera_mount must be a mapping");
        assertMessage(good.replace("yaw: 0}", "yaw: 0"), "not valid YAML");
        assertMessage(good.replace("yaw: 0}", "yaw: 0"), "robot.yaml, line 14, column 15");
        // A model folder whose robot lists another number of actions than the network has.
        Path model = dir.resolve("m");
        Files.createDirectories(model);
        Files.copy(SHIPPED.resolve(DeployModel.WEIGHTS), model.resolve(DeployModel.WEIGHTS));
        Files.writeString(model.resolve(RobotConfig.FILE), good.replaceAll("(?m)^  - \\{name: stop.*\\n", ""));
        var e = assertThrows(IllegalArgumentException.class, () -> DeployModel.load(model, null));
        assertTrue(e.getMessage().contains("lists 5 actions, but the network"), e.getMessage());
        Files.delete(model.resolve(RobotConfig.FILE));
        e = assertThrows(IllegalArgumentException.class, () -> DeployModel.load(model, null));
        assertTrue(e.getMessage().contains("no robot description") && e.getMessage().contains("--robot"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DeployModel.load(dir.resolve("none"), null));
        assertTrue(e.getMessage().contains("not a model folder"), e.getMessage());
    }

    private static void assertMessage(String yaml, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> RobotConfig.fromYaml(yaml, "robot.yaml"));
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should say '" + expected + "'");
    }
}
