package dev.wayfinder.scenarios.io;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.BoxFootprint;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Patrol;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a scenario as canonical YAML: fixed key order, every value explicit, angles in degrees, numbers
 * in the shortest form that loads back to the identical value, so that
 * {@code ScenarioLoader.parse(write(s)).equals(s)}. Comments of the original file are not kept.
 * Thread-safe (stateless).
 */
public final class ScenarioWriter {
    private ScenarioWriter() {
    }

    /** The YAML text of {@code s}. */
    public static String write(Scenario s) {
        StringBuilder b = new StringBuilder(4096);
        b.append("# Wayfinder scenario (canonical form). Units: metres, seconds, kilograms; angles in degrees.\n");
        b.append("name: ").append(quote(s.name())).append('\n');
        b.append("description: ").append(quote(s.description())).append('\n');
        arena(b, s.arena());
        robot(b, s.robot());
        if (s.obstacles().isEmpty()) {
            b.append("obstacles: []\n");
        } else {
            b.append("obstacles:\n");
            for (Obstacle o : s.obstacles()) {
                obstacle(b, o);
            }
        }
        b.append("starts:\n");
        for (StartSpec st : s.starts()) {
            b.append("  - ");
            region(b, st.region());
            if (st.yawMin() == st.yawMax()) {
                b.append("    yaw: ").append(Angles.degrees(st.yawMin())).append('\n');
            } else {
                b.append("    yaw_min: ").append(Angles.degrees(st.yawMin())).append('\n');
                b.append("    yaw_max: ").append(Angles.degrees(st.yawMax())).append('\n');
            }
        }
        b.append("goals:\n");
        for (GoalSpec g : s.goals()) {
            b.append("  - ");
            region(b, g.region());
            b.append("    tolerance: ").append(Numbers.format(g.tolerance())).append('\n');
        }
        lighting(b, s.lighting());
        b.append("limits:\n");
        b.append("  max_steps: ").append(s.limits().maxSteps()).append('\n');
        b.append("  control_rate: ").append(Numbers.format(s.limits().controlRate())).append('\n');
        RandomizationWriter.write(b, s.randomization());
        return b.toString();
    }

    /** Writes {@code s} to {@code file} (UTF-8), replacing it. */
    public static void write(Scenario s, Path file) throws IOException {
        Files.writeString(file, write(s), StandardCharsets.UTF_8);
    }

    private static void arena(StringBuilder b, Arena a) {
        b.append("arena:\n");
        b.append("  size: ").append(vec(a.size())).append('\n');
        b.append("  wall_height: ").append(Numbers.format(a.wallHeight())).append('\n');
        b.append("  wall_thickness: ").append(Numbers.format(a.wallThickness())).append('\n');
        b.append("  wall_material: ").append(material(a.wallMaterial())).append('\n');
        b.append("  floor_material: ").append(material(a.floorMaterial())).append('\n');
        b.append("  floor_friction: ").append(Numbers.format(a.floorFriction())).append('\n');
    }

    private static void robot(StringBuilder b, Robot r) {
        b.append("robot:\n");
        b.append("  wheel_base: ").append(Numbers.format(r.wheelBase())).append('\n');
        b.append("  wheel_radius: ").append(Numbers.format(r.wheelRadius())).append('\n');
        b.append("  mass: ").append(Numbers.format(r.mass())).append('\n');
        b.append("  height: ").append(Numbers.format(r.height())).append('\n');
        b.append("  footprint: ").append(switch (r.footprint()) {
            case CircleFootprint c -> "{radius: " + Numbers.format(c.radius()) + "}";
            case BoxFootprint x -> "{length: " + Numbers.format(x.length()) + ", width: " + Numbers.format(x.width())
                    + "}";
        }).append('\n');
        b.append("  max_linear_speed: ").append(Numbers.format(r.maxLinearSpeed())).append('\n');
        b.append("  max_angular_speed: ").append(Angles.degrees(r.maxAngularSpeed())).append('\n');
        b.append("  max_linear_accel: ").append(Numbers.format(r.maxLinearAccel())).append('\n');
        b.append("  max_angular_accel: ").append(Angles.degrees(r.maxAngularAccel())).append('\n');
        b.append("  motor_lag: ").append(Numbers.format(r.motorLag())).append('\n');
        CameraSpec c = r.camera();
        Pose3 m = c.mount();
        b.append("  camera:\n");
        b.append("    mount: {x: ").append(Numbers.format(m.x())).append(", y: ").append(Numbers.format(m.y()))
                .append(", z: ").append(Numbers.format(m.z())).append(", roll: ").append(Angles.degrees(m.roll()))
                .append(", pitch: ").append(Angles.degrees(m.pitch())).append(", yaw: ")
                .append(Angles.degrees(m.yaw())).append("}\n");
        b.append("    fov: ").append(Angles.degrees(c.horizontalFov())).append('\n');
        b.append("    width: ").append(c.width()).append('\n');
        b.append("    height: ").append(c.height()).append('\n');
        b.append("    near: ").append(Numbers.format(c.near())).append('\n');
        b.append("    far: ").append(Numbers.format(c.far())).append('\n');
        LidarSpec l = r.lidar();
        b.append("  lidar:\n");
        b.append("    angle_min: ").append(Angles.degrees(l.angleMin())).append('\n');
        b.append("    angle_max: ").append(Angles.degrees(l.angleMax())).append('\n');
        b.append("    beams: ").append(l.beams()).append('\n');
        b.append("    range_min: ").append(Numbers.format(l.rangeMin())).append('\n');
        b.append("    range_max: ").append(Numbers.format(l.rangeMax())).append('\n');
    }

    private static void obstacle(StringBuilder b, Obstacle o) {
        b.append("  - id: ").append(quote(o.id())).append('\n');
        switch (o.shape()) {
            case Box x -> b.append("    shape: box\n    size: {x: ").append(Numbers.format(x.size().x()))
                    .append(", y: ").append(Numbers.format(x.size().y())).append(", z: ")
                    .append(Numbers.format(x.size().z())).append("}\n");
            case Cylinder c -> b.append("    shape: cylinder\n    radius: ").append(Numbers.format(c.radius()))
                    .append("\n    height: ").append(Numbers.format(c.height())).append('\n');
        }
        b.append("    pose: {x: ").append(Numbers.format(o.pose().x())).append(", y: ")
                .append(Numbers.format(o.pose().y())).append(", yaw: ").append(Angles.degrees(o.pose().yaw()))
                .append("}\n");
        b.append("    material: ").append(material(o.material())).append('\n');
        b.append("    friction: ").append(Numbers.format(o.friction())).append('\n');
        b.append("    kind: ").append(o.kind().key()).append('\n');
        switch (o.kind()) {
            case PUSHABLE -> b.append("    mass: ").append(Numbers.format(o.mass())).append('\n');
            case MOVING -> {
                Patrol p = o.patrol().orElseThrow();
                b.append("    patrol:\n      waypoints: [");
                for (int i = 0; i < p.waypoints().size(); i++) {
                    b.append(i == 0 ? "" : ", ").append(vec(p.waypoints().get(i)));
                }
                b.append("]\n      speed: ").append(Numbers.format(p.speed())).append('\n');
                b.append("      mode: ").append(p.mode().key()).append('\n');
            }
            default -> { }
        }
        b.append("    pinned: ").append(o.pinned()).append('\n');
    }

    /** Writes the region keys; the first line continues a "  - " list item. */
    private static void region(StringBuilder b, Region r) {
        b.append("center: ").append(vec(r.center())).append('\n');
        switch (r) {
            case RectRegion x -> b.append("    size: ").append(vec(x.size())).append('\n');
            case CircleRegion c -> b.append("    radius: ").append(Numbers.format(c.radius())).append('\n');
        }
    }

    private static void lighting(StringBuilder b, Lighting l) {
        b.append("lighting:\n");
        b.append("  azimuth: ").append(Angles.degrees(l.azimuth())).append('\n');
        b.append("  elevation: ").append(Angles.degrees(l.elevation())).append('\n');
        b.append("  color: ").append(quote(l.color().hex())).append('\n');
        b.append("  intensity: ").append(Numbers.format(l.intensity())).append('\n');
        b.append("  ambient: ").append(Numbers.format(l.ambient())).append('\n');
        b.append("  background: ").append(quote(l.background().hex())).append('\n');
        b.append("  fog_density: ").append(Numbers.format(l.fogDensity())).append('\n');
    }

    static String vec(Vec2 v) {
        return "{x: " + Numbers.format(v.x()) + ", y: " + Numbers.format(v.y()) + "}";
    }

    static String material(Material m) {
        if (m.texture() == TextureKind.SOLID && m.color2().equals(m.color()) && m.scale() == Material.DEFAULT_SCALE) {
            return quote(m.color().hex());
        }
        return "{color: " + quote(m.color().hex()) + ", texture: " + m.texture().key() + ", color2: "
                + quote(m.color2().hex()) + ", scale: " + Numbers.format(m.scale()) + "}";
    }

    /** A double-quoted YAML string. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
                            || c == 0xfeff || Character.isSurrogate(c) && !validSurrogate(s, i)) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
