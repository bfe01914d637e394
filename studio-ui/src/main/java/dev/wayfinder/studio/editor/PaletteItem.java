package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Vec2;

/**
 * What the palette adds: a new obstacle of a sensible size, id prefix and look. Colours are 8-bit (as scenario files
 * write them), so a new obstacle saves and loads back unchanged.
 */
public enum PaletteItem {
    /** A static box, 0.5 x 0.5 x 0.5 m. */
    BOX("box", "Box"),
    /** A static cylinder, radius 0.2 m, 0.5 m high. */
    CYLINDER("cylinder", "Cylinder"),
    /** A pushable box, 0.4 x 0.4 x 0.4 m, 3 kg. */
    PUSHABLE("crate", "Pushable box"),
    /** A static wall segment, 2 x 0.1 x 0.5 m. */
    WALL("wall", "Wall");

    private final String prefix;
    private final String label;

    PaletteItem(String prefix, String label) {
        this.prefix = prefix;
        this.label = label;
    }

    /** Prefix of the ids this item gets ({@code box-3}). */
    public String prefix() {
        return prefix;
    }

    /** Shown in the palette. */
    public String label() {
        return label;
    }

    /** A new obstacle of this kind with {@code id}, centred at {@code at}, heading +x. */
    public Obstacle create(String id, Vec2 at) {
        Pose2 pose = new Pose2(at, 0);
        return switch (this) {
            case BOX -> Obstacle.fixed(id, new Box(0.5, 0.5, 0.5), pose, Material.solid(Rgb.parse("#8c919e")));
            case CYLINDER -> Obstacle.fixed(id, new Cylinder(0.2, 0.5), pose, Material.solid(Rgb.parse("#7399b3")));
            case PUSHABLE -> Obstacle.pushable(id, new Box(0.4, 0.4, 0.4), pose,
                    Material.solid(Rgb.parse("#b88c59")), 3);
            case WALL -> Obstacle.fixed(id, new Box(2, 0.1, 0.5), pose, Material.solid(Rgb.parse("#ccc7bd")));
        };
    }
}
