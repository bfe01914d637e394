package dev.wayfinder.policy.train;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config.yaml round-trips and bad keys or values are named. */
class TrainConfigTest {
    @Test
    void yamlRoundTrips() {
        TrainConfig c = TrainConfig.DEFAULT.withIterations(3).withSeed(42).withBudget(10, 20, 30);
        assertEquals(c, TrainConfig.fromYaml(c.toYaml(), "test"));
        TrainConfig route = TrainConfig.fromYaml("label_temperature: 0.05\nnetwork:\n  route_lookahead: 0.8\n", "r.yaml");
        assertEquals(0.8, route.network().routeLookahead(), 0);
        assertEquals(0.05, route.labelTemperature(), 0);
        assertEquals(route, TrainConfig.fromYaml(route.toYaml(), "test"));
        var bad = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("network:\n  route_lookahead: 9\n", "r.yaml"));
        assertTrue(bad.getMessage().contains("route look-ahead"), bad.getMessage());
        TrainConfig shielded = TrainConfig.fromYaml("shield: true\n", "s.yaml");
        assertTrue(shielded.shield());
        assertEquals(shielded, TrainConfig.fromYaml(shielded.toYaml(), "test"));
        assertEquals(false, TrainConfig.DEFAULT.shield());
        var notBool = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("shield: 3\n", "s.yaml"));
        assertTrue(notBool.getMessage().contains("shield") && notBool.getMessage().contains("s.yaml"),
                notBool.getMessage());
        TrainConfig memory = TrainConfig.fromYaml("network:\n  memory_sectors: 16\n", "m.yaml");
        assertEquals(16, memory.network().memorySectors());
        assertEquals(memory, TrainConfig.fromYaml(memory.toYaml(), "test"));
        var noHead = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("aux_weight: 0\nnetwork:\n  memory_sectors: 16\n", "m.yaml"));
        assertTrue(noHead.getMessage().contains("memory_sectors") && noHead.getMessage().contains("aux_weight"),
                noHead.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("network:\n  memory_sectors: 33\n", "m.yaml"));
        assertTrue(tooMany.getMessage().contains("memory sectors"), tooMany.getMessage());
        TrainConfig gru = TrainConfig.fromYaml("batch: 64\nsequence_length: 16\nnetwork:\n  recurrent_units: 32\n",
                "g.yaml");
        assertEquals(32, gru.network().recurrentUnits());
        assertEquals(16, gru.sequenceLength());
        assertEquals(4, gru.sequencesPerStep(), "about a batch of samples per step");
        assertEquals(gru, TrainConfig.fromYaml(gru.toYaml(), "test"));
        assertEquals(8, TrainConfig.DEFAULT.sequenceLength());
        assertEquals(0, TrainConfig.DEFAULT.network().recurrentUnits());
        assertTrue(!TrainConfig.DEFAULT.toYaml().contains("recurrent_units"), "a feed-forward config names no cell");
        var longSeq = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("sequence_length: 65\n", "g.yaml"));
        assertTrue(longSeq.getMessage().contains("sequence_length") && longSeq.getMessage().contains("1..64"),
                longSeq.getMessage());
        var bigCell = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("network:\n  recurrent_units: 600\n", "g.yaml"));
        assertTrue(bigCell.getMessage().contains("recurrent units"), bigCell.getMessage());
        TrainConfig planner = TrainConfig.fromYaml("network:\n  planner_inputs: true\n", "p.yaml");
        assertTrue(planner.network().plannerInputs());
        assertEquals(planner, TrainConfig.fromYaml(planner.toYaml(), "test"));
        assertTrue(!TrainConfig.DEFAULT.toYaml().contains("planner_inputs"), "without them the config names none");
        var notFlag = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("network:\n  planner_inputs: 1\n", "p.yaml"));
        assertTrue(notFlag.getMessage().contains("p.yaml") && notFlag.getMessage().contains("planner_inputs")
                && notFlag.getMessage().contains("true or false"), notFlag.getMessage());
        var noDepth = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromYaml(
                "depth_camera: false\nshield: false\nobstacle_layer: false\nnetwork:\n  planner_inputs: true\n",
                "p.yaml"));
        assertTrue(noDepth.getMessage().contains("planner_inputs") && noDepth.getMessage().contains("depth_camera"),
                noDepth.getMessage());
    }

    @Test
    void theLearnerIsNamedAndChecked() {
        TrainConfig core = TrainConfig.fromYaml("learner: core\n", "l.yaml");
        assertEquals("core", core.learner());
        assertEquals(core, TrainConfig.fromYaml(core.toYaml(), "test"));
        assertTrue(core.toYaml().contains("learner: core"), core.toYaml());
        assertEquals(TrainConfig.DEFAULT.learner(), TrainConfig.fromYaml("iterations: 2\n", "l.yaml").learner(),
                "a config without the key takes the default's");
        var bad = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromYaml("learner: tf\n", "l.yaml"));
        assertTrue(bad.getMessage().contains("l.yaml") && bad.getMessage().contains("learner")
                && bad.getMessage().contains("djl") && bad.getMessage().contains("'tf'"), bad.getMessage());
    }

    @Test
    void unknownKeysAndBadValuesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromYaml("iteratons: 3", "f.yaml"));
        assertTrue(e.getMessage().contains("iteratons") && e.getMessage().contains("f.yaml"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromYaml("batch: 0", "f.yaml"));
        assertTrue(e2.getMessage().contains("batch"), e2.getMessage());
    }

    @Test
    void theShippedHalfHourConfigParses() throws Exception {
        var file = java.nio.file.Path.of("configs", "cluttered-room-30min.yaml");
        TrainConfig c = TrainConfig.fromYaml(java.nio.file.Files.readString(file), file.toString());
        assertEquals(java.util.List.of("cluttered-room"), c.scenarios());
        assertEquals(80, c.iterations());
        assertEquals(96, c.memoryChunks());
        assertEquals(TrainConfig.DEFAULT.network().withRouteLookahead(0), c.network(), "the mapless run");
        var routeFile = java.nio.file.Path.of("configs", "cluttered-room-route-30min.yaml");
        TrainConfig route = TrainConfig.fromYaml(java.nio.file.Files.readString(routeFile), routeFile.toString());
        assertEquals(80, route.iterations());
        assertEquals(TrainConfig.DEFAULT.network(), route.network());
        assertEquals(0.8, route.network().routeLookahead(), 0);
        assertEquals(3.0, route.nearWeight(), 0);
        assertEquals(false, route.shield());
        var shieldFile = java.nio.file.Path.of("configs", "cluttered-room-route-shield-30min.yaml");
        TrainConfig shielded = TrainConfig.fromYaml(java.nio.file.Files.readString(shieldFile), shieldFile.toString());
        assertEquals(route.withShield(true), shielded, "the route run with the shield in the loop");
        var gruFile = java.nio.file.Path.of("configs", "cluttered-room-rgbd-map-gru.yaml");
        TrainConfig gru = TrainConfig.fromYaml(java.nio.file.Files.readString(gruFile), gruFile.toString());
        var rgbdFile = java.nio.file.Path.of("configs", "cluttered-room-rgbd-map.yaml");
        TrainConfig rgbd = TrainConfig.fromYaml(java.nio.file.Files.readString(rgbdFile), rgbdFile.toString());
        assertEquals(rgbd.withNetwork(rgbd.network().withRecurrentUnits(64)).withSequenceLength(8), gru,
                "the RGB-D map run with a GRU of 64 units");
        var plannerFile = java.nio.file.Path.of("configs", "cluttered-room-rgbd-map-planner.yaml");
        TrainConfig planner = TrainConfig.fromYaml(java.nio.file.Files.readString(plannerFile), plannerFile.toString());
        assertEquals(rgbd.withNetwork(rgbd.network().withPlannerInputs(true)).withIterations(30), planner,
                "the RGB-D map run with the local planner's preference as input, 30 rounds");
        var e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromYaml("near_weight: 0", "f.yaml"));
        assertTrue(e.getMessage().contains("near_weight"), e.getMessage());
    }
}
