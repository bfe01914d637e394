package dev.wayfinder.render;

import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.BoxFootprint;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.CircleFootprint;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Lighting;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.sim.core.SegmentationIds;
import java.util.ArrayList;
import java.util.List;

/**
 * What the renderer draws for one episode, compiled once from an {@link Episode}: static geometry (floor,
 * walls, goal marker), the robot and the obstacles, their materials, the lighting and the robot camera.
 * Immutable and thread-safe; share one between renderers.
 *
 * <p>Every part belongs to a <em>body</em>: body 0 is the robot, body {@code 1 + i} is obstacle {@code i}
 * of the episode, and static parts have no body. {@link ObjectPoses} carries the bodies' floor poses for
 * each frame.
 *
 * <p>The goal marker (a flat green disc of the goal tolerance's radius) is a visualisation for people:
 * free cameras and overviews draw it, the robot camera does not, since nothing marks the goal for a real
 * robot and a policy must find it from its goal vector. {@link #withGoalInRobotCamera} makes a scene that
 * shows it to the robot camera too (for tasks that do mark the goal).
 */
public final class RenderScene {
    /** No body: a static part. */
    static final int STATIC = -1;

    /**
     * One drawable part: a box or cylinder placed relative to its body (or to the world when static).
     *
     * @param cylinder  true for a cylinder (size x = y = diameter), false for a box
     * @param dx        offset along the body's heading, metres
     * @param dy        offset across the body's heading, metres
     * @param z         height of the bottom, metres
     * @param yaw       yaw relative to the body, radians
     * @param sx        size along x, metres
     * @param sy        size along y, metres
     * @param sz        height, metres
     * @param material  surface look
     * @param segId     segmentation id (see {@link SegmentationIds})
     * @param body      body index, or -1 for static parts
     */
    record Part(boolean cylinder, double dx, double dy, double z, double yaw, double sx, double sy, double sz,
                Material material, int segId, int body) {}

    /**
     * Parts drawn with one program and mesh: same shape and texture kind.
     *
     * @param cylinder true for cylinders
     * @param kind     texture kind code
     * @param parts    the parts, in drawing order
     * @param colorBase index of the first part's colours in {@link #linearColors()}
     */
    record Group(boolean cylinder, int kind, List<Part> parts, int colorBase) {}

    private final Episode episode;
    private final List<Group> groups;
    private final int partCount;
    private final float[] linearColors;
    private final float[] lightingUniforms;
    private final boolean goalInRobotCamera;
    private final List<Part> parts;

    private RenderScene(Episode episode, List<Part> parts, boolean goalInRobotCamera) {
        this.episode = episode;
        this.parts = List.copyOf(parts);
        this.goalInRobotCamera = goalInRobotCamera;
        // Near things first, walls then floor last, so that early depth testing skips hidden floor pixels;
        // within a layer one group per (shape, texture kind).
        List<Part> sorted = new ArrayList<>(parts);
        sorted.sort(java.util.Comparator.comparingInt(RenderScene::layer)
                .thenComparing(Part::cylinder)
                .thenComparingInt(p -> textureCode(p.material().texture())));
        List<Group> gs = new ArrayList<>();
        this.partCount = sorted.size();
        this.linearColors = new float[partCount * 6];
        int k = 0;
        int i = 0;
        while (i < sorted.size()) {
            Part first = sorted.get(i);
            int kind = textureCode(first.material().texture());
            int j = i;
            while (j < sorted.size() && layer(sorted.get(j)) == layer(first) && sorted.get(j).cylinder() == first.cylinder()
                    && textureCode(sorted.get(j).material().texture()) == kind) {
                j++;
            }
            gs.add(new Group(first.cylinder(), kind, List.copyOf(sorted.subList(i, j)), k));
            for (int q = i; q < j; q++) {
                k = putLinear(linearColors, k, sorted.get(q).material().color());
                k = putLinear(linearColors, k, sorted.get(q).material().color2());
            }
            i = j;
        }
        this.groups = List.copyOf(gs);
        this.lightingUniforms = lightingUniforms(episode.lighting());
    }

    private static int layer(Part p) {
        return p.segId() == SegmentationIds.FLOOR ? 2 : p.segId() == SegmentationIds.WALL ? 1 : 0;
    }

    private static int putLinear(float[] out, int k, Rgb c) {
        out[k] = linear(c.r());
        out[k + 1] = linear(c.g());
        out[k + 2] = linear(c.b());
        return k + 3;
    }

    private static float[] lightingUniforms(Lighting l) {
        var toLight = l.towardLight();
        float k = (float) l.intensity();
        Rgb c = l.color();
        Rgb bg = l.background();
        return new float[] {(float) toLight.x(), (float) toLight.y(), (float) toLight.z(),
            k * linear(c.r()), k * linear(c.g()), k * linear(c.b()), (float) l.ambient(),
            linear(bg.r()), linear(bg.g()), linear(bg.b()), (float) l.fogDensity()};
    }

    /** Shader lighting uniforms: toward-light (3), light colour x intensity (3), ambient, fog colour (3), fog density. */
    float[] lightingUniforms() {
        return lightingUniforms;
    }

    /** sRGB component to linear, approximated as gamma 2 (the shader encodes back with a square root). */
    static float linear(double srgb) {
        return (float) (srgb * srgb);
    }

    /** Compiles {@code episode} into a scene. */
    public static RenderScene of(Episode episode) {
        List<Part> parts = new ArrayList<>();
        var arena = episode.arena();
        double hx = arena.halfX();
        double hy = arena.halfY();
        double t = arena.wallThickness();
        double h = arena.wallHeight();
        double floorT = 0.05;
        parts.add(new Part(false, 0, 0, -floorT, 0, 2 * (hx + t), 2 * (hy + t), floorT,
                arena.floorMaterial(), SegmentationIds.FLOOR, STATIC));
        Material wall = arena.wallMaterial();
        parts.add(new Part(false, hx + t / 2, 0, 0, 0, t, 2 * (hy + t), h, wall, SegmentationIds.WALL, STATIC));
        parts.add(new Part(false, -hx - t / 2, 0, 0, 0, t, 2 * (hy + t), h, wall, SegmentationIds.WALL, STATIC));
        parts.add(new Part(false, 0, hy + t / 2, 0, 0, 2 * hx, t, h, wall, SegmentationIds.WALL, STATIC));
        parts.add(new Part(false, 0, -hy - t / 2, 0, 0, 2 * hx, t, h, wall, SegmentationIds.WALL, STATIC));
        double gr = episode.goalTolerance();
        Material goal = Material.solid(Rgb.of8(0x20, 0xd0, 0x50));
        parts.add(new Part(true, episode.goal().x(), episode.goal().y(), 0, 0, 2 * gr, 2 * gr, 0.004, goal,
                SegmentationIds.GOAL, STATIC));
        addRobot(parts, episode);
        List<Obstacle> obstacles = episode.obstacles();
        for (int i = 0; i < obstacles.size(); i++) {
            Obstacle o = obstacles.get(i);
            int id = SegmentationIds.obstacle(i);
            if (o.shape() instanceof Box bx) {
                parts.add(new Part(false, 0, 0, 0, 0, bx.size().x(), bx.size().y(), bx.size().z(), o.material(),
                        id, 1 + i));
            } else if (o.shape() instanceof Cylinder cy) {
                parts.add(new Part(true, 0, 0, 0, 0, 2 * cy.radius(), 2 * cy.radius(), cy.height(), o.material(),
                        id, 1 + i));
            }
        }
        return new RenderScene(episode, parts, false);
    }

    /**
     * This scene with the goal marker shown to the robot camera ({@code true}) or hidden from it
     * ({@code false}, the default of {@link #of}). Free cameras always show it.
     */
    public RenderScene withGoalInRobotCamera(boolean show) {
        return show == goalInRobotCamera ? this : new RenderScene(episode, parts, show);
    }

    /** Whether the robot camera sees the goal marker (false unless asked for). */
    public boolean goalInRobotCamera() {
        return goalInRobotCamera;
    }

    private static void addRobot(List<Part> parts, Episode episode) {
        var robot = episode.robot();
        Material body = Material.solid(Rgb.of8(0x3a, 0x3f, 0x4a));
        Material nose = Material.solid(Rgb.of8(0xff, 0x8c, 0x1a));
        double h = robot.height();
        double front;
        if (robot.footprint() instanceof CircleFootprint c) {
            parts.add(new Part(true, 0, 0, 0, 0, 2 * c.radius(), 2 * c.radius(), h, body, SegmentationIds.ROBOT, 0));
            front = c.radius();
        } else {
            BoxFootprint b = (BoxFootprint) robot.footprint();
            parts.add(new Part(false, 0, 0, 0, 0, b.length(), b.width(), h, body, SegmentationIds.ROBOT, 0));
            front = b.length() / 2;
        }
        // A bright marker on top toward the front shows the heading in overviews.
        double w = Math.max(0.02, front * 0.6);
        parts.add(new Part(false, front * 0.55, 0, h, 0, front * 0.7, w, Math.max(0.01, h * 0.15), nose,
                SegmentationIds.ROBOT, 0));
    }

    /** The episode this scene was compiled from. */
    public Episode episode() {
        return episode;
    }

    /** The robot camera. */
    public CameraSpec camera() {
        return episode.robot().camera();
    }

    /** The lighting. */
    public Lighting lighting() {
        return episode.lighting();
    }

    /** Number of bodies: the robot plus every obstacle. */
    public int bodyCount() {
        return 1 + episode.obstacles().size();
    }

    /** Draw groups in drawing order. */
    List<Group> groups() {
        return groups;
    }

    /** Number of parts over all groups. */
    int partCount() {
        return partCount;
    }

    /** Linear colours (r1 g1 b1 r2 g2 b2) per part, in group order. */
    float[] linearColors() {
        return linearColors;
    }

    /** Shader texture kind code. */
    static int textureCode(TextureKind k) {
        return k.ordinal();
    }
}
