package dev.wayfinder.scenarios.model;

import java.util.Optional;

/**
 * An obstacle standing on the floor.
 *
 * @param id       unique within its scenario; letters, digits, '-', '_' and '.'
 * @param shape    box or cylinder
 * @param pose     position of the shape's centre on the floor and its yaw (radians)
 * @param material look
 * @param friction Coulomb friction coefficient against the robot and the floor, finite, &gt;= 0
 * @param kind     static, pushable or moving
 * @param mass     kilograms: finite and &gt; 0 for {@link ObstacleKind#PUSHABLE}, exactly 0 otherwise
 * @param patrol   present exactly for {@link ObstacleKind#MOVING}
 * @param pinned   true when layout randomization must not move, resize or rotate this obstacle
 *                 (maze walls, shelves)
 */
public record Obstacle(String id, Shape shape, Pose2 pose, Material material, double friction,
                       ObstacleKind kind, double mass, Optional<Patrol> patrol, boolean pinned) {
    /** Default friction coefficient. */
    public static final double DEFAULT_FRICTION = 0.5;

    public Obstacle {
        Checks.notNull("id", id);
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(
                    "id must be 1-64 letters, digits, '-', '_' or '.', got \"" + id + "\"");
        }
        Checks.notNull("shape", shape);
        Checks.notNull("pose", pose);
        Checks.notNull("material", material);
        Checks.nonNegative("friction", friction);
        Checks.notNull("kind", kind);
        Checks.notNull("patrol", patrol);
        Checks.finite("mass", mass);
        if (kind == ObstacleKind.PUSHABLE) {
            Checks.positive("mass", mass);
        } else if (mass != 0) {
            throw new IllegalArgumentException("mass applies only to pushable obstacles, got " + mass
                    + " for a " + kind.key() + " one");
        }
        if (kind == ObstacleKind.MOVING && patrol.isEmpty()) {
            throw new IllegalArgumentException("a moving obstacle needs a patrol");
        }
        if (kind != ObstacleKind.MOVING && patrol.isPresent()) {
            throw new IllegalArgumentException("patrol applies only to moving obstacles");
        }
    }

    /** A static obstacle with default friction, not pinned. */
    public static Obstacle fixed(String id, Shape shape, Pose2 pose, Material material) {
        return new Obstacle(id, shape, pose, material, DEFAULT_FRICTION, ObstacleKind.STATIC, 0,
                Optional.empty(), false);
    }

    /** A pushable obstacle of {@code mass} kilograms with default friction. */
    public static Obstacle pushable(String id, Shape shape, Pose2 pose, Material material, double mass) {
        return new Obstacle(id, shape, pose, material, DEFAULT_FRICTION, ObstacleKind.PUSHABLE, mass,
                Optional.empty(), false);
    }

    /** A moving obstacle following {@code patrol}, default friction. */
    public static Obstacle moving(String id, Shape shape, Pose2 pose, Material material, Patrol patrol) {
        return new Obstacle(id, shape, pose, material, DEFAULT_FRICTION, ObstacleKind.MOVING, 0,
                Optional.of(patrol), false);
    }

    /** This obstacle at another pose. */
    public Obstacle withPose(Pose2 newPose) {
        return new Obstacle(id, shape, newPose, material, friction, kind, mass, patrol, pinned);
    }

    /** This obstacle with another shape. */
    public Obstacle withShape(Shape newShape) {
        return new Obstacle(id, newShape, pose, material, friction, kind, mass, patrol, pinned);
    }

    /** This obstacle with another material. */
    public Obstacle withMaterial(Material newMaterial) {
        return new Obstacle(id, shape, pose, newMaterial, friction, kind, mass, patrol, pinned);
    }

    /** This obstacle with another friction coefficient and mass (mass must stay 0 unless pushable). */
    public Obstacle withPhysics(double newFriction, double newMass) {
        return new Obstacle(id, shape, pose, material, newFriction, kind, newMass, patrol, pinned);
    }
}
