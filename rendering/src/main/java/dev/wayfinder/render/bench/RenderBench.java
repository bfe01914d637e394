package dev.wayfinder.render.bench;

import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * The quick render benchmark behind {@code wayfinder bench render}: camera frames per second (render plus
 * read-back) on the cluttered room, one thread, at 64x64, 128x128 and 640x480; separate renders against
 * atlas tiles; and control steps per second with and without the 64x64 camera. Each case warms up for a
 * fixed time first (the LWJGL call path is slow until the JIT has compiled it), then counts frames over a
 * fixed time. Numbers from a shared machine are noisy: compare rows of one run, not runs.
 */
public final class RenderBench {
    /**
     * One measured case.
     *
     * @param name         what was measured
     * @param perSecond    frames (or views, or steps) per second
     * @param microsEach   wall-clock microseconds per frame (or view, or step)
     * @param cpuMicrosEach CPU microseconds of the calling thread per frame: the true cost when llvmpipe
     *                     rasterizes on the calling thread (LP_NUM_THREADS=0), steady even on a busy machine
     * @param unit         "frames", "views" or "steps"
     */
    public record Row(String name, double perSecond, double microsEach, double cpuMicrosEach, String unit) {}

    private final double warmupSeconds;
    private final double measureSeconds;
    private final PrintStream progress;

    /**
     * A benchmark warming each case up for {@code warmupSeconds} and measuring for {@code measureSeconds}.
     *
     * @param progress where one line per finished case goes (may be {@code null})
     */
    public RenderBench(double warmupSeconds, double measureSeconds, PrintStream progress) {
        if (!(warmupSeconds >= 0) || !(measureSeconds > 0)) {
            throw new IllegalArgumentException("need warm-up >= 0 s and measurement > 0 s, got " + warmupSeconds
                    + ", " + measureSeconds);
        }
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.progress = progress;
    }

    /** Runs every case on the calling thread and returns the rows in order. */
    public List<Row> run() {
        List<Row> rows = new ArrayList<>();
        try (Renderer r = Renderer.create()) {
            if (progress != null) {
                progress.println("renderer: " + r.description());
            }
            for (int[] size : new int[][] {{64, 64}, {128, 128}, {640, 480}}) {
                rows.add(camera(r, size[0], size[1], false));
                rows.add(camera(r, size[0], size[1], true));
            }
            for (int views : new int[] {16, 256}) {
                rows.add(views(r, views, false));
                rows.add(views(r, views, true));
            }
            rows.add(control(r, false));
            rows.add(control(r, true));
        }
        return rows;
    }

    private Row camera(Renderer r, int w, int h, boolean all) {
        Episode e = BenchEpisodes.clutteredRoom(w, h);
        RenderScene scene = RenderScene.of(e);
        ObjectPoses p = ObjectPoses.initial(e);
        CameraStream s = new CameraStream(e.robot().camera(), CameraEffects.NOMINAL, 0, all, all);
        CameraFrame f = s.newFrame();
        String name = String.format(Locale.ROOT, "camera %dx%d %s", w, h, all ? "RGB+depth+seg" : "RGB");
        return measure(name, "frames", 1, i -> {
            move(p, i);
            r.renderCamera(scene, p, s, f);
        });
    }

    private Row views(Renderer r, int n, boolean atlas) {
        Episode e = BenchEpisodes.clutteredRoom(64, 64);
        RenderScene[] scenes = new RenderScene[n];
        ObjectPoses[] poses = new ObjectPoses[n];
        CameraStream[] streams = new CameraStream[n];
        CameraFrame[] frames = new CameraFrame[n];
        RenderScene scene = RenderScene.of(e);
        for (int k = 0; k < n; k++) {
            scenes[k] = scene;
            poses[k] = ObjectPoses.initial(e);
            move(poses[k], k * 37);
            streams[k] = new CameraStream(e.robot().camera(), CameraEffects.NOMINAL, 0, false, false);
            frames[k] = streams[k].newFrame();
        }
        String name = String.format(Locale.ROOT, "%d views 64x64 RGB, %s", n, atlas ? "atlas tiles" : "separate");
        return measure(name, "views", n, i -> {
            if (atlas) {
                r.renderCameraAtlas(scenes, poses, streams, frames);
            } else {
                for (int k = 0; k < n; k++) {
                    r.renderCamera(scenes[k], poses[k], streams[k], frames[k]);
                }
            }
        });
    }

    private Row control(Renderer r, boolean camera) {
        Episode e = BenchEpisodes.clutteredRoom(64, 64);
        World world = WorldCompiler.compile(e);
        SimState state = new SimState(world);
        GlCameraSensor sensor = new GlCameraSensor(r, e.robot().camera());
        CameraFrame out = new CameraFrame(sensor.info());
        String name = camera ? "control step + 64x64 camera" : "control step, physics only";
        return measure(name, "steps", 1, i -> {
            if (state.steps() >= 400 || state.halted()) {
                state.reset(i);
            }
            Physics.step(world, state, 0.4, (i / 50) % 2 == 0 ? 0.6 : -0.6);
            if (camera) {
                sensor.capture(world, state, out);
            }
        });
    }

    private static void move(ObjectPoses p, int i) {
        double a = i * 0.013;
        p.setRobot(-3 + 1.5 * Math.sin(a), 0.8 * Math.cos(a * 0.7), a);
    }

    private Row measure(String name, String unit, int perCall, IntConsumer body) {
        int i = 0;
        long end = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < end) {
            body.accept(i++);
        }
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        end = start + (long) (measureSeconds * 1e9);
        long calls = 0;
        long now;
        do {
            body.accept(i++);
            calls++;
            now = System.nanoTime();
        } while (now < end);
        double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / (calls * perCall);
        double seconds = (now - start) / 1e9;
        double perSecond = calls * perCall / seconds;
        Row row = new Row(name, perSecond, 1e6 / perSecond, cpuMicros, unit);
        if (progress != null) {
            progress.println(format(row));
        }
        return row;
    }

    /** The rows as an aligned text table. */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s %12s %12s %12s %14s%n", "case",
                "per second", "us each", "cpu us each", "per cpu-second"));
        for (Row row : rows) {
            sb.append(format(row)).append('\n');
        }
        return sb.toString();
    }

    private static String format(Row row) {
        return String.format(Locale.ROOT, "%-34s %12.0f %12.1f %12.1f %14.0f  %s", row.name(), row.perSecond(),
                row.microsEach(), row.cpuMicrosEach(), 1e6 / row.cpuMicrosEach(), row.unit());
    }

    /** Runs the benchmark: optional arguments are the warm-up and measurement seconds (default 2 and 3). */
    public static void main(String[] args) {
        double warm = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        double measure = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        List<Row> rows = new RenderBench(warm, measure, System.err).run();
        System.out.print(table(rows));
    }
}
