package dev.wayfinder.studio.eval;

import dev.wayfinder.scenarios.draw.MapLayout;
import javafx.geometry.Point2D;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The replayed episode from above: its map as {@code wayfinder scenario draw} draws the episode, the whole
 * trajectory of the robot (what lies ahead of the step shown paler), and the robot at the step shown with its
 * heading. Scales the map to fit. FX thread.
 */
public final class ReplayMap extends Region {
    static final Color TRAVELLED = Color.web("#8250df");
    static final Color AHEAD = Color.web("#8250df", 0.35);
    static final Color ROBOT = Color.web("#1f2328");

    private final ReplayModel model;
    private final Canvas canvas = new Canvas();
    private ReplayTrack imageOf;
    private WritableImage image;
    private Point2D marker;

    public ReplayMap(ReplayModel model) {
        this.model = model;
        setId("replay-map");
        getChildren().add(canvas);
        setMinSize(200, 160);
        model.trackProperty().addListener((o, a, t) -> redraw());
        model.stepProperty().addListener((o, a, s) -> redraw());
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        redraw();
    }

    /** Where the robot marker was last drawn, canvas pixels; null when none was. */
    public Point2D marker() {
        return marker;
    }

    /** The canvas drawn on. */
    public Canvas canvas() {
        return canvas;
    }

    private void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(Color.web("#f6f8fa"));
        g.fillRect(0, 0, w, h);
        ReplayTrack t = model.track();
        marker = null;
        if (t == null || w < 2 || h < 2) {
            return;
        }
        ReplayTrack.TopDown map = t.map();
        if (imageOf != t) {
            imageOf = t;
            image = new WritableImage(map.width(), map.height());
            image.getPixelWriter().setPixels(0, 0, map.width(), map.height(), PixelFormat.getIntArgbInstance(),
                    map.argb(), 0, map.width());
        }
        double scale = Math.min(w / map.width(), h / map.height());
        double ox = (w - map.width() * scale) / 2;
        double oy = (h - map.height() * scale) / 2;
        g.drawImage(image, ox, oy, map.width() * scale, map.height() * scale);
        MapLayout l = map.layout();
        int now = model.step();
        g.setLineJoin(StrokeLineJoin.ROUND);
        g.setLineWidth(2.5);
        for (int pass = 0; pass < 2; pass++) {
            g.setStroke(pass == 0 ? AHEAD : TRAVELLED);
            g.beginPath();
            int from = pass == 0 ? now : 0;
            int to = pass == 0 ? t.lastStep() : now;
            for (int k = from; k <= to; k++) {
                double[] p = t.robotPose(k);
                double x = ox + l.px(p[0]) * scale;
                double y = oy + l.py(p[1]) * scale;
                if (k == from) {
                    g.moveTo(x, y);
                } else {
                    g.lineTo(x, y);
                }
            }
            g.stroke();
        }
        double[] p = t.robotPose(now);
        double x = ox + l.px(p[0]) * scale;
        double y = oy + l.py(p[1]) * scale;
        double r = Math.max(4, t.episode().robot().footprint().boundingRadius() * l.pixelsPerMetre() * scale);
        g.setFill(Color.web("#ffffff", 0.85));
        g.fillOval(x - r, y - r, 2 * r, 2 * r);
        g.setStroke(ROBOT);
        g.setLineWidth(2);
        g.strokeOval(x - r, y - r, 2 * r, 2 * r);
        // Heading: +y is up in the world, down on the screen.
        g.strokeLine(x, y, x + 1.6 * r * Math.cos(p[2]), y - 1.6 * r * Math.sin(p[2]));
        marker = new Point2D(x, y);
    }
}
