package dev.wayfinder.render;

/**
 * The object id written per pixel into the segmentation image. Obstacle {@code i} of
 * {@code Episode.obstacles()} (in list order) has id {@link #OBSTACLE_BASE}{@code + i}.
 */
public final class SegmentationIds {
    /** Nothing hit (background above the walls). */
    public static final int BACKGROUND = 0;
    /** The floor. */
    public static final int FLOOR = 1;
    /** The four arena walls. */
    public static final int WALL = 2;
    /** The goal marker on the floor. */
    public static final int GOAL = 3;
    /** The robot body (not drawn in its own camera). */
    public static final int ROBOT = 4;
    /** Id of the first obstacle. */
    public static final int OBSTACLE_BASE = 10;

    private SegmentationIds() {}

    /** The id of obstacle {@code index} (0-based, in episode order). */
    public static int obstacle(int index) {
        return OBSTACLE_BASE + index;
    }

    /** A short name for {@code id}: background, floor, wall, goal, robot or obstacle[i]. */
    public static String name(int id) {
        return switch (id) {
            case BACKGROUND -> "background";
            case FLOOR -> "floor";
            case WALL -> "wall";
            case GOAL -> "goal";
            case ROBOT -> "robot";
            default -> id >= OBSTACLE_BASE ? "obstacle[" + (id - OBSTACLE_BASE) + "]" : "unknown(" + id + ")";
        };
    }
}
