package dev.wayfinder.scenarios.draw;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.CircleRegion;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Pose2;
import dev.wayfinder.scenarios.model.RectRegion;
import dev.wayfinder.scenarios.model.Region;
import dev.wayfinder.scenarios.model.Rgb;
import dev.wayfinder.scenarios.model.StartSpec;
import dev.wayfinder.scenarios.model.TextureKind;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.scenarios.geometry.Geometry2d;
import dev.wayfinder.scenarios.planning.Path;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/** One map being drawn: its {@link MapLayout} (world-to-pixel transform, y up) and the drawing primitives. */
final class Canvas {
    private final Arena arena;
    private final MapLayout layout;
    private final double ppm;
    private final double extentX;
    private final double extentY;
    private final BufferedImage img;
    private final Graphics2D g;
    private final String title;
    private boolean sawPushable;
    private boolean sawMoving;
    private boolean sawPath;

    Canvas(Arena arena, int size, String title) {
        this.arena = arena;
        this.title = title;
        this.layout = MapLayout.of(arena, size);
        this.extentX = layout.extentX();
        this.extentY = layout.extentY();
        this.ppm = layout.pixelsPerMetre();
        this.img = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        this.g = MapDrawer.prepare(img);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
    }

    double px(double x) {
        return layout.px(x);
    }

    double py(double y) {
        return layout.py(y);
    }

    static Color awt(Rgb c) {
        return new Color(c.toRgb8());
    }

    static Color alpha(Color c, int a) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), a);
    }

    void floorAndWalls() {
        Material wall = arena.wallMaterial();
        g.setColor(awt(wall.color()).darker());
        g.fill(new Rectangle2D.Double(px(-extentX), py(extentY), 2 * extentX * ppm, 2 * extentY * ppm));
        Rectangle2D floor = new Rectangle2D.Double(px(-arena.halfX()), py(arena.halfY()), arena.size().x() * ppm,
                arena.size().y() * ppm);
        Material fm = arena.floorMaterial();
        g.setColor(awt(fm.color()));
        g.fill(floor);
        if (fm.texture() == TextureKind.CHECKER || fm.texture() == TextureKind.STRIPES) {
            // A hint of the pattern, faint so that it does not compete with the obstacles.
            g.setColor(alpha(awt(fm.color2()), 90));
            double s = fm.scale();
            for (double x = -arena.halfX(); x < arena.halfX(); x += s) {
                for (double y = -arena.halfY(); y < arena.halfY(); y += s) {
                    int ix = (int) Math.round((x + arena.halfX()) / s);
                    int iy = (int) Math.round((y + arena.halfY()) / s);
                    boolean dark = fm.texture() == TextureKind.CHECKER ? (ix + iy) % 2 == 1 : ix % 2 == 1;
                    if (dark) {
                        double w = Math.min(s, arena.halfX() - x);
                        double h = Math.min(s, arena.halfY() - y);
                        g.fill(new Rectangle2D.Double(px(x), py(y + h), w * ppm, h * ppm));
                    }
                }
            }
        }
        g.setColor(new Color(0x404040));
        g.setStroke(new BasicStroke(1.5f));
        g.draw(floor);
    }

    void obstacle(Obstacle o) {
        java.awt.Shape shape = outline(o.pose(), o);
        g.setColor(awt(o.material().color()));
        g.fill(shape);
        switch (o.kind()) {
            case STATIC -> {
                g.setColor(new Color(0x202020));
                g.setStroke(new BasicStroke(1.5f));
                g.draw(shape);
            }
            case PUSHABLE -> {
                sawPushable = true;
                g.setColor(new Color(0x202020));
                g.setStroke(MapDrawer.dashed(2f));
                g.draw(shape);
                double r = o.shape().boundingRadius() * 0.45;
                Vec2 c = o.pose().position();
                g.setStroke(new BasicStroke(1.5f));
                g.draw(new java.awt.geom.Line2D.Double(px(c.x() - r), py(c.y() - r), px(c.x() + r), py(c.y() + r)));
                g.draw(new java.awt.geom.Line2D.Double(px(c.x() - r), py(c.y() + r), px(c.x() + r), py(c.y() - r)));
            }
            case MOVING -> {
                sawMoving = true;
                List<Vec2> pts = o.patrol().orElseThrow().path(o.pose().position());
                Path2D.Double p = new Path2D.Double();
                p.moveTo(px(pts.get(0).x()), py(pts.get(0).y()));
                for (Vec2 v : pts.subList(1, pts.size())) {
                    p.lineTo(px(v.x()), py(v.y()));
                }
                if (o.patrol().get().mode() == dev.wayfinder.scenarios.model.PatrolMode.LOOP) {
                    p.closePath();
                }
                g.setColor(MapDrawer.MOVING);
                g.setStroke(MapDrawer.dashed(2f));
                g.draw(p);
                g.setStroke(new BasicStroke(1f));
                for (Vec2 v : pts.subList(1, pts.size())) {
                    g.draw(outline(new Pose2(v, o.pose().yaw()), o));
                }
                g.setStroke(new BasicStroke(2.5f));
                g.draw(shape);
            }
        }
    }

    private java.awt.Shape outline(Pose2 pose, Obstacle o) {
        if (o.shape() instanceof Cylinder c) {
            return new Ellipse2D.Double(px(pose.x() - c.radius()), py(pose.y() + c.radius()), 2 * c.radius() * ppm,
                    2 * c.radius() * ppm);
        }
        Box b = (Box) o.shape();
        Path2D.Double p = new Path2D.Double();
        Vec2[] corners = Geometry2d.corners(o.withPose(pose));
        p.moveTo(px(corners[0].x()), py(corners[0].y()));
        for (int i = 1; i < 4; i++) {
            p.lineTo(px(corners[i].x()), py(corners[i].y()));
        }
        p.closePath();
        assert b.size().x() > 0;
        return p;
    }

    private java.awt.Shape region(Region r) {
        return switch (r) {
            case RectRegion x -> new Rectangle2D.Double(px(x.min().x()), py(x.max().y()),
                    Math.max(x.size().x() * ppm, 1), Math.max(x.size().y() * ppm, 1));
            case CircleRegion c -> new Ellipse2D.Double(px(c.center().x() - c.radius()), py(c.center().y() + c.radius()),
                    Math.max(2 * c.radius() * ppm, 1), Math.max(2 * c.radius() * ppm, 1));
        };
    }

    void startRegion(StartSpec s, double robotRadius) {
        java.awt.Shape r = region(s.region());
        g.setColor(alpha(MapDrawer.START, 60));
        g.fill(r);
        g.setColor(MapDrawer.START);
        g.setStroke(new BasicStroke(2f));
        g.draw(r);
        Vec2 c = s.region().center();
        circle(c, robotRadius, MapDrawer.START, new BasicStroke(1.5f));
        double len = Math.max(robotRadius * 2.2, 0.25);
        if (s.yawMax() - s.yawMin() > 1e-9) {
            g.setColor(alpha(MapDrawer.START, 50));
            double deg = Math.toDegrees(s.yawMax() - s.yawMin());
            g.fill(new java.awt.geom.Arc2D.Double(px(c.x() - len), py(c.y() + len), 2 * len * ppm, 2 * len * ppm,
                    Math.toDegrees(s.yawMin()), deg, java.awt.geom.Arc2D.PIE));
            arrow(c, s.yawMin(), len, MapDrawer.START, 1.5f);
            arrow(c, s.yawMax(), len, MapDrawer.START, 1.5f);
        }
        arrow(c, s.nominal().yaw(), len, MapDrawer.START, 2.5f);
    }

    void startPose(Pose2 p, double robotRadius) {
        circle(p.position(), robotRadius, MapDrawer.START, new BasicStroke(2.5f));
        arrow(p.position(), p.yaw(), Math.max(robotRadius * 2.2, 0.25), MapDrawer.START, 2.5f);
    }

    void goalRegion(Region r, double tolerance) {
        java.awt.Shape s = region(r);
        g.setColor(alpha(MapDrawer.GOAL, 50));
        g.fill(s);
        g.setColor(MapDrawer.GOAL);
        g.setStroke(new BasicStroke(2f));
        g.draw(s);
        goalPoint(r.center(), tolerance);
    }

    void goalPoint(Vec2 c, double tolerance) {
        circle(c, tolerance, MapDrawer.GOAL, MapDrawer.dashed(2f));
        double k = 6;
        g.setStroke(new BasicStroke(2.5f));
        g.draw(new java.awt.geom.Line2D.Double(px(c.x()) - k, py(c.y()) - k, px(c.x()) + k, py(c.y()) + k));
        g.draw(new java.awt.geom.Line2D.Double(px(c.x()) - k, py(c.y()) + k, px(c.x()) + k, py(c.y()) - k));
    }

    void path(Path p) {
        sawPath = true;
        Path2D.Double d = new Path2D.Double();
        List<Vec2> pts = p.points();
        d.moveTo(px(pts.get(0).x()), py(pts.get(0).y()));
        for (Vec2 v : pts.subList(1, pts.size())) {
            d.lineTo(px(v.x()), py(v.y()));
        }
        g.setColor(alpha(MapDrawer.PATH, 210));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(d);
    }

    private void circle(Vec2 c, double r, Color color, BasicStroke stroke) {
        g.setColor(color);
        g.setStroke(stroke);
        g.draw(new Ellipse2D.Double(px(c.x() - r), py(c.y() + r), 2 * r * ppm, 2 * r * ppm));
    }

    private void arrow(Vec2 from, double yaw, double len, Color color, float width) {
        Vec2 tip = from.plus(new Vec2(Math.cos(yaw), Math.sin(yaw)).times(len));
        g.setColor(color);
        g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(new java.awt.geom.Line2D.Double(px(from.x()), py(from.y()), px(tip.x()), py(tip.y())));
        double head = 9;
        for (double side : new double[] {Math.PI * 0.82, -Math.PI * 0.82}) {
            double a = yaw + side;
            g.draw(new java.awt.geom.Line2D.Double(px(tip.x()), py(tip.y()), px(tip.x()) + head * Math.cos(a),
                    py(tip.y()) - head * Math.sin(a)));
        }
    }

    /** Title, scale bar, axes and legend. */
    void decorations() {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(java.awt.Font.BOLD, 15f));
        FontMetrics fm = g.getFontMetrics();
        String t = title;
        int margin = layout.margin();
        while (fm.stringWidth(t) > img.getWidth() - 2 * margin && t.length() > 4) {
            t = t.substring(0, t.length() - 4) + "...";
        }
        g.drawString(t, margin, layout.titleHeight() - 11);
        g.setFont(g.getFont().deriveFont(java.awt.Font.PLAIN, 12f));
        fm = g.getFontMetrics();
        int base = img.getHeight() - layout.footerHeight() + 18;
        double bar = niceLength(2 * extentX / 4);
        int x0 = margin;
        int x1 = (int) Math.round(x0 + bar * ppm);
        g.setStroke(new BasicStroke(3f));
        g.drawLine(x0, base, x1, base);
        g.drawLine(x0, base - 5, x0, base + 5);
        g.drawLine(x1, base - 5, x1, base + 5);
        g.drawString(formatMetres(bar), x0, base + 18);
        int ax = x1 + 40;
        g.setStroke(new BasicStroke(2f));
        g.drawLine(ax, base + 8, ax + 24, base + 8);
        g.drawString("x", ax + 28, base + 12);
        g.drawLine(ax, base + 8, ax, base - 16);
        g.drawString("y", ax - 3, base - 20 + 2);
        int[] at = {ax + 52, base};
        legend(at, MapDrawer.START, "start");
        legend(at, MapDrawer.GOAL, "goal, tolerance");
        if (sawPath) {
            legend(at, MapDrawer.PATH, "planned path");
        }
        if (sawMoving) {
            legend(at, MapDrawer.MOVING, "moving, patrol");
        }
        if (sawPushable) {
            legend(at, new Color(0x8c6e4b), "dashed \u2715 pushable");
        }
        g.dispose();
    }

    /** Draws one legend item at {@code at = {x, baseline}}, wrapping to a new line when it would not fit. */
    private void legend(int[] at, Color c, String text) {
        int w = 18 + g.getFontMetrics().stringWidth(text);
        if (at[0] + w > img.getWidth() - layout.margin()) {
            at[0] = img.getWidth() / 3;
            at[1] += 20;
        }
        g.setColor(c);
        g.fillRect(at[0], at[1] - 8, 14, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, at[0] + 18, at[1] + 2);
        at[0] += w + 14;
    }

    static double niceLength(double approx) {
        double p = Math.pow(10, Math.floor(Math.log10(approx)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * p <= approx) {
                return m * p;
            }
        }
        return p;
    }

    static String formatMetres(double m) {
        return m >= 1 ? String.format(java.util.Locale.ROOT, "%.0f m", m)
                : String.format(java.util.Locale.ROOT, "%.0f cm", m * 100);
    }

    BufferedImage image() {
        return img;
    }
}
