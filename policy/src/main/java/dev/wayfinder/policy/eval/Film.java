package dev.wayfinder.policy.eval;

import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Box;
import dev.wayfinder.scenarios.model.Cylinder;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.core.Body;
import dev.wayfinder.sim.core.BodyKind;
import dev.wayfinder.sim.core.SimState;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records the first successful and the first failed episode (of any env) during a rollout and writes each as an
 * animated GIF: the robot's camera view (scaled up) beside the top-down map with the trajectory so far.
 * Not thread-safe.
 */
public final class Film implements Rollouts.Listener {
    private static final int MAP = 320;
    private static final int MAX_FRAMES = 160;

    private final Path dir;
    private final String prefix;
    private final java.util.Map<Integer, List<byte[]>> framesByEnv = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<double[]>> posesByEnv = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<double[]>> routesByEnv = new java.util.HashMap<>();
    /** Per env, per recorded frame: x, y, yaw of each body that moves ({@link #movers}), or null for none. */
    private final java.util.Map<Integer, List<double[]>> moversByEnv = new java.util.HashMap<>();
    private final java.util.Map<Integer, List<Body>> moverBodiesByEnv = new java.util.HashMap<>();
    private List<double[]> movers = new ArrayList<>();
    private List<Body> moverBodies = List.of();
    private List<double[]> routes = new ArrayList<>();
    private List<byte[]> frames = new ArrayList<>();
    private List<double[]> poses = new ArrayList<>();
    private int camW;
    private int camH;
    private Optional<Path> success = Optional.empty();
    private Optional<Path> failure = Optional.empty();

    /** GIFs go to {@code dir/<prefix>-success.gif} and {@code dir/<prefix>-failure.gif}. */
    public Film(Path dir, String prefix, int cameraWidth, int cameraHeight) {
        this.dir = dir;
        this.prefix = prefix;
        this.camW = cameraWidth;
        this.camH = cameraHeight;
    }

    /** The success GIF, once written. */
    public Optional<Path> success() {
        return success;
    }

    /** The failure GIF, once written. */
    public Optional<Path> failure() {
        return failure;
    }

    @Override
    public void step(int env, Episode episode, byte[] rgb, double x, double y, double yaw, int action) {
        if ((success.isPresent() && failure.isPresent()) || rgb == null) {
            return;
        }
        framesByEnv.computeIfAbsent(env, k -> new ArrayList<>()).add(rgb.clone());
        posesByEnv.computeIfAbsent(env, k -> new ArrayList<>()).add(new double[] {x, y, yaw});
    }

    @Override
    public void route(int env, double[] route) {
        List<byte[]> frames = framesByEnv.get(env);
        if (frames == null) {
            return;
        }
        List<double[]> r = routesByEnv.computeIfAbsent(env, k -> new ArrayList<>());
        if (due(r, frames.size())) {
            r.add(route);
        }
    }

    /**
     * One entry per recorded frame, what follows that frame's step: pads {@code list} with nulls to the frame before
     * the last; whether the last frame's entry is still to come.
     */
    private static boolean due(List<double[]> list, int frames) {
        while (list.size() < frames - 1) {
            list.add(null);
        }
        return list.size() < frames;
    }

    @Override
    public void world(int env, SimState state) {
        List<byte[]> frames = framesByEnv.get(env);
        if (frames == null) {
            return;
        }
        List<Body> bodies = moverBodiesByEnv.computeIfAbsent(env, k -> state.world().bodies().stream()
                .filter(b -> b.kind() == BodyKind.MOVING || b.kind() == BodyKind.PUSHABLE).toList());
        List<double[]> m = moversByEnv.computeIfAbsent(env, k -> new ArrayList<>());
        if (due(m, frames.size())) {
            double[] pose = new double[7];
            double[] now = new double[3 * bodies.size()];
            for (int k = 0; k < bodies.size(); k++) {
                state.bodyPose(bodies.get(k).index(), pose);
                now[3 * k] = pose[0];
                now[3 * k + 1] = pose[1];
                now[3 * k + 2] = state.bodyYaw(bodies.get(k).index());
            }
            m.add(now);
        }
    }

    @Override
    public void end(int env, Episode episode, EpisodeOutcome result) {
        frames = framesByEnv.getOrDefault(env, new ArrayList<>());
        poses = posesByEnv.getOrDefault(env, new ArrayList<>());
        routes = routesByEnv.getOrDefault(env, new ArrayList<>());
        movers = moversByEnv.getOrDefault(env, new ArrayList<>());
        moverBodies = moverBodiesByEnv.getOrDefault(env, List.of());
        try {
            if (frames.isEmpty()) {
                return;
            }
            if (result.success() && success.isEmpty()) {
                success = Optional.of(write(episode, result, "success"));
            } else if (!result.success() && failure.isEmpty()) {
                failure = Optional.of(write(episode, result, "failure"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            framesByEnv.remove(env);
            posesByEnv.remove(env);
            routesByEnv.remove(env);
            moversByEnv.remove(env);
            moverBodiesByEnv.remove(env);
        }
    }

    private Path write(Episode e, EpisodeOutcome r, String kind) throws IOException {
        BufferedImage map = MapDrawer.draw(e, new MapDrawer.Options(MAP, false,
                Optional.of(e.scenarioName() + " seed " + Long.toUnsignedString(e.seed()) + ": " + kind
                        + (r.collision() ? " (collision)" : ""))));
        MapLayout layout = MapLayout.of(e.arena(), MAP);
        if (layout.width() != map.getWidth() || layout.height() != map.getHeight()) {
            throw new IllegalStateException("map is " + map.getWidth() + "x" + map.getHeight() + ", its layout "
                    + layout.width() + "x" + layout.height());
        }
        int side = map.getHeight();
        // The map sits to the right of the square camera view.
        MapLayout view = layout.shifted(side, 0);
        int stride = Math.max(1, (frames.size() + MAX_FRAMES - 1) / MAX_FRAMES);
        List<BufferedImage> out = new ArrayList<>();
        for (int f = 0; f < frames.size(); f += stride) {
            BufferedImage img = new BufferedImage(side + map.getWidth(), side, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.BLACK);
            g.fillRect(0, 0, side, side);
            g.drawImage(camera(frames.get(f)), 0, (side - side) / 2, side, side, null);
            g.drawImage(map, side, 0, null);
            Path2D.Double path = new Path2D.Double();
            for (int k = 0; k <= f; k++) {
                double px = view.px(poses.get(k)[0]);
                double py = view.py(poses.get(k)[1]);
                if (k == 0) {
                    path.moveTo(px, py);
                } else {
                    path.lineTo(px, py);
                }
            }
            double[] route = f < routes.size() ? routes.get(f) : null;
            if (route != null && route.length >= 4) {
                // The route the robot itself planned (static map and what its depth camera showed), dashed.
                Path2D.Double planned = new Path2D.Double();
                planned.moveTo(view.px(route[0]), view.py(route[1]));
                for (int k = 2; k + 1 < route.length; k += 2) {
                    planned.lineTo(view.px(route[k]), view.py(route[k + 1]));
                }
                g.setColor(new Color(0x1f77b4));
                g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1, new float[] {4, 3},
                        0));
                g.draw(planned);
            }
            double[] now = f < movers.size() ? movers.get(f) : null;
            if (now != null) {
                drawMovers(g, view, now);
            }
            g.setColor(new Color(0xd62728));
            g.setStroke(new BasicStroke(2.5f));
            g.draw(path);
            double[] p = poses.get(f);
            double px = view.px(p[0]);
            double py = view.py(p[1]);
            g.fillOval((int) px - 5, (int) py - 5, 10, 10);
            g.drawLine((int) px, (int) py, (int) (px + 14 * Math.cos(p[2])), (int) (py - 14 * Math.sin(p[2])));
            g.dispose();
            out.add(img);
        }
        Path file = dir.resolve(prefix + "-" + kind + ".gif");
        GifWriter.write(file, out, 100 * stride);
        return file;
    }

    /**
     * The moving and pushable obstacles where they are in this frame, filled (the map underneath outlines where they
     * started and their patrols).
     */
    private void drawMovers(Graphics2D g, MapLayout view, double[] now) {
        double scale = view.px(1) - view.px(0);
        Color fill = new Color(MapDrawer.MOVING.getRed(), MapDrawer.MOVING.getGreen(), MapDrawer.MOVING.getBlue(), 190);
        g.setStroke(new BasicStroke(1.2f));
        for (int k = 0; k < moverBodies.size(); k++) {
            double cx = view.px(now[3 * k]);
            double cy = view.py(now[3 * k + 1]);
            java.awt.Shape outline;
            if (moverBodies.get(k).shape() instanceof Cylinder c) {
                double r = c.radius() * scale;
                outline = new java.awt.geom.Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
            } else {
                Box b = (Box) moverBodies.get(k).shape();
                double w = b.size().x() * scale;
                double h = b.size().y() * scale;
                // Map y grows downwards: a counter-clockwise yaw turns the box clockwise on screen.
                outline = java.awt.geom.AffineTransform.getRotateInstance(-now[3 * k + 2], cx, cy)
                        .createTransformedShape(new java.awt.geom.Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h));
            }
            g.setColor(fill);
            g.fill(outline);
            g.setColor(MapDrawer.MOVING.darker());
            g.draw(outline);
        }
    }

    private BufferedImage camera(byte[] rgb) {
        BufferedImage img = new BufferedImage(camW, camH, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < camH; y++) {
            for (int x = 0; x < camW; x++) {
                int i = (y * camW + x) * 3;
                img.setRGB(x, y, (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | (rgb[i + 2] & 0xff));
            }
        }
        return img;
    }
}
