package dev.wayfinder.sim.bench;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.VectorEnv;
import dev.wayfinder.sim.expert.Expert;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Quick simulator benchmark on a scenario's nominal episode (default cluttered-room), camera off: control
 * steps per second through the Env (one thread, and a VectorEnv on a worker pool), microseconds per physics
 * substep and per control step of physics alone, per lidar sweep, and per expert decision. Each row runs
 * a time-based warm-up (at least 2 s: the JIT needs it), then measures for a fixed time. Wall-clock timing is the measurement here, nothing
 * else. Not a substitute for the JMH suite in benchmarks/.
 */
public final class SimBench {
    private SimBench() {
    }

    /**
     * One measured row.
     *
     * @param name       what was measured
     * @param value      the measurement
     * @param unit       its unit
     * @param iterations operations measured
     */
    public record Row(String name, double value, String unit, long iterations) {
    }

    /**
     * Runs every row.
     *
     * @param episode     the episode to simulate
     * @param seconds     measuring time per row, seconds, &gt; 0 (warm-up is half of it, at least 1 s)
     * @param vectorEnvs  envs in the VectorEnv row, &gt;= 1
     * @param threads     worker threads of the VectorEnv row, 1..vectorEnvs
     */
    public static List<Row> run(Episode episode, double seconds, int vectorEnvs, int threads) {
        if (!(seconds > 0) || vectorEnvs < 1 || threads < 1 || threads > vectorEnvs) {
            throw new IllegalArgumentException("need seconds > 0 and 1 <= threads <= envs, got " + seconds + ", "
                    + vectorEnvs + ", " + threads);
        }
        List<Row> rows = new ArrayList<>();
        double warm = Math.max(2, seconds);

        SimWorkload w = new SimWorkload(episode);

        World world = WorldCompiler.compile(episode);
        SimState state = new SimState(world);
        Action[] seq = SimWorkload.expertActions(new NavEnv(EpisodeSource.fixed(episode), EnvConfig.DISCRETE),
                EnvConfig.DISCRETE);
        double vmax = world.robot().maxLinearSpeed();
        double wmax = world.robot().maxAngularSpeed();
        int[] k = {0};
        Runnable physicsStep = () -> {
            if (k[0] == seq.length || state.halted()) {
                state.reset(0);
                k[0] = 0;
            }
            var e = EnvConfig.DISCRETE.actions().get(((Action.Discrete) seq[k[0]++]).index());
            Physics.step(world, state, e.linear() * vmax, e.angular() * wmax);
        };
        // Shared warm-up first: on a busy machine the JIT needs CPU time before any row is fair.
        timed(warm, w::step);
        timed(warm, physicsStep);
        long[] n = timed(seconds, w::step);
        rows.add(new Row("env control steps/s, 1 thread", n[0] / (n[1] * 1e-9), "steps/s", n[0]));
        rows.add(new Row("env control steps/s, 1 thread, per CPU-second", n[0] / (n[2] * 1e-9), "steps/s", n[0]));
        n = timed(seconds, physicsStep);
        double usPerControl = n[1] * 1e-3 / n[0];
        double cpuPerControl = n[2] * 1e-3 / n[0];
        rows.add(new Row("heap allocated per control step (JBullet internals)", allocatedPerOp(physicsStep),
                "bytes", 1000));
        rows.add(new Row("physics+sensors per control step", usPerControl, "us", n[0]));
        rows.add(new Row("per physics substep (1/" + Math.round(1 / world.substepSeconds()) + " s, sensors "
                + "amortised)", usPerControl / world.substeps(), "us", n[0] * world.substeps()));
        rows.add(new Row("per physics substep, CPU time", cpuPerControl / world.substeps(), "us",
                n[0] * world.substeps()));

        Runnable sweep = () -> dev.wayfinder.sim.core.Sensors.update(world, state);
        timed(warm / 2, sweep);
        n = timed(seconds / 2, sweep);
        rows.add(new Row("lidar sweep (" + world.robot().lidar().beams() + " beams, 2D ray casting)",
                n[1] * 1e-3 / n[0], "us", n[0]));

        Expert expert = new Expert(EnvConfig.DISCRETE);
        state.reset(0);
        Runnable decide = () -> expert.act(world, state);
        timed(warm / 2, decide);
        n = timed(seconds / 2, decide);
        rows.add(new Row("expert decision (cached plan)", n[1] * 1e-3 / n[0], "us", n[0]));

        List<Env> envs = new ArrayList<>();
        for (int i = 0; i < vectorEnvs; i++) {
            envs.add(new NavEnv(EpisodeSource.fixed(episode), EnvConfig.DISCRETE));
        }
        try (VectorEnv v = new VectorEnv(envs, threads)) {
            v.reset(0);
            Action[] batch = new Action[vectorEnvs];
            int[] pos = new int[vectorEnvs];
            Runnable vstep = () -> {
                for (int i = 0; i < vectorEnvs; i++) {
                    batch[i] = seq[pos[i]++ % seq.length];
                }
                v.step(batch);
            };
            timed(warm, vstep);
            n = timed(seconds, vstep);
            rows.add(new Row("VectorEnv control steps/s, " + vectorEnvs + " envs on " + threads + " thread"
                    + (threads == 1 ? "" : "s"), n[0] * vectorEnvs / (n[1] * 1e-9), "steps/s", n[0] * vectorEnvs));
        }
        return rows;
    }

    /** Bytes this thread allocates per run of {@code op}, over 1000 runs; NaN where the JVM cannot tell. */
    private static double allocatedPerOp(Runnable op) {
        if (!(java.lang.management.ManagementFactory.getThreadMXBean()
                instanceof com.sun.management.ThreadMXBean mx) || !mx.isThreadAllocatedMemorySupported()) {
            return Double.NaN;
        }
        long id = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            op.run();
        }
        return (mx.getThreadAllocatedBytes(id) - before) / 1000.0;
    }

    /**
     * Runs {@code op} for about {@code seconds}; returns {operations, elapsed nanoseconds, this thread's CPU
     * nanoseconds} (CPU time tells what an operation costs on a machine shared with other work).
     */
    private static long[] timed(double seconds, Runnable op) {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long budget = (long) (seconds * 1e9);
        long cpu0 = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                op.run();
            }
            count += 64;
            now = System.nanoTime();
        } while (now - start < budget);
        return new long[] {count, now - start, Math.max(1, mx.getCurrentThreadCpuTime() - cpu0)};
    }

    /** Prints {@code rows} as an aligned table. */
    public static void print(List<Row> rows, PrintStream out) {
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-58s %12.1f %-8s%n", r.name(), r.value(), r.unit());
        }
    }

    /** {@code SimBench [scenario] [seconds] [envs] [threads]}: prints the table. */
    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "cluttered-room";
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int envs = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Episode e = Episode.nominal(ScenarioLibrary.load(name));
        System.out.println("scenario " + name + ", nominal episode, camera off, " + Runtime.getRuntime()
                .availableProcessors() + " cores visible");
        print(run(e, seconds, envs, threads), System.out);
    }
}
