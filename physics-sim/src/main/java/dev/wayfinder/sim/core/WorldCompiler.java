package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.BoxFootprint;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Robot;
import dev.wayfinder.scenarios.model.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compiles an {@link Episode} into an immutable {@link World}: bodies with segmentation ids, patrol paths,
 * substep length and the static planar geometry the lidar casts against. Stateless and thread-safe.
 */
public final class WorldCompiler {
    private WorldCompiler() {
    }

    /** Compiles {@code episode}; never returns null. */
    public static World compile(Episode episode) {
        Objects.requireNonNull(episode, "episode");
        List<Body> bodies = new ArrayList<>();
        bodies.add(new Body(World.ROBOT, "robot", BodyKind.ROBOT, robotShape(episode.robot()), Optional.empty(),
                SegmentationIds.body(World.ROBOT), Optional.empty()));
        int n = episode.obstacles().size();
        PatrolPath[] patrols = new PatrolPath[n + 1];
        int staticBoxes = 0;
        int staticCylinders = 0;
        for (int i = 0; i < n; i++) {
            Obstacle o = episode.obstacles().get(i);
            int index = i + 1;
            bodies.add(new Body(index, o.id(), kind(o.kind()), o.shape(), Optional.of(o.material()),
                    SegmentationIds.body(index), Optional.of(o)));
            if (o.kind() == ObstacleKind.MOVING) {
                patrols[index] = new PatrolPath(o.pose().position(), o.patrol().orElseThrow());
            } else if (o.kind() == ObstacleKind.STATIC) {
                if (o.shape() instanceof Box) {
                    staticBoxes++;
                } else {
                    staticCylinders++;
                }
            }
        }
        double[] segments = new double[(4 + 4 * staticBoxes) * 4];
        double[] circles = new double[3 * staticCylinders];
        Arena a = episode.arena();
        int at = Geometry2d.boxEdges(0, 0, 0, a.size().x(), a.size().y(), segments, 0);
        int c = 0;
        for (Obstacle o : episode.obstacles()) {
            if (o.kind() != ObstacleKind.STATIC) {
                continue;
            }
            if (o.shape() instanceof Box b) {
                at = Geometry2d.boxEdges(o.pose().x(), o.pose().y(), o.pose().yaw(), b.size().x(), b.size().y(),
                        segments, at);
            } else if (o.shape() instanceof Cylinder cy) {
                circles[c++] = o.pose().x();
                circles[c++] = o.pose().y();
                circles[c++] = cy.radius();
            }
        }
        return new World(episode, bodies, patrols, segments, circles);
    }

    /** The robot's collision solid: its footprint extruded to its height. */
    public static Shape robotShape(Robot r) {
        return switch (r.footprint()) {
            case CircleFootprint c -> new Cylinder(c.radius(), r.height());
            case BoxFootprint b -> new Box(b.length(), b.width(), r.height());
        };
    }

    private static BodyKind kind(ObstacleKind k) {
        return switch (k) {
            case STATIC -> BodyKind.STATIC;
            case PUSHABLE -> BodyKind.PUSHABLE;
            case MOVING -> BodyKind.MOVING;
        };
    }
}
