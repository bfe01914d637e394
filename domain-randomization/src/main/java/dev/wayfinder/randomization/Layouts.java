package dev.wayfinder.randomization;

import static dev.wayfinder.scenarios.model.RandomParameter.DISTRACTOR_COUNT;
import static dev.wayfinder.scenarios.model.RandomParameter.DISTRACTOR_SIZE;
import static dev.wayfinder.scenarios.model.RandomParameter.EXTRA_OBSTACLE_COUNT;
import static dev.wayfinder.scenarios.model.RandomParameter.EXTRA_OBSTACLE_SIZE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_POSITION_JITTER;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_ROTATION;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_SIZE_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.START_GOAL_MIN_DISTANCE;

import dev.wayfinder.randomization.layout.Placement;
import dev.wayfinder.randomization.layout.Placement.Disc;
import dev.wayfinder.randomization.layout.Regions;
import dev.wayfinder.randomization.rng.Rng;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.Shape;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One layout attempt: obstacles jittered, rotated and scaled; start and goal drawn with the minimum
 * distance; extra obstacles and distractors placed in the layout area clear of start and goal.
 */
final class Layouts {
    /** Gap kept between an added object and the robot at its start or goal, metres. */
    static final double CLEARANCE_MARGIN = 0.05;
    /** Side or diameter of extra obstacles when the scenario does not randomize it, metres. */
    static final double DEFAULT_EXTRA_SIZE = 0.4;
    /** Side or diameter of distractors when the scenario does not randomize it, metres. */
    static final double DEFAULT_DISTRACTOR_SIZE = 0.15;
    /** Extra obstacles are at least this tall, so they are walls to the camera too, metres. */
    static final double MIN_EXTRA_HEIGHT = 0.5;
    /** Look of extra obstacles before the obstacle material parameters apply. */
    static final Material EXTRA_MATERIAL = Material.solid(Rgb.of8(0x8a, 0x8a, 0x8a));

    private static final double TWO_PI = 2 * StrictMath.PI;

    /** A drawn layout, or why the attempt failed (exactly one of the two). */
    record Outcome(List<Obstacle> obstacles, Pose2 start, GoalSpec goalSpec, Vec2 goal, String failure) {
        static Outcome failed(String why) {
            return new Outcome(List.of(), null, null, null, why);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private Layouts() {
    }

    /**
     * @param dressed the scenario's obstacles with their looks and physics already drawn, in file order
     */
    static Outcome draw(Draws d, Scenario s, List<Obstacle> dressed) {
        Arena arena = s.arena();
        List<Obstacle> obstacles = new ArrayList<>(dressed.size());
        for (Obstacle o : dressed) {
            obstacles.add(o.pinned() || o.kind() == ObstacleKind.MOVING ? o : move(d, o, arena));
        }
        Rng sg = d.stream("start_goal");
        double minDistance = d.value(START_GOAL_MIN_DISTANCE, 0);
        int tries = s.randomization().maxAttempts();
        Pose2 start = null;
        GoalSpec goalSpec = null;
        Vec2 goal = null;
        for (int t = 0; t < tries && goal == null; t++) {
            StartSpec ss = s.starts().get(sg.nextInt(s.starts().size()));
            Vec2 p = Regions.uniformPoint(ss.region(), sg);
            double yaw = sg.uniform(ss.yawMin(), ss.yawMax());
            GoalSpec gs = s.goals().get(sg.nextInt(s.goals().size()));
            Vec2 g = Regions.uniformPoint(gs.region(), sg);
            if (distance(p, g) >= minDistance) {
                start = new Pose2(p, yaw);
                goalSpec = gs;
                goal = g;
            }
        }
        if (goal == null) {
            return Outcome.failed(String.format(Locale.ROOT, "start_goal_min_distance %.2f m was not met in %d draws"
                    + " of start and goal (their regions are at most %.2f m apart)", minDistance, tries,
                    farthest(s)));
        }
        double robotRadius = s.robot().footprint().boundingRadius();
        List<Disc> keepClear = List.of(new Disc(start.position(), robotRadius + CLEARANCE_MARGIN),
                new Disc(goal, robotRadius + CLEARANCE_MARGIN));
        List<Disc> avoid = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (Obstacle o : obstacles) {
            avoid.add(new Disc(o.pose().position(), o.shape().boundingRadius()));
            taken.add(o.id());
        }
        Placement area = placement(s);
        int extras = (int) d.value(EXTRA_OBSTACLE_COUNT, 0);
        for (int i = 0; i < extras; i++) {
            String id = unique("extra-" + i, taken);
            Rng r = d.stream("extra_obstacle", id);
            double size = d.value(EXTRA_OBSTACLE_SIZE, DEFAULT_EXTRA_SIZE, id);
            double h = Math.max(size, MIN_EXTRA_HEIGHT);
            Shape shape = r.chance(0.5) ? new Box(size, size, h) : new Cylinder(size / 2, h);
            double yaw = r.uniform(0, TWO_PI);
            var spot = area.place(shape.boundingRadius(), keepClear, avoid, r);
            if (spot.isEmpty()) {
                return Outcome.failed(noRoom("extra obstacle " + id, size));
            }
            Obstacle o = Obstacle.fixed(id, shape, new Pose2(spot.get(), yaw), EXTRA_MATERIAL);
            obstacles.add(Physicals.obstacle(d, o));
            avoid.add(new Disc(spot.get(), shape.boundingRadius()));
        }
        int distractors = (int) d.value(DISTRACTOR_COUNT, 0);
        for (int i = 0; i < distractors; i++) {
            String id = unique("distractor-" + i, taken);
            Rng r = d.stream("distractor", id);
            double size = d.value(DISTRACTOR_SIZE, DEFAULT_DISTRACTOR_SIZE, id);
            Shape shape = r.chance(0.5) ? new Box(size, size, size) : new Cylinder(size / 2, size);
            double yaw = r.uniform(0, TWO_PI);
            Rgb colour = Rgb.fromHsv(r.uniform(0, TWO_PI), r.uniform(0.4, 1), r.uniform(0.4, 1));
            var spot = area.place(shape.boundingRadius(), keepClear, avoid, r);
            if (spot.isEmpty()) {
                return Outcome.failed(noRoom("distractor " + id, size));
            }
            obstacles.add(Obstacle.fixed(id, shape, new Pose2(spot.get(), yaw), Material.solid(colour)));
            avoid.add(new Disc(spot.get(), shape.boundingRadius()));
        }
        return new Outcome(obstacles, start, goalSpec, goal, null);
    }

    /** Jitter, rotation and scale of one unpinned static or pushable obstacle; its centre stays in the arena. */
    private static Obstacle move(Draws d, Obstacle o, Arena arena) {
        if (!d.has(OBSTACLE_POSITION_JITTER) && !d.has(OBSTACLE_ROTATION) && !d.has(OBSTACLE_SIZE_SCALE)) {
            return o;
        }
        String id = o.id();
        double x = o.pose().x() + d.value(OBSTACLE_POSITION_JITTER, 0, id, "x");
        double y = o.pose().y() + d.value(OBSTACLE_POSITION_JITTER, 0, id, "y");
        double yaw = o.pose().yaw() + d.value(OBSTACLE_ROTATION, 0, id);
        double scale = d.value(OBSTACLE_SIZE_SCALE, 1, id);
        Pose2 pose = new Pose2(Ranges.clamp(x, -arena.halfX(), arena.halfX()),
                Ranges.clamp(y, -arena.halfY(), arena.halfY()), yaw);
        Obstacle moved = o.withPose(pose);
        return scale == 1 ? moved : moved.withShape(o.shape().scaled(scale));
    }

    /** The layout area (or the arena) intersected with the arena interior. */
    static Placement placement(Scenario s) {
        Arena a = s.arena();
        RectRegion area = s.randomization().layoutArea().orElse(new RectRegion(Vec2.ZERO, a.size()));
        Vec2 lo = area.min();
        Vec2 hi = area.max();
        return new Placement(new Vec2(Math.max(lo.x(), -a.halfX()), Math.max(lo.y(), -a.halfY())),
                new Vec2(Math.min(hi.x(), a.halfX()), Math.min(hi.y(), a.halfY())));
    }

    private static String unique(String base, Set<String> taken) {
        String id = base;
        for (int k = 1; taken.contains(id); k++) {
            id = base + "-" + k;
        }
        taken.add(id);
        return id;
    }

    private static String noRoom(String what, double size) {
        return String.format(Locale.ROOT, "no room for %s (%.2f m) in the layout area clear of the start and goal",
                what, size);
    }

    static double distance(Vec2 a, Vec2 b) {
        double dx = a.x() - b.x();
        double dy = a.y() - b.y();
        return StrictMath.sqrt(dx * dx + dy * dy);
    }

    /** Largest distance between the bounding boxes of any start region and any goal region, metres. */
    private static double farthest(Scenario s) {
        double best = 0;
        for (StartSpec ss : s.starts()) {
            for (GoalSpec gs : s.goals()) {
                double dx = Math.max(ss.region().max().x() - gs.region().min().x(),
                        gs.region().max().x() - ss.region().min().x());
                double dy = Math.max(ss.region().max().y() - gs.region().min().y(),
                        gs.region().max().y() - ss.region().min().y());
                best = Math.max(best, StrictMath.sqrt(dx * dx + dy * dy));
            }
        }
        return best;
    }
}
