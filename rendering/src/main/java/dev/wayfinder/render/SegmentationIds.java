package dev.wayfinder.render;

/**
 * The object id written per pixel into the segmentation image, the same numbering as physics-sim's World:
 * body {@code b} has id {@link #ROBOT}{@code + b}, so the robot (body 0) is 3 and obstacle {@code i} of
 * {@code Episode.obstacles()} (body {@code 1 + i}) is {@link #OBSTACLE_BASE}{@code + i}. The goal marker
 * is not a body and has the fixed id {@link #GOAL}.
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
