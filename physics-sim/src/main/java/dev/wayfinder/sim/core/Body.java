package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Shape;

import java.util.Objects;
import java.util.Optional;

/**
 * One body of a compiled {@link World}: the robot (index {@link World#ROBOT}) or an obstacle. Its current
 * pose lives in {@link SimState#bodyPose(int, double[])}.
 *
 * @param index          position in {@link World#bodies()}
 * @param id             the obstacle id, or {@code "robot"}
 * @param kind           how it moves
 * @param shape          its solid shape, standing on the floor centred on its pose (the robot's footprint
 *                       extruded to its height)
 * @param material       its look; empty for the robot (the renderer chooses)
 * @param segmentationId the id written into segmentation images, &gt;= {@link SegmentationIds#ROBOT}
 * @param obstacle       the obstacle it was compiled from; empty for the robot
 */
public record Body(int index, String id, BodyKind kind, Shape shape, Optional<Material> material,
                   int segmentationId, Optional<Obstacle> obstacle) {
    public Body {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(obstacle, "obstacle");
        if (segmentationId < SegmentationIds.ROBOT) {
            throw new IllegalArgumentException("segmentationId must be >= " + SegmentationIds.ROBOT + ", got "
                    + segmentationId);
        }
    }
}
