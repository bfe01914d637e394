package dev.wayfinder.cluster.bench;

import dev.wayfinder.cluster.HazelcastExecutor;
import dev.wayfinder.cluster.HostPort;
import dev.wayfinder.cluster.WorkerMain;
import dev.wayfinder.policy.data.SampleSink;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.work.CollectRound;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.InProcessExecutor;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.ScenarioText;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Evaluation episodes/s and DAgger collection env steps/s of the in-process executor and of the cluster with 1, 2,
 * ... worker JVMs on this machine (loopback), measured in one run on the same jobs: the default network (64x64 RGB-D
 * camera policy, random weights) on the empty arena's test split, one episode per range, each configuration warmed up
 * by the same work once before it is timed. Also the bytes a range
 * costs on the wire, from which {@link #projection} extrapolates to more machines.
 */
public final class ClusterBench {
    /**
     * One measured line.
     *
     * @param executor     "in-process" or "cluster, N workers"
     * @param workers      worker JVMs (0 in process)
     * @param episodes     evaluation episodes run
     * @param evalSeconds  wall time of the evaluation
     * @param episodesPerS evaluation episodes per second
     * @param steps        collection env steps accepted
     * @param collectSecs  wall time of the collection round
     * @param stepsPerS    collection env steps per second
     */
    public record Row(String executor, int workers, int episodes, double evalSeconds, double episodesPerS, long steps,
                      double collectSecs, double stepsPerS) {
    }

    /**
     * Sizes on the wire (Java serialization, as Hazelcast sends these objects).
     *
     * @param jobBytes             one evaluation range's job
     * @param evalResultBytes      one evaluation range's result (one episode)
     * @param collectResultBytes   one collection range's result
     * @param collectStepsPerRange env steps in that range
     * @param weightsBytes         the broadcast weights
     */
    public record Sizes(long jobBytes, long evalResultBytes, long collectResultBytes, long collectStepsPerRange,
                        long weightsBytes) {
        /** Bytes per collected env step coming back to the learner. */
        public double bytesPerStep() {
            return collectResultBytes / (double) Math.max(1, collectStepsPerRange);
        }
    }

    /** The whole result. */
    public record Result(int cores, List<Row> rows, Sizes sizes, double roundTripMillis) {
    }

    private final int maxWorkers;
    private final int episodes;
    private final long collectSteps;
    private final PrintStream log;

    /**
     * @param maxWorkers   measure 1 .. this many worker JVMs
     * @param episodes     evaluation episodes per executor
     * @param collectSteps collection budget per executor
     * @param log          progress
     */
    public ClusterBench(int maxWorkers, int episodes, long collectSteps, PrintStream log) {
        if (maxWorkers < 1 || maxWorkers > 8 || episodes < 1 || collectSteps < 1) {
            throw new IllegalArgumentException("workers must be in 1..8, episodes and steps >= 1; got " + maxWorkers
                    + ", " + episodes + ", " + collectSteps);
        }
        this.maxWorkers = maxWorkers;
        this.episodes = episodes;
        this.collectSteps = collectSteps;
        this.log = log;
    }

    private static final long SEED = 3;

    public Result run() throws IOException, InterruptedException {
        PolicyWeights w = PolicyWeights.random(NetworkSpec.DEFAULT, SEED);
        WeightsBlob blob = WeightsBlob.of(w, 1);
        ScenarioText s = ScenarioText.of("empty-arena");
        var sensors = EpisodeJob.SensorsData.of(SimRobot.Sensors.RGBD_MAP);
        EpisodeJob eval = new EpisodeJob(s, Driver.POLICY, 0, Split.TEST, 0, episodes, SEED, 1, 1, true, sensors, null,
                blob.key(), 1, false);
        EpisodeJob collectTemplate = new EpisodeJob(s, Driver.MIXED, 0.5, Split.TRAIN, 0, 1, SEED, 1, 1, true,
                sensors, null, blob.key(), 1, true);
        CollectRound round = new CollectRound(List.of(s), collectTemplate, 0, 1, collectSteps);
        List<Row> rows = new ArrayList<>();
        Path tmp = Files.createTempDirectory("wayfinder-bench-cluster");
        log.println("in-process executor ...");
        try (InProcessExecutor local = new InProcessExecutor()) {
            warmUp(local, eval, round, blob);
            rows.add(measure(local, "in-process", 0, eval, round, blob));
        }
        List<Process> workers = new ArrayList<>();
        double roundTrip = Double.NaN;
        int firstPort = 0;
        try {
            for (int k = 1; k <= maxWorkers; k++) {
                int port = freePort();
                log.println("starting worker " + k + " on 127.0.0.1:" + port + " ...");
                workers.add(startWorker(tmp.resolve("worker-" + k + ".log"), port, firstPort));
                if (firstPort == 0) {
                    firstPort = port;
                }
                awaitReady(tmp.resolve("worker-" + k + ".log"), workers.get(k - 1), k);
                try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse("127.0.0.1:" + firstPort,
                        "bench"), 1, new PrintStream(new ByteArrayOutputStream()))) {
                    // Warm-up: the same work once before the clock starts, so a newly started worker JVM has
                    // compiled its hot code as the others have.
                    warmUp(cluster, eval, round, blob);
                    rows.add(measure(cluster, "cluster, " + k + " worker" + (k == 1 ? "" : "s"), k, eval, round, blob));
                    if (k == 1) {
                        try {
                            roundTrip = cluster.roundTripMillis(21);
                        } catch (Exception e) {
                            throw new IllegalStateException("round trip to the worker failed: " + e, e);
                        }
                    }
                }
            }
        } finally {
            for (Process p : workers) {
                p.destroy();
            }
            for (Process p : workers) {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        JobResult er;
        JobResult cr;
        try (InProcessExecutor local = new InProcessExecutor()) {
            er = local.run(List.of(eval.range(0, 1)), Map.of(blob.key(), blob), j -> Optional.empty()).get(0);
            cr = local.run(List.of(round.shard(0)), Map.of(blob.key(), blob), j -> Optional.empty()).get(0);
        }
        Sizes sizes = new Sizes(serializedSize(eval.range(0, 1)),
                serializedSize(dev.wayfinder.cluster.JobReply.of(er)),
                serializedSize(dev.wayfinder.cluster.JobReply.of(cr)), cr.steps(),
                blob.bytes().length);
        return new Result(Runtime.getRuntime().availableProcessors(), rows, sizes, roundTrip);
    }

    private static void warmUp(EpisodeExecutor ex, EpisodeJob eval, CollectRound round, WeightsBlob blob)
            throws IOException {
        ex.run(List.of(eval), Map.of(blob.key(), blob), j -> Optional.empty());
        ex.collect(round, blob, (rgb, state, at, label) -> { });
    }

    private Row measure(EpisodeExecutor ex, String name, int workers, EpisodeJob eval, CollectRound round,
                        WeightsBlob blob) throws IOException {
        long t0 = System.nanoTime();
        JobResult r = ex.run(List.of(eval), Map.of(blob.key(), blob), j -> Optional.empty()).get(0);
        double evalS = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        CollectRound.Collected c = ex.collect(round, blob, new SampleSink() {
            @Override
            public void add(byte[] rgb, float[] state, int stateAt, int label) {
            }
        });
        double colS = (System.nanoTime() - t1) / 1e9;
        Row row = new Row(name, workers, r.outcomes().size(), evalS, r.outcomes().size() / evalS, c.steps(), colS,
                c.steps() / colS);
        log.println(String.format(Locale.ROOT, "  %s: %.2f episodes/s, %.0f env steps/s", name, row.episodesPerS(),
                row.stepsPerS()));
        return row;
    }

    private static long serializedSize(Object o) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.size();
    }

    private static Process startWorker(Path log, int port, int join) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The heap left to the JVM's default, as `wayfinder worker` leaves it: a 512 MiB heap (the tests' setting)
        // cost 20-60 ms of collection per one-episode range here, most of what looked like the cluster's overhead.
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-cp",
                System.getProperty("java.class.path"), WorkerMain.class.getName(), "--port", String.valueOf(port),
                "--host", "127.0.0.1", "--slots", "1"));
        if (join > 0) {
            cmd.addAll(List.of("--join", "127.0.0.1:" + join));
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(Path log, Process p, int members) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            if (text.contains(" ready: ")) {
                return;
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("worker " + members + " exited:\n" + text);
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("worker " + members + " not ready in 120 s: see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The table. */
    public static String table(Result r) {
        StringBuilder b = new StringBuilder();
        Row local = r.rows().get(0);
        Row one = r.rows().size() > 1 ? r.rows().get(1) : null;
        b.append(String.format(Locale.ROOT, "%-22s %8s %10s %12s %9s %12s %11s%n", "executor", "episodes",
                "episodes/s", "efficiency", "steps", "env steps/s", "efficiency"));
        for (Row row : r.rows()) {
            String effE = row.workers() == 0 || one == null ? "" : String.format(Locale.ROOT, "%.2f",
                    row.episodesPerS() / (row.workers() * one.episodesPerS()));
            String effS = row.workers() == 0 || one == null ? "" : String.format(Locale.ROOT, "%.2f",
                    row.stepsPerS() / (row.workers() * one.stepsPerS()));
            b.append(String.format(Locale.ROOT, "%-22s %8d %10.2f %12s %9d %12.0f %11s%n", row.executor(),
                    row.episodes(), row.episodesPerS(), effE, row.steps(), row.stepsPerS(), effS));
        }
        if (one != null) {
            double perEpisodeLocal = local.evalSeconds() / local.episodes();
            double perEpisodeOne = one.evalSeconds() / one.episodes();
            b.append(String.format(Locale.ROOT, "%noverhead per episode, 1 worker vs in process: %.1f ms (%.1f vs %.1f"
                    + " ms per episode)%n", (perEpisodeOne - perEpisodeLocal) * 1e3, perEpisodeOne * 1e3,
                    perEpisodeLocal * 1e3));
        }
        b.append(String.format(Locale.ROOT, "round trip of a small call to a worker (median of 21): %.2f ms%n",
                r.roundTripMillis()));
        Sizes s = r.sizes();
        b.append(String.format(Locale.ROOT, "on the wire: job %d B, evaluation result %d B per episode, collection"
                + " result %d B for %d steps, samples zstd-compressed (%.0f B per step), weights %d B once per"
                + " version%n", s.jobBytes(),
                s.evalResultBytes(), s.collectResultBytes(), s.collectStepsPerRange(), s.bytesPerStep(),
                s.weightsBytes()));
        b.append(String.format(Locale.ROOT, "(%d cores; efficiency = rate / (workers x rate of 1 worker); several"
                + " worker JVMs on one machine share its cores)%n", r.cores()));
        return b.toString();
    }
}
