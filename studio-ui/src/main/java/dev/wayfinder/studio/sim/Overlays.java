package dev.wayfinder.studio.sim;

import dev.wayfinder.render.view.ViewProjection;
import dev.wayfinder.scenarios.model.CameraSpec;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.LidarSpec;
import dev.wayfinder.scenarios.model.Pose3;
import dev.wayfinder.scenarios.model.Vec2;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.shape.StrokeLineJoin;

/**
 * The viewport's overlays, drawn over the rendered picture through the renderer's own projection
 * ({@link ViewProjection}) so that they sit where the picture shows the world: the planned route on the floor, the
 * robot camera's view frustum, the lidar's rays and where bodies touch. FX thread.
 */
final class Overlays {
    /** The planned route's colour (the map editor's path blue). */
    static final Color ROUTE = Color.web("#1f6feb");
    static final Color FRUSTUM = Color.web("#ffd33d");
    static final Color LIDAR = Color.web("#ff4d4f");
    static final Color CONTACT = Color.web("#e040fb");
    /** How long a contact's normal is drawn, metres. */
    private static final double NORMAL_LENGTH = 0.12;
    private static final double FRUSTUM_LENGTH = 1.0;

    private final double[] seg = new double[4];
    private final double[] px = new double[2];
    private ViewProjection vp;
    private double sx;
    private double sy;
    private GraphicsContext g;

    /**
     * Draws the overlays of {@code f} seen through {@code vp} into {@code g}, whose canvas is {@code canvasWidth x
     * canvasHeight} pixels (the picture is stretched to it).
     */
    void draw(GraphicsContext gc, ViewProjection projection, double canvasWidth, double canvasHeight, SimFrame f,
              boolean route, boolean frustum, boolean lidar, boolean contacts) {
        g = gc;
        vp = projection;
        sx = canvasWidth / projection.width();
        sy = canvasHeight / projection.height();
        g.setLineCap(StrokeLineCap.ROUND);
        g.setLineJoin(StrokeLineJoin.ROUND);
        if (f.episode() == null || f.bodyCount() == 0) {
            return;
        }
        if (lidar) {
            lidar(f);
        }
        if (route) {
            route(f.route());
        }
        if (frustum) {
            frustum(f);
        }
        if (contacts) {
            contacts(f.contacts());
        }
    }

    private void contacts(float[] c) {
        g.setStroke(CONTACT);
        g.setFill(CONTACT);
        g.setLineWidth(2);
        for (int i = 0; i + 5 < c.length; i += 6) {
            line(c[i], c[i + 1], c[i + 2], c[i] + NORMAL_LENGTH * c[i + 3], c[i + 1] + NORMAL_LENGTH * c[i + 4],
                    c[i + 2] + NORMAL_LENGTH * c[i + 5]);
            if (vp.pixel(c[i], c[i + 1], c[i + 2], px)) {
                g.fillOval(px[0] * sx - 5, px[1] * sy - 5, 10, 10);
                g.setStroke(Color.WHITE);
                g.setLineWidth(1.5);
                g.strokeOval(px[0] * sx - 5, px[1] * sy - 5, 10, 10);
                g.setStroke(CONTACT);
                g.setLineWidth(2);
            }
        }
    }

    private void line(double ax, double ay, double az, double bx, double by, double bz) {
        if (vp.segment(ax, ay, az, bx, by, bz, seg)) {
            g.strokeLine(seg[0] * sx, seg[1] * sy, seg[2] * sx, seg[3] * sy);
        }
    }

    private void route(List<Vec2> points) {
        if (points.size() < 2) {
            return;
        }
        g.setStroke(ROUTE);
        g.setLineWidth(3);
        for (int i = 1; i < points.size(); i++) {
            Vec2 a = points.get(i - 1);
            Vec2 b = points.get(i);
            line(a.x(), a.y(), 0.02, b.x(), b.y(), 0.02);
        }
    }

    private void lidar(SimFrame f) {
        Episode e = f.episode();
        LidarSpec spec = e.robot().lidar();
        double x = f.x(0);
        double y = f.y(0);
        double yaw = f.yaw(0);
        double z = 0.03;
        float[] ranges = f.lidar();
        g.setStroke(LIDAR.deriveColor(0, 1, 1, 0.35));
        g.setLineWidth(1);
        for (int i = 0; i < ranges.length; i++) {
            double a = yaw + spec.angle(i);
            line(x, y, z, x + ranges[i] * Math.cos(a), y + ranges[i] * Math.sin(a), z);
        }
        g.setFill(LIDAR);
        for (int i = 0; i < ranges.length; i++) {
            if (ranges[i] < spec.rangeMax()) {
                double a = yaw + spec.angle(i);
                if (vp.pixel(x + ranges[i] * Math.cos(a), y + ranges[i] * Math.sin(a), z, px)) {
                    g.fillOval(px[0] * sx - 2, px[1] * sy - 2, 4, 4);
                }
            }
        }
    }

    private void frustum(SimFrame f) {
        CameraSpec cam = f.episode().robot().camera();
        Pose3 m = cam.mount();
        double ryaw = f.yaw(0);
        double c = Math.cos(ryaw);
        double s = Math.sin(ryaw);
        double ox = f.x(0) + c * m.x() - s * m.y();
        double oy = f.y(0) + s * m.x() + c * m.y();
        double oz = m.z();
        double yaw = ryaw + m.yaw();
        double cr = Math.cos(m.roll()), sr = Math.sin(m.roll());
        double cp = Math.cos(m.pitch()), sp = Math.sin(m.pitch());
        double cy = Math.cos(yaw), sy2 = Math.sin(yaw);
        // The camera's axes in the world (REP-103: x along the optical axis, y left, z up), R = Rz Ry Rx.
        double[] ax = {cy * cp, sy2 * cp, -sp};
        double[] ay = {cy * sp * sr - sy2 * cr, sy2 * sp * sr + cy * cr, cp * sr};
        double[] az = {cy * sp * cr + sy2 * sr, sy2 * sp * cr - cy * sr, cp * cr};
        double tx = Math.tan(cam.horizontalFov() / 2);
        double ty = tx * cam.height() / cam.width();
        double len = Math.min(FRUSTUM_LENGTH, cam.far());
        double[][] corners = new double[4][3];
        double[][] signs = {{1, 1}, {-1, 1}, {-1, -1}, {1, -1}};
        double[] o = {ox, oy, oz};
        for (int k = 0; k < 4; k++) {
            double[] d = new double[3];
            for (int i = 0; i < 3; i++) {
                d[i] = len * (ax[i] + signs[k][0] * tx * ay[i] + signs[k][1] * ty * az[i]);
            }
            // A ray that meets the floor within the length ends there: the frustum outlines the floor it sees.
            double t = d[2] < 0 ? Math.min(1, -oz / d[2]) : 1;
            for (int i = 0; i < 3; i++) {
                corners[k][i] = o[i] + t * d[i];
            }
        }
        g.setStroke(FRUSTUM);
        g.setLineWidth(1.5);
        for (int k = 0; k < 4; k++) {
            double[] a = corners[k];
            double[] b = corners[(k + 1) % 4];
            line(ox, oy, oz, a[0], a[1], a[2]);
            line(a[0], a[1], a[2], b[0], b[1], b[2]);
        }
    }
}
