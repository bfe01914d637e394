package dev.wayfinder.sim.core;

/**
 * The object id written per pixel into segmentation images (the camera frame's
 * {@code CameraFrame#segmentation()}, the renderer's picking ids), defined once here for the simulator, the
 * renderer and the training labels: body {@code b} of a {@link World} has id {@link #body}{@code (b)}, so the
 * robot (body 0) is {@link #ROBOT} and obstacle {@code i} of {@code Episode.obstacles()} (body {@code 1 + i}) is
 * {@link #obstacle}{@code (i)}. The floor and the walls are not bodies and have fixed ids, as has the goal
 * marker (drawn for people, never in the robot camera).
 */
public final class SegmentationIds {
    /** Nothing hit (background above the walls). */
    public static final int BACKGROUND = 0;
    /** The floor. */
    public static final int FLOOR = 1;
    /** The four arena walls. */
    public static final int WALL = 2;
    /** The robot body, body 0 (not drawn in its own camera). */
    public static final int ROBOT = 3;
    /** Id of the first obstacle (body 1). */
    public static final int OBSTACLE_BASE = 4;
    /** The goal marker on the floor (above any body id of a practical episode). */
    public static final int GOAL = 65535;

    private SegmentationIds() {}

    /** The id of obstacle {@code index} (0-based, in episode order). */
    public static int obstacle(int index) {
        return OBSTACLE_BASE + index;
    }

    /** The id of body {@code body} (0 = robot, 1 + i = obstacle i). */
    public static int body(int body) {
        return ROBOT + body;
    }

    /** A short name for {@code id}: background, floor, wall, goal, robot or obstacle[i]. */
    public static String name(int id) {
        return switch (id) {
            case BACKGROUND -> "background";
            case FLOOR -> "floor";
            case WALL -> "wall";
            case GOAL -> "goal";
            case ROBOT -> "robot";
            default -> id >= OBSTACLE_BASE && id < GOAL ? "obstacle[" + (id - OBSTACLE_BASE) + "]" : "unknown(" + id + ")";
        };
    }
}
