package dev.wayfinder.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.policy.eval.EvalRow;
import dev.wayfinder.policy.train.Checkpoint;
import dev.wayfinder.policy.train.DaggerTrainer;
import dev.wayfinder.policy.train.TrainConfig;
import dev.wayfinder.policy.eval.Evaluator;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.work.CollectRound;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.InProcessExecutor;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.SampleBuffer;
import dev.wayfinder.policy.work.ScenarioText;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real worker JVMs on loopback, started by the test: what the cluster computes equals what this process computes
 * alone, when a worker is killed (kill -9) in the middle of an evaluation and of a DAgger round, and when a worker
 * joins a run that waits for one. The episodes are short (empty arena, a tiny random network).
 */
@ExtendWith(NeedsEgl.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {
    private static final long SEED = 11;
    private static final PolicyWeights WEIGHTS =
            PolicyWeights.random(new NetworkSpec(32, 32, List.of(8, 8), 16, 6), SEED);
    private static final WeightsBlob BLOB = WeightsBlob.of(WEIGHTS, 3);
    @TempDir
    static Path dir;
    static WorkerProcess a;
    static WorkerProcess b;

    @BeforeAll
    static void startTwoWorkers() throws Exception {
        a = WorkerProcess.start(dir, "a", 0);
        b = WorkerProcess.start(dir, "b", a.port);
        b.await("2 members", 1);
    }

    @AfterAll
    static void stop() throws Exception {
        for (WorkerProcess w : new WorkerProcess[] {a, b}) {
            if (w != null) {
                w.close();
            }
        }
    }

    private static String address(WorkerProcess w) {
        return "127.0.0.1:" + w.port;
    }

    /** Policy (with and without the shield), expert and random episodes of the empty arena's test split. */
    private static List<EpisodeJob> jobs(int episodes) {
        ScenarioText s = ScenarioText.of("empty-arena");
        var sensors = EpisodeJob.SensorsData.of(SimRobot.Sensors.RGBD_MAP);
        return List.of(
                new EpisodeJob(s, Driver.POLICY, 0, Split.TEST, 0, episodes, SEED, 1, 2, true, sensors, null,
                        BLOB.key(), BLOB.version(), false),
                new EpisodeJob(s, Driver.POLICY, 0, Split.TEST, 0, episodes, SEED, 1, 2, true, sensors,
                        EpisodeJob.ShieldData.of(SafetyShield.Settings.DEFAULT), BLOB.key(), BLOB.version(), false),
                new EpisodeJob(s, Driver.RANDOM, 0, Split.TEST, 0, episodes, SEED, 1, 2, false, sensors, null, null,
                        0, false));
    }

    private static List<List<?>> outcomes(List<JobResult> rs) {
        return rs.stream().<List<?>>map(JobResult::outcomes).toList();
    }

    @Test
    @Order(1)
    void anEvaluationOnTwoWorkersEqualsTheOneInThisProcess(@TempDir Path out) throws Exception {
        var o = new Evaluator.Options(List.of("empty-arena"), 3, 1, 2, SEED, false,
                Optional.of(SafetyShield.Settings.DEFAULT));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        List<EvalRow> local = Evaluator.run(WEIGHTS, o, out.resolve("local"), Optional.empty(), quiet).rows();
        List<EvalRow> distributed;
        Evaluator.Result filmed;
        var withGifs = new Evaluator.Options(List.of("empty-arena"), 3, 1, 2, SEED, true,
                Optional.of(SafetyShield.Settings.DEFAULT));
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1, quiet)) {
            filmed = Evaluator.run(WEIGHTS, withGifs, out.resolve("cluster"), Optional.empty(), quiet, cluster);
            distributed = filmed.rows();
            assertEquals(new HazelcastExecutor.Stats(12, 0, 0), cluster.stats(), "3 episodes x 4 drivers, one a range");
        }
        // The GIFs: each filmed row's first success and first failure, filmed here after the cluster ran them.
        long expectedGifs = distributed.stream().filter(r -> r.driver().startsWith("policy"))
                .mapToLong(r -> (r.result().successRate() > 0 ? 1 : 0) + (r.result().successRate() < 1 ? 1 : 0))
                .sum();
        assertEquals(expectedGifs, filmed.gifs().size(), filmed.gifs().toString());
        for (Path g : filmed.gifs()) {
            byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(g), 6);
            assertEquals("GIF89a", new String(head, StandardCharsets.US_ASCII), g.toString());
        }
        assertEquals(local, distributed, "seed " + SEED);
        assertEquals(List.of("policy", "policy+shield", "expert", "random"),
                distributed.stream().map(EvalRow::driver).toList());
        assertTrue(a.log().contains("job started") && b.log().contains("job started"),
                "both workers ran ranges:\n" + a.log() + "\n" + b.log());
        for (ClusterStatus.Line l : ClusterStatus.query(HostPort.parse(address(b), "test"))) {
            assertTrue(l.status() != null && l.status().jobsDone() > 0 && l.status().egl(), l.toString());
        }
    }

    @Test
    @Order(2)
    void aWorkerKilledMidEvaluationLosesNothingAndCountsNothingTwice() throws Exception {
        List<EpisodeJob> jobs = jobs(4);
        List<JobResult> local = new InProcessExecutor().run(jobs, Map.of(BLOB.key(), BLOB), j -> Optional.empty());
        try (WorkerProcess c = WorkerProcess.start(dir, "c", a.port)) {
            c.await("3 members", 1);
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1,
                    new PrintStream(said, true, StandardCharsets.UTF_8))) {
                var run = CompletableFuture.supplyAsync(() -> cluster.run(jobs, Map.of(BLOB.key(), BLOB),
                        j -> Optional.empty()));
                c.await("job started", 60);
                c.kill();
                List<JobResult> distributed = run.get(120, TimeUnit.SECONDS);
                assertEquals(outcomes(local), outcomes(distributed), "seed " + SEED);
                assertTrue(cluster.stats().rerun() >= 1, cluster.stats() + "\n" + said);
                assertEquals(0, cluster.stats().duplicates());
                assertEquals(12, cluster.stats().ranges(), "each range counted once: " + cluster.stats());
                assertTrue(said.toString(StandardCharsets.UTF_8).contains("worker [127.0.0.1]:" + c.port + " lost"),
                        said.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    @Order(3)
    void aWorkerKilledMidDaggerRoundLeavesTheSameDataset() throws Exception {
        ScenarioText s = ScenarioText.of("empty-arena");
        EpisodeJob template = new EpisodeJob(s, Driver.MIXED, 0.5, Split.TRAIN, 0, 1, SEED, 0.5, 1, true,
                EpisodeJob.SensorsData.of(SimRobot.Sensors.RGBD_MAP), null, BLOB.key(), BLOB.version(), true);
        CollectRound round = new CollectRound(List.of(s), template, 5, 1, 400);
        NetworkSpec spec = WEIGHTS.spec();
        SampleBuffer local = new SampleBuffer(spec.width() * spec.height() * 3, spec.sampleFloats());
        CollectRound.Collected l = new InProcessExecutor().collect(round, BLOB, local);
        SampleBuffer distributed = new SampleBuffer(spec.width() * spec.height() * 3, spec.sampleFloats());
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1,
                new PrintStream(said, true, StandardCharsets.UTF_8))) {
            int before = count(b.log(), "job started");
            var run = CompletableFuture.supplyAsync(() -> {
                try {
                    return cluster.collect(round, BLOB, distributed);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(b.log(), "job started") == before && System.nanoTime() < end) {
                Thread.sleep(50);
            }
            b.kill();
            CollectRound.Collected d = run.get(120, TimeUnit.SECONDS);
            assertEquals(l, d, "seed " + SEED);
            assertTrue(cluster.stats().rerun() >= 1, cluster.stats() + "\n" + said);
        }
        assertTrue(l.steps() >= 400 && l.samples() == l.steps(), l.toString());
        assertArrayEquals(local.toBytes(), distributed.toBytes(), "the same samples in the same order, seed " + SEED);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    @Order(4)
    void aWorkerJoiningARunThatWaitsGetsTheWorkAndOneWithoutEglIsLeftOut() throws Exception {
        List<EpisodeJob> jobs = jobs(2).subList(0, 1);
        List<JobResult> local = new InProcessExecutor().run(jobs, Map.of(BLOB.key(), BLOB), j -> Optional.empty());
        int port = WorkerProcess.freePort();
        HazelcastInstance noEgl = Hazelcast.newHazelcastInstance(Worker.memberConfig(
                new Worker.Options("127.0.0.1", port, Optional.empty(), 1), false, "no display here"));
        // A member of another job protocol (another wayfinder version) that could render: left out all the same.
        Config oddConfig = Worker.memberConfig(new Worker.Options("127.0.0.1", WorkerProcess.freePort(),
                Optional.of(new HostPort("127.0.0.1", port)), 1), true, "");
        oddConfig.getMemberAttributeConfig().setAttribute(Cluster.ATTR_PROTOCOL, "99");
        HazelcastInstance odd = Hazelcast.newHazelcastInstance(oddConfig);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse("127.0.0.1:" + port, "test"), 1,
                new PrintStream(said, true, StandardCharsets.UTF_8))) {
            assertEquals(2, noEgl.getCluster().getMembers().size(), "the odd member joined");
            var run = CompletableFuture.supplyAsync(() -> cluster.run(jobs, Map.of(BLOB.key(), BLOB),
                    j -> Optional.empty()));
            Thread.sleep(1500);
            assertTrue(!run.isDone(), "nothing can run the camera jobs yet");
            assertTrue(said.toString(StandardCharsets.UTF_8).contains("with job protocol 99, this is "),
                    said.toString(StandardCharsets.UTF_8));
            odd.shutdown(); // a worker of this version refuses to join a cluster with it
            try (WorkerProcess late = WorkerProcess.start(dir, "late", port)) {
                List<JobResult> distributed = run.get(120, TimeUnit.SECONDS);
                assertEquals(outcomes(local), outcomes(distributed), "seed " + SEED);
                assertTrue(late.log().contains("job started"), late.log());
            }
            String text = said.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("cannot render (no EGL: no display here)") && text.contains("waiting for a worker"),
                    text);
        } finally {
            odd.shutdown();
            noEgl.shutdown();
        }
    }

    @Test
    void anAddressWhereNothingListensIsAClearErrorInBoundedTime() throws Exception {
        int port = WorkerProcess.freePort();
        long t0 = System.nanoTime();
        var e = assertThrows(IllegalArgumentException.class, () -> HazelcastExecutor.connect(
                HostPort.parse("127.0.0.1:" + port, "--cluster"), 1, new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().startsWith("--cluster 127.0.0.1:" + port + ": nothing listens there"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "bounded");
        for (String bad : List.of("localhost", "localhost:", ":5701", "host:port", "host:70000")) {
            var p = assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad, "--cluster"));
            assertTrue(p.getMessage().startsWith("--cluster " + bad + ": "), p.getMessage());
        }
    }

    @Test
    void aMemberOfAnotherClusterNameIsRefusedWithTheReason() throws Exception {
        int port = WorkerProcess.freePort();
        Config c = Worker.memberConfig(new Worker.Options("127.0.0.1", port, Optional.empty(), 1), false, "-");
        c.setClusterName("someone-else");
        HazelcastInstance other = Hazelcast.newHazelcastInstance(c);
        try {
            long t0 = System.nanoTime();
            var e = assertThrows(IllegalArgumentException.class, () -> HazelcastExecutor.connect(
                    HostPort.parse("127.0.0.1:" + port, "--cluster"), 1, new PrintStream(new ByteArrayOutputStream())));
            assertTrue(e.getMessage().contains("did not accept a client of cluster 'wayfinder'"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "bounded");
            var j = assertThrows(IllegalArgumentException.class, () -> Worker.start(new Worker.Options("127.0.0.1",
                    WorkerProcess.freePort(), Optional.of(HostPort.parse("127.0.0.1:" + port, "--join")), 1)));
            assertTrue(j.getMessage().contains("did not take this worker in"), j.getMessage());
        } finally {
            other.shutdown();
        }
    }

    @Test
    @Order(5)
    void trainingCollectsOnTheClusterAndResumesWithIt(@TempDir Path run) throws Exception {
        TrainConfig cfg = TrainConfig.fromYaml("""
                scenarios: [empty-arena]
                iterations: 2
                first_collect_steps: 150
                collect_steps: 100
                gradient_steps: 2
                batch: 8
                envs: 1
                validation_episodes: 1
                memory_chunks: 2
                checkpoint_every: 1
                seed: 5
                network:
                  width: 32
                  height: 32
                  conv_channels: [8, 8]
                  hidden: 16
                """, "test config");
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(said, true, StandardCharsets.UTF_8);
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1, log)) {
            var r = DaggerTrainer.run(run, cfg, false, 0, log, false, Optional.of(cluster), 1);
            assertEquals(2, r.metrics().size(), said.toString(StandardCharsets.UTF_8));
        }
        // The learner restarts: a new process connects again and continues from the checkpoint with the cluster.
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1, log)) {
            var r = DaggerTrainer.run(run, cfg, true, 3, log, false, Optional.of(cluster), 1);
            assertEquals(3, r.metrics().size(), said.toString(StandardCharsets.UTF_8));
            // One collection shard (an episode outlasts the 100-step budget) and the validation job.
            assertTrue(cluster.stats().ranges() >= 2, cluster.stats().toString());
        }
        Checkpoint c = Checkpoint.read(run).orElseThrow();
        assertEquals(2, c.iteration());
        Dataset d = new Dataset(run.resolve("dataset"), 32 * 32 * 3, cfg.network().sampleFloats());
        long samples = 0;
        for (int i = 0; i < d.chunkCount(); i++) {
            samples += d.read(i).size();
        }
        // Every accepted shard's every step is in the dataset: at least the three rounds' budgets.
        assertTrue(samples >= 150 + 100 + 100, samples + " samples");
        assertEquals(c.nextTrainIndex() > 0, true);
        assertTrue(said.toString(StandardCharsets.UTF_8).contains("resuming"), said.toString(StandardCharsets.UTF_8));
    }

    private static long jobsStarted(WorkerProcess w) {
        return w.log().lines().filter(l -> l.contains("job started")).count();
    }

    @Test
    @Order(6)
    void selectGivesWorkOnlyToTheWorkersItAcceptsAndSaysWhyTheOthersAreLeftOut() throws Exception {
        List<EpisodeJob> jobs = jobs(2).subList(2, 3);
        List<JobResult> local = new InProcessExecutor().run(jobs, Map.of(BLOB.key(), BLOB), j -> Optional.empty());
        try (WorkerProcess lab = WorkerProcess.start(dir, "lab", a.port, "--label", "site=lab2")) {
            long aBefore = jobsStarted(a);
            long bBefore = jobsStarted(b); // b may be gone: an earlier test kills it
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1,
                    MemberFilter.parse(List.of("site=lab2", "egl=true")),
                    new PrintStream(said, true, StandardCharsets.UTF_8))) {
                List<JobResult> distributed = cluster.run(jobs, Map.of(BLOB.key(), BLOB), j -> Optional.empty());
                assertEquals(outcomes(local), outcomes(distributed), "seed " + SEED);
            }
            assertEquals(2, jobsStarted(lab), "the labelled worker ran both ranges:\n" + lab.log());
            assertEquals(aBefore, jobsStarted(a), "the others ran none");
            assertEquals(bBefore, jobsStarted(b), "the others ran none");
            String text = said.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("member [127.0.0.1]:" + a.port + " left out: it has no site label (--select"
                    + " site=lab2)"), text);
            assertTrue(text.contains("site=lab2)") && text.contains("; --select site=lab2, egl=true"), text);
            List<ClusterStatus.Line> status = ClusterStatus.query(HostPort.parse(address(a), "test"));
            assertEquals(List.of(Map.of("site", "lab2")), status.stream().map(ClusterStatus.Line::labels)
                    .filter(l -> !l.isEmpty()).toList(), "cluster status lists the labels: " + status);
            assertTrue(status.size() >= 2, status.toString());
        }
        String before = System.getProperty("wayfinder.cluster.waitSeconds");
        System.setProperty("wayfinder.cluster.waitSeconds", "2");
        try (HazelcastExecutor cluster = HazelcastExecutor.connect(HostPort.parse(address(a), "test"), 1,
                MemberFilter.parse(List.of("gpu=no-such-gpu")), new PrintStream(new ByteArrayOutputStream()))) {
            long t0 = System.nanoTime();
            var e = assertThrows(IllegalArgumentException.class, () -> cluster.run(jobs, Map.of(BLOB.key(), BLOB),
                    j -> Optional.empty()));
            assertTrue(e.getMessage().startsWith("no worker of the cluster at " + address(a) + " can run ")
                    && e.getMessage().contains("[127.0.0.1]:" + a.port + ": its gpu is ")
                    && e.getMessage().contains(" (--select gpu=no-such-gpu)"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(30), "in bounded time");
        } finally {
            if (before == null) {
                System.clearProperty("wayfinder.cluster.waitSeconds");
            } else {
                System.setProperty("wayfinder.cluster.waitSeconds", before);
            }
        }
    }
}
