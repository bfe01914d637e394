package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.GoalSpec;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.PatrolMode;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.planning.Path;
import dev.wayfinder.studio.edit.Scenarios;
import dev.wayfinder.studio.edit.Selection;
import dev.wayfinder.studio.validation.Issue;
import dev.wayfinder.studio.validation.PatrolProblem;
import dev.wayfinder.studio.validation.ValidationReport;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/**
 * Draws a scenario from above onto a JavaFX canvas in the frame and colours of {@code wayfinder scenario draw}
 * (scenarios' {@link MapLayout} and {@link MapDrawer}'s colours): floor and walls, a half-metre grid, obstacles by
 * kind, goal and start regions, the planner's paths, every located problem in red, the selection and its handles.
 * Stateless; call on the FX thread.
 */
final class MapPainter {
    static final Color START = fx(MapDrawer.START);
    static final Color GOAL = fx(MapDrawer.GOAL);
    static final Color PATH = fx(MapDrawer.PATH);
    static final Color MOVING = fx(MapDrawer.MOVING);
    static final Color PROBLEM = Color.web("#d1242f");
    static final Color SELECTION = Color.web("#0969da");
    /** Half the side of a handle, pixels. */
    static final double HANDLE = 6;

    private MapPainter() {
    }

    private static Color fx(java.awt.Color c) {
        return Color.rgb(c.getRed(), c.getGreen(), c.getBlue());
    }

    private static Color fx(Rgb c) {
        int v = c.toRgb8();
        return Color.rgb((v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff);
    }

    static void paint(GraphicsContext g, MapLayout l, Scenario s, ValidationReport report, Selection selection,
                      List<Handle> handles) {
        paint(g, l, s, report, List.of(), selection, -1, handles);
    }

    /**
     * Draws {@code s}; {@code patrolProblems} are those of {@code s} itself (checked at once, not in the background),
     * {@code waypoint} the selected waypoint of the selected moving obstacle, or -1.
     */
    static void paint(GraphicsContext g, MapLayout l, Scenario s, ValidationReport report,
                      List<PatrolProblem> patrolProblems, Selection selection, int waypoint, List<Handle> handles) {
        g.clearRect(0, 0, g.getCanvas().getWidth(), g.getCanvas().getHeight());
        floorAndWalls(g, l, s.arena());
        for (Obstacle o : s.obstacles()) {
            obstacle(g, l, o);
        }
        for (GoalSpec goal : s.goals()) {
            goal(g, l, goal);
        }
        double r = s.robot().footprint().boundingRadius();
        for (StartSpec st : s.starts()) {
            start(g, l, st, r);
        }
        // Paths and problems belong to the state they were computed for; an older report would draw stale marks.
        if (report.scenario().equals(s)) {
            for (Path p : report.paths()) {
                path(g, l, p);
            }
            for (Issue i : report.issues()) {
                problem(g, l, s, i.target());
            }
        }
        if (selection instanceof Selection.ObstacleItem item) {
            Scenarios.obstacle(s, item.id()).filter(o -> o.patrol().isPresent()).ifPresent(o -> patrol(g, l, o));
        }
        for (PatrolProblem p : patrolProblems) {
            patrolProblem(g, l, s, p);
        }
        selected(g, l, s, selection, handles);
        waypoints(g, l, handles, waypoint);
    }

    private static void floorAndWalls(GraphicsContext g, MapLayout l, Arena a) {
        double ex = l.extentX();
        double ey = l.extentY();
        double ppm = l.pixelsPerMetre();
        g.setFill(fx(a.wallMaterial().color()).darker());
        g.fillRect(l.px(-ex), l.py(ey), 2 * ex * ppm, 2 * ey * ppm);
        g.setFill(fx(a.floorMaterial().color()));
        g.fillRect(l.px(-a.halfX()), l.py(a.halfY()), a.size().x() * ppm, a.size().y() * ppm);
        double step = ppm >= 40 ? 0.5 : ppm >= 12 ? 1 : 5;
        g.setStroke(Color.rgb(0, 0, 0, 0.08));
        g.setLineWidth(1);
        for (double x = Math.ceil(-a.halfX() / step) * step; x <= a.halfX(); x += step) {
            g.strokeLine(l.px(x), l.py(-a.halfY()), l.px(x), l.py(a.halfY()));
        }
        for (double y = Math.ceil(-a.halfY() / step) * step; y <= a.halfY(); y += step) {
            g.strokeLine(l.px(-a.halfX()), l.py(y), l.px(a.halfX()), l.py(y));
        }
        g.setStroke(Color.rgb(0x40, 0x40, 0x40));
        g.setLineWidth(1.5);
        g.strokeRect(l.px(-a.halfX()), l.py(a.halfY()), a.size().x() * ppm, a.size().y() * ppm);
    }

    private static void outline(GraphicsContext g, MapLayout l, Obstacle o, Vec2 at) {
        g.beginPath();
        if (o.shape() instanceof Cylinder c) {
            double rp = c.radius() * l.pixelsPerMetre();
            g.arc(l.px(at.x()), l.py(at.y()), rp, rp, 0, 360);
        } else {
            Vec2[] k = Geometry2d.corners(o.withPose(new dev.wayfinder.scenarios.model.Pose2(at, o.pose().yaw())));
            g.moveTo(l.px(k[0].x()), l.py(k[0].y()));
            for (int i = 1; i < 4; i++) {
                g.lineTo(l.px(k[i].x()), l.py(k[i].y()));
            }
        }
        g.closePath();
    }

    private static void obstacle(GraphicsContext g, MapLayout l, Obstacle o) {
        outline(g, l, o, o.pose().position());
        g.setFill(fx(o.material().color()));
        g.fill();
        g.setLineDashes();
        g.setStroke(Color.rgb(0x20, 0x20, 0x20));
        g.setLineWidth(1.5);
        if (o.kind() == ObstacleKind.PUSHABLE) {
            g.setLineDashes(6, 4);
            g.setLineWidth(2);
            g.stroke();
            g.setLineDashes();
            double r = o.shape().boundingRadius() * 0.45;
            Vec2 c = o.pose().position();
            g.strokeLine(l.px(c.x() - r), l.py(c.y() - r), l.px(c.x() + r), l.py(c.y() + r));
            g.strokeLine(l.px(c.x() - r), l.py(c.y() + r), l.px(c.x() + r), l.py(c.y() - r));
        } else if (o.kind() == ObstacleKind.MOVING) {
            List<Vec2> pts = o.patrol().orElseThrow().path(o.pose().position());
            g.setStroke(MOVING);
            g.setLineWidth(2);
            g.setLineDashes(6, 4);
            g.beginPath();
            g.moveTo(l.px(pts.get(0).x()), l.py(pts.get(0).y()));
            for (Vec2 v : pts.subList(1, pts.size())) {
                g.lineTo(l.px(v.x()), l.py(v.y()));
            }
            if (o.patrol().get().mode() == PatrolMode.LOOP) {
                g.closePath();
            }
            g.stroke();
            g.setLineDashes();
            g.setLineWidth(1);
            for (Vec2 v : pts.subList(1, pts.size())) {
                outline(g, l, o, v);
                g.stroke();
            }
            outline(g, l, o, o.pose().position());
            g.setLineWidth(2.5);
            g.stroke();
        } else {
            g.stroke();
        }
    }

    private static void region(GraphicsContext g, MapLayout l, Region r) {
        double ppm = l.pixelsPerMetre();
        g.beginPath();
        switch (r) {
            case RectRegion x -> g.rect(l.px(x.min().x()), l.py(x.max().y()), Math.max(x.size().x() * ppm, 1),
                    Math.max(x.size().y() * ppm, 1));
            case CircleRegion c -> {
                double rp = Math.max(c.radius() * ppm, 1);
                g.arc(l.px(c.center().x()), l.py(c.center().y()), rp, rp, 0, 360);
            }
        }
        g.closePath();
    }

    private static void circle(GraphicsContext g, MapLayout l, Vec2 c, double r) {
        double rp = r * l.pixelsPerMetre();
        g.strokeOval(l.px(c.x()) - rp, l.py(c.y()) - rp, 2 * rp, 2 * rp);
    }

    private static void goal(GraphicsContext g, MapLayout l, GoalSpec goal) {
        region(g, l, goal.region());
        g.setFill(GOAL.deriveColor(0, 1, 1, 0.2));
        g.fill();
        g.setStroke(GOAL);
        g.setLineWidth(2);
        g.stroke();
        Vec2 c = goal.region().center();
        g.setLineDashes(6, 4);
        circle(g, l, c, goal.tolerance());
        g.setLineDashes();
        double k = 6;
        g.setLineWidth(2.5);
        g.strokeLine(l.px(c.x()) - k, l.py(c.y()) - k, l.px(c.x()) + k, l.py(c.y()) + k);
        g.strokeLine(l.px(c.x()) - k, l.py(c.y()) + k, l.px(c.x()) + k, l.py(c.y()) - k);
    }

    private static void start(GraphicsContext g, MapLayout l, StartSpec st, double robotRadius) {
        region(g, l, st.region());
        g.setFill(START.deriveColor(0, 1, 1, 0.24));
        g.fill();
        g.setStroke(START);
        g.setLineWidth(2);
        g.stroke();
        Vec2 c = st.region().center();
        g.setLineWidth(1.5);
        circle(g, l, c, robotRadius);
        double len = Math.max(robotRadius * 2.2, 0.25);
        double yaw = st.nominal().yaw();
        Vec2 tip = c.plus(new Vec2(Math.cos(yaw), Math.sin(yaw)).times(len));
        g.setLineWidth(2.5);
        g.setLineCap(StrokeLineCap.ROUND);
        g.strokeLine(l.px(c.x()), l.py(c.y()), l.px(tip.x()), l.py(tip.y()));
        for (double side : new double[] {Math.PI * 0.82, -Math.PI * 0.82}) {
            double a = yaw + side;
            g.strokeLine(l.px(tip.x()), l.py(tip.y()), l.px(tip.x()) + 9 * Math.cos(a), l.py(tip.y()) - 9 * Math.sin(a));
        }
        g.setLineCap(StrokeLineCap.SQUARE);
    }

    private static void path(GraphicsContext g, MapLayout l, Path p) {
        g.setStroke(PATH.deriveColor(0, 1, 1, 0.82));
        g.setLineWidth(3);
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.beginPath();
        List<Vec2> pts = p.points();
        g.moveTo(l.px(pts.get(0).x()), l.py(pts.get(0).y()));
        for (Vec2 v : pts.subList(1, pts.size())) {
            g.lineTo(l.px(v.x()), l.py(v.y()));
        }
        g.stroke();
        g.setLineCap(StrokeLineCap.SQUARE);
        g.setLineJoin(StrokeLineJoin.MITER);
    }

    /**
     * The selected moving obstacle's patrol path, emphasised: the legs from its pose through the waypoints with an
     * arrow each, the pose's end marked; a loop's return leg closes the path, a ping-pong's return is dashed beside
     * the legs it retraces.
     */
    private static void patrol(GraphicsContext g, MapLayout l, Obstacle o) {
        var patrol = o.patrol().orElseThrow();
        List<Vec2> pts = patrol.path(o.pose().position());
        boolean loop = patrol.mode() == PatrolMode.LOOP;
        g.setLineDashes();
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setStroke(Color.WHITE.deriveColor(0, 1, 1, 0.85));
        g.setLineWidth(6);
        polyline(g, l, pts, loop);
        g.setStroke(MOVING);
        g.setLineWidth(3);
        polyline(g, l, pts, loop);
        int legs = loop ? pts.size() : pts.size() - 1;
        g.setFill(MOVING);
        for (int j = 0; j < legs; j++) {
            arrow(g, l, pts.get(j), pts.get((j + 1) % pts.size()));
        }
        if (!loop) {
            // The return retraced, a few pixels to the right of the way out, dashed.
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            for (int k = 0; k < pts.size(); k++) {
                int a = Math.max(0, k - 1);
                int b = Math.min(pts.size() - 1, k + 1);
                double dx = l.px(pts.get(b).x()) - l.px(pts.get(a).x());
                double dy = l.py(pts.get(b).y()) - l.py(pts.get(a).y());
                double n = Math.hypot(dx, dy);
                double off = 6;
                xs[k] = l.px(pts.get(k).x()) + (n == 0 ? 0 : -dy / n * off);
                ys[k] = l.py(pts.get(k).y()) + (n == 0 ? 0 : dx / n * off);
            }
            g.setLineWidth(2);
            g.setLineDashes(7, 5);
            g.strokePolyline(xs, ys, xs.length);
            g.setLineDashes();
        }
        Vec2 start = pts.get(0);
        g.setFill(MOVING);
        g.fillRect(l.px(start.x()) - 4, l.py(start.y()) - 4, 8, 8);
        g.setLineCap(StrokeLineCap.SQUARE);
        g.setLineJoin(StrokeLineJoin.MITER);
    }

    private static void polyline(GraphicsContext g, MapLayout l, List<Vec2> pts, boolean closed) {
        g.beginPath();
        g.moveTo(l.px(pts.get(0).x()), l.py(pts.get(0).y()));
        for (Vec2 v : pts.subList(1, pts.size())) {
            g.lineTo(l.px(v.x()), l.py(v.y()));
        }
        if (closed) {
            g.closePath();
        }
        g.stroke();
    }

    /** A filled arrowhead at the middle of the leg {@code a -> b}, pointing along it. */
    private static void arrow(GraphicsContext g, MapLayout l, Vec2 a, Vec2 b) {
        double ax = l.px(a.x());
        double ay = l.py(a.y());
        double dx = l.px(b.x()) - ax;
        double dy = l.py(b.y()) - ay;
        double n = Math.hypot(dx, dy);
        if (n < 30) {
            return;
        }
        double ux = dx / n;
        double uy = dy / n;
        double mx = ax + dx / 2 + ux * 5;
        double my = ay + dy / 2 + uy * 5;
        g.fillPolygon(new double[] {mx, mx - 11 * ux - 6 * uy, mx - 11 * ux + 6 * uy},
                new double[] {my, my - 11 * uy + 6 * ux, my - 11 * uy - 6 * ux}, 3);
    }

    /** A patrol problem in red: the waypoint ringed, or the leg drawn red with a cross where the contact begins. */
    private static void patrolProblem(GraphicsContext g, MapLayout l, Scenario s, PatrolProblem p) {
        var o = Scenarios.obstacle(s, p.obstacleId());
        if (o.isEmpty() || o.get().patrol().isEmpty()) {
            return;
        }
        g.setStroke(PROBLEM);
        g.setLineDashes();
        double x = l.px(p.at().x());
        double y = l.py(p.at().y());
        if (p.kind() == PatrolProblem.Kind.OUTSIDE_ARENA) {
            outline(g, l, o.get(), p.at());
            g.setLineWidth(2.5);
            g.stroke();
            g.setLineWidth(3.5);
            g.strokeOval(x - HANDLE - 5, y - HANDLE - 5, 2 * HANDLE + 10, 2 * HANDLE + 10);
        } else {
            List<Vec2> pts = o.get().patrol().get().path(o.get().pose().position());
            Vec2 a = pts.get(p.index());
            Vec2 b = pts.get((p.index() + 1) % pts.size());
            g.setLineWidth(3.5);
            g.strokeLine(l.px(a.x()), l.py(a.y()), l.px(b.x()), l.py(b.y()));
            outline(g, l, o.get(), p.at());
            g.setLineWidth(2);
            g.stroke();
            g.setLineWidth(3);
            g.strokeLine(x - 7, y - 7, x + 7, y + 7);
            g.strokeLine(x - 7, y + 7, x + 7, y - 7);
        }
        double bx = x + 14;
        double by = y - 14;
        g.setFill(PROBLEM);
        g.fillOval(bx - 9, by - 9, 18, 18);
        g.setFill(Color.WHITE);
        g.setFont(Font.font("System", FontWeight.BOLD, 13));
        g.fillText("!", bx - 2.5, by + 5);
    }

    /** The waypoint handles, numbered from 1; the selected one filled. */
    private static void waypoints(GraphicsContext g, MapLayout l, List<Handle> handles, int selected) {
        g.setLineDashes();
        g.setFont(Font.font("System", FontWeight.BOLD, 11));
        g.setTextAlign(javafx.scene.text.TextAlignment.CENTER);
        g.setTextBaseline(javafx.geometry.VPos.CENTER);
        for (Handle h : handles) {
            if (h.kind() != Handle.Kind.WAYPOINT) {
                continue;
            }
            double x = l.px(h.at().x());
            double y = l.py(h.at().y());
            double r = HANDLE + 3;
            boolean on = h.index() == selected;
            g.setFill(on ? SELECTION : Color.WHITE);
            g.fillOval(x - r, y - r, 2 * r, 2 * r);
            g.setStroke(on ? Color.WHITE : MOVING.darker());
            g.setLineWidth(2);
            g.strokeOval(x - r, y - r, 2 * r, 2 * r);
            g.setFill(on ? Color.WHITE : Color.rgb(0x30, 0x30, 0x30));
            g.fillText(Integer.toString(h.index() + 1), x, y + 0.5);
        }
        g.setTextAlign(javafx.scene.text.TextAlignment.LEFT);
        g.setTextBaseline(javafx.geometry.VPos.BASELINE);
    }

    /** A red outline around the part a problem concerns, and a badge with '!' on it. */
    private static void problem(GraphicsContext g, MapLayout l, Scenario s, Selection target) {
        Vec2 at;
        g.setStroke(PROBLEM);
        g.setLineWidth(3.5);
        g.setLineDashes();
        switch (target) {
            case Selection.ObstacleItem o -> {
                var ob = Scenarios.obstacle(s, o.id());
                if (ob.isEmpty()) {
                    return;
                }
                outline(g, l, ob.get(), ob.get().pose().position());
                g.stroke();
                at = ob.get().pose().position();
            }
            case Selection.StartItem st when st.index() < s.starts().size() -> {
                region(g, l, s.starts().get(st.index()).region());
                g.stroke();
                at = s.starts().get(st.index()).region().center();
            }
            case Selection.GoalItem gi when gi.index() < s.goals().size() -> {
                GoalSpec goal = s.goals().get(gi.index());
                region(g, l, goal.region());
                g.setFill(PROBLEM.deriveColor(0, 1, 1, 0.25));
                g.fill();
                g.stroke();
                circle(g, l, goal.region().center(), goal.tolerance());
                at = goal.region().center();
            }
            default -> {
                return;
            }
        }
        double x = l.px(at.x()) + 10;
        double y = l.py(at.y()) - 10;
        g.setFill(PROBLEM);
        g.fillOval(x - 9, y - 9, 18, 18);
        g.setFill(Color.WHITE);
        g.setFont(Font.font("System", FontWeight.BOLD, 13));
        g.fillText("!", x - 2.5, y + 5);
    }

    private static void selected(GraphicsContext g, MapLayout l, Scenario s, Selection selection, List<Handle> handles) {
        g.setStroke(SELECTION);
        g.setLineWidth(2.5);
        g.setLineDashes(5, 3);
        switch (selection) {
            case Selection.ObstacleItem o -> Scenarios.obstacle(s, o.id()).ifPresent(ob -> {
                outline(g, l, ob, ob.pose().position());
                g.stroke();
            });
            case Selection.StartItem st when st.index() < s.starts().size() -> {
                region(g, l, s.starts().get(st.index()).region());
                g.stroke();
                circle(g, l, s.starts().get(st.index()).region().center(), s.robot().footprint().boundingRadius() + 0.05);
            }
            case Selection.GoalItem gi when gi.index() < s.goals().size() -> {
                region(g, l, s.goals().get(gi.index()).region());
                g.stroke();
                circle(g, l, s.goals().get(gi.index()).region().center(), s.goals().get(gi.index()).tolerance() + 0.05);
            }
            default -> { }
        }
        g.setLineDashes();
        if (selection instanceof Selection.ObstacleItem o && !handles.isEmpty()) {
            Vec2 c = Scenarios.obstacle(s, o.id()).map(ob -> ob.pose().position()).orElse(handles.get(0).at());
            for (Handle h : handles) {
                if (h.kind() == Handle.Kind.WAYPOINT) {
                    continue;
                }
                double x = l.px(h.at().x());
                double y = l.py(h.at().y());
                g.setStroke(SELECTION);
                g.setLineWidth(1.5);
                g.setFill(Color.WHITE);
                if (h.kind() == Handle.Kind.ROTATE) {
                    g.strokeLine(l.px(c.x()), l.py(c.y()), x, y);
                    g.fillOval(x - HANDLE, y - HANDLE, 2 * HANDLE, 2 * HANDLE);
                    g.strokeOval(x - HANDLE, y - HANDLE, 2 * HANDLE, 2 * HANDLE);
                } else {
                    g.fillRect(x - HANDLE, y - HANDLE, 2 * HANDLE, 2 * HANDLE);
                    g.strokeRect(x - HANDLE, y - HANDLE, 2 * HANDLE, 2 * HANDLE);
                }
            }
        }
    }
}
