package dev.wayfinder.scenarios.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void colourParsesAndPrintsHex() {
        Rgb c = Rgb.parse("#FF8000");
        assertEquals("#ff8000", c.hex());
        assertEquals(1.0, c.r());
        assertThrows(IllegalArgumentException.class, () -> Rgb.parse("ff8000"));
        assertThrows(IllegalArgumentException.class, () -> new Rgb(1.5, 0, 0));
    }

    @Test
    void hsvRoundTrips() {
        Random r = new Random(3);
        for (int i = 0; i < 1000; i++) {
            Rgb c = Rgb.of8(r.nextInt(256), r.nextInt(256), r.nextInt(256));
            double[] hsv = c.toHsv();
            Rgb back = Rgb.fromHsv(hsv[0], hsv[1], hsv[2]);
            assertEquals(c.hex(), back.hex(), "colour " + c);
        }
        assertEquals("#00ff00", Rgb.fromHsv(Math.toRadians(120), 1, 1).hex());
    }

    @Test
    void pinholeIntrinsics() {
        CameraSpec c = new CameraSpec(new Pose3(0, 0, 0.1, 0, 0, 0), Math.toRadians(90), 64, 48, 0.01, 10);
        assertEquals(32, c.fx(), 1e-12);
        assertEquals(c.fx(), c.fy());
        assertEquals(32, c.cx());
        assertEquals(24, c.cy());
        assertEquals(2 * Math.atan(24.0 / 32), c.verticalFov(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> c.withHorizontalFov(Math.PI));
    }

    @Test
    void depthEffectsValidateAndDescribeTheNoise() {
        DepthEffects d = new DepthEffects(0.002, 0.008, 0.0015, 0.15, 6, 0.05, 0.02);
        assertEquals(0.010, d.sigmaAt(1), 1e-12);
        assertEquals(0.002 + 0.008 * 9, d.sigmaAt(3), 1e-12);
        assertTrue(DepthEffects.NOMINAL.isNoiseFree());
        assertTrue(!d.isNoiseFree());
        assertEquals(DepthEffects.NOMINAL, CameraEffects.NOMINAL.depth());
        assertEquals(CameraEffects.NOMINAL, new CameraEffects(0, 1, 1, 0, 0));
        assertEquals(d, CameraEffects.NOMINAL.withDepth(d).depth());
        assertEquals(0, Dynamics.NOMINAL.cameraLatency());
        assertEquals(30_000_000L, new Dynamics(1, 0, 0, 0, 0, 0, 0, 0.03).cameraLatencyNanos());
        assertThrows(IllegalArgumentException.class, () -> new DepthEffects(-0.1, 0, 0, 0, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DepthEffects(0, 0, 0, 2, 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DepthEffects(0, 0, 0, 0, Double.NaN, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new DepthEffects(0, 0, 0, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new DepthEffects(0, 0, 0, 0, 1, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new Dynamics(1, 0, 0, 0, 0, 0, 0, -0.01));
        assertThrows(NullPointerException.class, () -> new CameraEffects(0, 1, 1, 0, 0, null));
    }

    @Test
    void obstacleKindRules() {
        Material m = Material.solid(Rgb.WHITE);
        Box b = new Box(0.2, 0.2, 0.2);
        Pose2 p = new Pose2(0, 0, 0);
        assertThrows(IllegalArgumentException.class,
                () -> new Obstacle("a", b, p, m, 0.5, ObstacleKind.PUSHABLE, 0, Optional.empty(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new Obstacle("a", b, p, m, 0.5, ObstacleKind.STATIC, 1, Optional.empty(), false));
        assertThrows(IllegalArgumentException.class,
                () -> new Obstacle("a", b, p, m, 0.5, ObstacleKind.MOVING, 0, Optional.empty(), false));
        assertThrows(IllegalArgumentException.class, () -> Obstacle.fixed("bad id", b, p, m));
        Patrol patrol = new Patrol(List.of(new Vec2(1, 0)), 0.3, PatrolMode.LOOP);
        assertEquals(List.of(Vec2.ZERO, new Vec2(1, 0)), Obstacle.moving("m", b, p, m, patrol).patrol().get()
                .path(p.position()));
    }

    @Test
    void collectionsAreImmutableCopies() {
        List<Vec2> wps = new ArrayList<>(List.of(new Vec2(1, 1)));
        Patrol patrol = new Patrol(wps, 1, PatrolMode.PING_PONG);
        wps.add(new Vec2(2, 2));
        assertEquals(1, patrol.waypoints().size());
        assertThrows(UnsupportedOperationException.class, () -> patrol.waypoints().add(Vec2.ZERO));
    }

    @Test
    void randomizationChecksDomains() {
        assertThrows(IllegalArgumentException.class, () -> new Randomization(
                Map.of(RandomParameter.AMBIENT, new Distribution.Uniform(0, 2)), Optional.empty(), Optional.empty(), 10));
        assertThrows(IllegalArgumentException.class, () -> new Randomization(
                Map.of(RandomParameter.FLOOR_TEXTURE, new Distribution.Uniform(0, 2)), Optional.empty(),
                Optional.empty(), 10));
        assertThrows(IllegalArgumentException.class, () -> new Randomization(
                Map.of(RandomParameter.DISTRACTOR_COUNT, new Distribution.Fixed(1.5)), Optional.empty(),
                Optional.empty(), 10));
        Randomization ok = new Randomization(Map.of(RandomParameter.FLOOR_TEXTURE,
                Distribution.Choice.of(List.of(0.0, 6.0))), Optional.empty(), Optional.empty(), 10);
        assertEquals(List.of("solid", "checker", "stripes", "noise", "brick", "wood", "concrete"),
                RandomParameter.FLOOR_TEXTURE.categories());
        assertTrue(ok.get(RandomParameter.FLOOR_TEXTURE).isPresent());
        assertTrue(Randomization.none().isEmpty());
    }

    @Test
    void everyParameterHasAUniqueKeyAndSaneDomain() {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (RandomParameter p : RandomParameter.values()) {
            assertTrue(keys.add(p.key()), p.key());
            assertTrue(p.domainMin() <= p.domainMax(), p.key());
            assertEquals(p, RandomParameter.byKey(p.key()).orElseThrow());
        }
    }

    @Test
    void curriculumWidensLinearly() {
        Curriculum c = new Curriculum(0.2, 0.5);
        assertEquals(0.2, c.widthAt(0), 1e-12);
        assertEquals(0.6, c.widthAt(0.25), 1e-12);
        assertEquals(1.0, c.widthAt(0.9), 1e-12);
    }

    @Test
    void nominalEpisodeUsesRegionCentresAndMiddleYaw() {
        Material m = Material.solid(Rgb.WHITE);
        Arena arena = new Arena(new Vec2(4, 4), 0.5, 0.1, m, m, 0.8);
        Robot robot = new Robot(0.16, 0.033, 1, 0.2, new CircleFootprint(0.1), 0.2, 2, 1, 3, 0.05,
                new CameraSpec(new Pose3(0, 0, 0.1, 0, 0, 0), 1.5, 64, 64, 0.01, 10),
                new LidarSpec(-1, 1, 10, 0.1, 3));
        Scenario s = new Scenario("t", "", arena, List.of(), robot,
                List.of(new StartSpec(new RectRegion(new Vec2(-1, -1), new Vec2(1, 1)), 0, Math.PI)),
                List.of(new GoalSpec(new CircleRegion(new Vec2(1, 1), 0.3), 0.2)), Lighting.DEFAULT, Limits.DEFAULT,
                Randomization.none());
        Episode e = Episode.nominal(s);
        assertEquals(new Pose2(-1, -1, Math.PI / 2), e.start());
        assertEquals(new Vec2(1, 1), e.goal());
        assertEquals(0.2, e.goalTolerance());
        assertEquals(Dynamics.NOMINAL, e.dynamics());
        assertEquals(CameraEffects.NOMINAL, e.cameraEffects());
    }
}
