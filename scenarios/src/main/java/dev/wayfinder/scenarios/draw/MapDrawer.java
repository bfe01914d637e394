package dev.wayfinder.scenarios.draw;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.AStar;
import dev.wayfinder.scenarios.planning.OccupancyGrid;
import dev.wayfinder.scenarios.planning.Path;
import dev.wayfinder.scenarios.validate.ScenarioValidator;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Top-down maps of scenarios and episodes, drawn with java.awt into a {@link BufferedImage} (works
 * headless): floor, walls, obstacles in their material colour (pushables with a dashed outline and a
 * cross, moving ones with an orange outline and their patrol path), start regions with yaw arrows, goal
 * regions with the tolerance circle, the planned path, a scale bar, axes and a title. +x points right and
 * +y up, as seen from above. Thread-safe (stateless).
 */
public final class MapDrawer {
    /**
     * Drawing options.
     *
     * @param size     pixels of the longer side of the map area, 64..8192
     * @param showPath whether to plan and draw the path (costs an A* run per start/goal pair)
     * @param title    text above the map; empty = the scenario name and description
     */
    public record Options(int size, boolean showPath, Optional<String> title) {
        public static final Options DEFAULT = new Options(800, true, Optional.empty());

        public Options {
            if (size < 64 || size > 8192) {
                throw new IllegalArgumentException("size must be in [64, 8192] pixels, got " + size);
            }
            java.util.Objects.requireNonNull(title, "title");
        }

        /** These options at another size. */
        public Options withSize(int newSize) {
            return new Options(newSize, showPath, title);
        }
    }

    /** Colour of start regions and poses; other map views (the studio's editor) use the same ones. */
    public static final Color START = new Color(0x2e7d32);
    /** Colour of goal regions and tolerance circles. */
    public static final Color GOAL = new Color(0xc62828);
    /** Colour of planned paths. */
    public static final Color PATH = new Color(0x1565c0);
    /** Colour of moving obstacles' outlines and patrols. */
    public static final Color MOVING = new Color(0xef6c00);

    private MapDrawer() {
    }

    /** Most start/goal pairs whose path is drawn (the first starts and goals). */
    public static final int MAX_PATHS = 16;

    /**
     * A map of a scenario: every start and goal region and the planned path of start/goal pairs (at most
     * {@link #MAX_PATHS}).
     */
    public static BufferedImage draw(Scenario s, Options o) {
        Canvas c = new Canvas(s.arena(), o.size(), o.title().orElse(s.name() + " \u2014 " + s.description()));
        c.floorAndWalls();
        for (Obstacle ob : s.obstacles()) {
            c.obstacle(ob);
        }
        for (var g : s.goals()) {
            c.goalRegion(g.region(), g.tolerance());
        }
        for (StartSpec st : s.starts()) {
            c.startRegion(st, s.robot().footprint().boundingRadius());
        }
        if (o.showPath()) {
            plannedPaths(s).forEach(c::path);
        }
        c.decorations();
        return c.image();
    }

    /** A map of one episode: its obstacles, start pose, goal point with tolerance and the planned path. */
    public static BufferedImage draw(Episode e, Options o) {
        Canvas c = new Canvas(e.arena(), o.size(), o.title().orElse(e.scenarioName() + " \u2014 seed " + e.seed()));
        c.floorAndWalls();
        for (Obstacle ob : e.obstacles()) {
            c.obstacle(ob);
        }
        c.goalPoint(e.goal(), e.goalTolerance());
        c.startPose(e.start(), e.robot().footprint().boundingRadius());
        if (o.showPath()) {
            OccupancyGrid grid = ScenarioValidator.solvabilityGrid(e);
            AStar.plan(grid, e.start().position(), e.goal()).map(p -> AStar.shortcut(grid, p)).ifPresent(c::path);
        }
        c.decorations();
        return c.image();
    }

    /**
     * The paths a scenario map shows: A* paths of start/goal pairs in order, at most {@link #MAX_PATHS},
     * shortened by {@link AStar#shortcut}.
     */
    public static List<Path> plannedPaths(Scenario s) {
        OccupancyGrid grid = ScenarioValidator.solvabilityGrid(s);
        List<Path> out = new ArrayList<>();
        int pairs = 0;
        for (StartSpec st : s.starts()) {
            for (var g : s.goals()) {
                if (pairs++ < MAX_PATHS) {
                    AStar.plan(grid, st.region().center(), g.region().center())
                            .map(p -> AStar.shortcut(grid, p)).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    static Graphics2D prepare(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return g;
    }

    static BasicStroke dashed(float width) {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10, new float[] {6, 4}, 0);
    }
}
