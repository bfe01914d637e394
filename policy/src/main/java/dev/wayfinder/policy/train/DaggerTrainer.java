package dev.wayfinder.policy.train;

import dev.wayfinder.policy.data.AtomicFiles;
import dev.wayfinder.policy.data.BatchSampler;
import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.policy.data.PrefetchingSampler;
import dev.wayfinder.policy.net.DjlLearner;
import dev.wayfinder.policy.net.Learner;
import dev.wayfinder.policy.net.Learners;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.work.CollectRound;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.ScenarioText;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.scenarios.model.Scenario;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Imitation learning of the camera policy: iteration 0 is behaviour cloning on expert-driven rollouts; every
 * later iteration is a DAgger round: roll out the current policy (on inference-core) mixed with the expert at
 * probability beta, label every visited state with the expert's action, add it to the on-disk dataset, and
 * take gradient steps (DJL) on the aggregate. Rollouts use train-split seeds under domain randomization,
 * narrowed early in the run where a scenario declares a curriculum (iteration k of n is at progress k / (n - 1));
 * validation uses validation-split seeds at full randomization.
 *
 * <p>A run folder holds {@code config.yaml}, {@code checkpoint.bin}, {@code dataset/}, {@code metrics.csv},
 * {@code loss.png}, {@code success.png}, {@code policy.weights} (latest) and {@code best.weights} (best
 * validation SPL). After a crash, {@link #run} with {@code resume} continues from the last checkpoint: data and
 * metrics written after it are discarded, nothing before it is lost. Adam's moment estimates are not
 * checkpointed and restart from zero on resume.
 *
 * <p>Each round's collect, train and validate seconds go into metrics.csv and the iteration line. A round's batches
 * are prepared on a second thread ({@link PrefetchingSampler}); in this process, round k's validation runs on a
 * {@link ValidationThread} while round k + 1 collects with the same weights, and round k's row, weights and checkpoint
 * are written when both are done (the checkpoint names the dataset as it was after round k's collection).
 *
 * <p>A recurrent network ({@code network.recurrent_units}) is trained with truncated backpropagation through time
 * inside the same loop: its samples carry the hidden state the robot side had when they were collected and a link
 * to the same robot's previous sample, and each gradient step unrolls the GRU over sequences of up to
 * {@code sequence_length} consecutive samples ({@link BatchSampler#nextSequences}, {@link DjlLearner#stepSequence}),
 * starting from each sequence's first stored hidden state.
 */
public final class DaggerTrainer {
    /** Config file name in a run folder. */
    public static final String CONFIG = "config.yaml";
    /** Latest weights. */
    public static final String WEIGHTS = "policy.weights";
    /** Best weights by validation SPL. */
    public static final String BEST = "best.weights";
    /** Metrics file. */
    public static final String METRICS = "metrics.csv";

    /** The outcome of a run. */
    public record Result(Path dir, PolicyWeights weights, List<Metrics> metrics, boolean resumed) {
    }

    private DaggerTrainer() {
    }

    /**
     * Trains into {@code dir}.
     *
     * @param config ignored when resuming (the saved config.yaml rules)
     * @param resume continue the run in {@code dir} from its checkpoint
     * @throws IllegalArgumentException for a bad config or a folder that does not fit the request
     */
    public static Result run(Path dir, TrainConfig config, boolean resume, PrintStream out, boolean tty)
            throws IOException {
        return run(dir, config, resume, 0, out, tty);
    }

    /**
     * {@link #run(Path, TrainConfig, boolean, PrintStream, boolean)}, where a resumed run can be extended.
     *
     * @param extendTo when resuming and &gt; the saved iteration count, the run continues to this many
     *                 iterations (config.yaml is updated); 0 keeps the saved count
     */
    public static Result run(Path dir, TrainConfig config, boolean resume, int extendTo, PrintStream out,
                             boolean tty) throws IOException {
        return run(dir, config, resume, extendTo, out, tty, Optional.empty(), 2);
    }

    /**
     * {@link #run(Path, TrainConfig, boolean, int, PrintStream, boolean)}, with the rollouts on a cluster: each
     * DAgger round's collection is cut into shards of {@code shardEpisodes} train-split indices ({@link CollectRound})
     * that the cluster's workers run with the current policy (its weights broadcast with the iteration as version,
     * the samples tagged with it); the shards' samples enter the dataset whole and in shard order, and validation runs
     * there too. The gradient steps, checkpoints and the dataset stay here. With several scenarios, validation runs
     * {@code ceil(validation_episodes / S)} episodes of each (in this process the envs take turns).
     */
    public static Result run(Path dir, TrainConfig config, boolean resume, int extendTo, PrintStream out,
                             boolean tty, Optional<EpisodeExecutor> cluster, int shardEpisodes) throws IOException {
        Files.createDirectories(dir);
        Optional<Checkpoint> cp = Checkpoint.read(dir);
        TrainConfig cfg = config;
        if (resume) {
            Path cf = dir.resolve(CONFIG);
            if (!Files.exists(cf)) {
                throw new IllegalArgumentException(dir + " holds no training run (no " + CONFIG + ")");
            }
            cfg = TrainConfig.fromYaml(Files.readString(cf), cf.toString());
            if (extendTo > cfg.iterations()) {
                cfg = cfg.withIterations(extendTo);
                AtomicFiles.write(cf, cfg.toYaml().getBytes(StandardCharsets.UTF_8));
            }
        } else {
            if (cp.isPresent() || Files.exists(dir.resolve(CONFIG))) {
                throw new IllegalArgumentException(dir + " already holds a training run; use --resume to continue it"
                        + " or choose another folder");
            }
            AtomicFiles.write(dir.resolve(CONFIG), cfg.toYaml().getBytes(StandardCharsets.UTF_8));
        }
        List<Scenario> scenarios = ScenarioRefs.load(cfg.scenarios());
        NetworkSpec spec = cfg.network();
        Dataset dataset = new Dataset(dir.resolve("dataset"), spec.width() * spec.height() * 3, spec.sampleFloats());
        Path metricsFile = dir.resolve(METRICS);
        List<Metrics> history;
        PolicyWeights weights;
        int first;
        long nextTrainIndex;
        double elapsedBefore;
        if (cp.isPresent()) {
            Checkpoint c = cp.get();
            dataset.truncate(c.datasetChunks());
            if (dataset.chunkCount() > 0) {
                dataset.read(0); // a dataset of another sample layout fails here, before any work is done
            }
            history = new ArrayList<>(Metrics.truncate(metricsFile, c.metricsRows()));
            weights = c.weights();
            first = c.iteration() + 1;
            nextTrainIndex = c.nextTrainIndex();
            elapsedBefore = c.elapsedSeconds();
            out.println("resuming " + dir + " after iteration " + c.iteration() + " (" + c.datasetChunks()
                    + " dataset chunks, " + c.metricsRows() + " metrics rows)");
        } else {
            dataset.truncate(0);
            history = new ArrayList<>(Metrics.truncate(metricsFile, 0));
            weights = PolicyWeights.random(spec, cfg.seed());
            first = 0;
            nextTrainIndex = 0;
            elapsedBefore = 0;
        }
        if (first >= cfg.iterations()) {
            out.println("the run in " + dir + " is already complete (" + cfg.iterations() + " iterations)");
            return new Result(dir, weights, history, resume);
        }
        long start = System.nanoTime();
        Progress progress = new Progress(out, tty, (long) (cfg.iterations() - first) * cfg.gradientSteps());
        Run run = new Run(dir, cfg, metricsFile, history, progress, start, elapsedBefore,
                history.stream().mapToDouble(Metrics::valSpl).filter(Double::isFinite).max().orElse(-1));
        // A recurrent network trains on sequences (truncated backpropagation through time): windows x steps rows.
        int windows = spec.recurrent() ? cfg.sequencesPerStep() : cfg.batch();
        int unroll = spec.recurrent() ? cfg.sequenceLength() : 1;
        long gradDone = 0;
        List<ScenarioText> texts = cluster.isEmpty() ? List.of()
                : cfg.scenarios().stream().map(ScenarioText::of).toList();
        // In this process, round k's validation runs on a thread of its own while round k + 1 collects (the same
        // weights drive both); round k's metrics, weights and checkpoint are written once both are done.
        boolean overlap = cluster.isEmpty() && cfg.validationEpisodes() > 0;
        try (Rollouts rollouts = cluster.isPresent() ? null : new Rollouts(scenarios, cfg.envs(), true);
             ValidationThread validator = overlap ? new ValidationThread(scenarios, cfg) : null;
             Learner learner = Learners.create(cfg.learner(), weights, (float) cfg.learningRate(),
                     (float) cfg.weightDecay(), (float) cfg.auxWeight())) {
            out.println("gradient steps on " + learner.description());
            if (rollouts != null) {
                rollouts.sensors(cfg.sensors());
                if (cfg.shield()) {
                    rollouts.shield(SafetyShield.Settings.TRAINING);
                }
            }
            RoundEnd pending = null;
            BatchSampler previousSampler = null;
            for (int k = first; k < cfg.iterations(); k++) {
                double beta = cfg.beta(k);
                long steps = k == 0 ? cfg.firstCollectSteps() : cfg.collectSteps();
                long t0 = System.nanoTime();
                double curriculum = cfg.iterations() == 1 ? 1.0 : k / (double) (cfg.iterations() - 1);
                long collected;
                if (cluster.isPresent()) {
                    WeightsBlob blob = WeightsBlob.of(weights, k);
                    EpisodeJob template = new EpisodeJob(texts.get(0), k == 0 ? Driver.EXPERT : Driver.MIXED, beta,
                            Split.TRAIN, nextTrainIndex, shardEpisodes, cfg.seed() * 7919 + k, curriculum, cfg.envs(),
                            true, EpisodeJob.SensorsData.of(cfg.sensors()), shieldData(cfg), blob.key(), k, true);
                    CollectRound.Collected c = cluster.get().collect(new CollectRound(texts, template, nextTrainIndex,
                            shardEpisodes, steps), blob, dataset);
                    collected = c.steps();
                    nextTrainIndex += c.indicesUsed();
                } else {
                    Rollouts.Outcome col = rollouts.run(new Rollouts.Plan(k == 0 ? Driver.EXPERT : Driver.MIXED, beta,
                                    Split.TRAIN, nextTrainIndex, steps, Integer.MAX_VALUE, cfg.seed() * 7919 + k,
                                    curriculum),
                            Optional.of(new InferencePolicy(weights, cfg.envs())), Optional.of(dataset),
                            Optional.empty());
                    collected = col.steps();
                    nextTrainIndex += col.indicesUsed();
                }
                dataset.flush();
                double collectSeconds = (System.nanoTime() - t0) / 1e9;
                double collectRate = collected / collectSeconds;
                if (pending != null) {
                    run.finish(pending);
                    pending = null;
                }

                long t1 = System.nanoTime();
                // The previous round's resident chunks are handed over: the same batches, without reading and
                // inflating every chunk again at each round's start.
                BatchSampler sampler = new BatchSampler(dataset, spec, cfg.memoryChunks(), 25, cfg.augmentShift(),
                        cfg.actionDropout(), cfg.seed() * 31 + k).nearWeight(cfg.nearWeight())
                        .labelTemperature(cfg.labelTemperature()).takeOver(previousSampler);
                previousSampler = sampler;
                double lossSum = 0;
                double auxSum = 0;
                boolean augment = cfg.augmentShift() > 0;
                // Batches are drawn and augmented on a second thread while the learner steps on the previous one.
                try (PrefetchingSampler batches = spec.recurrent()
                        ? PrefetchingSampler.sequences(sampler, spec, windows, unroll, augment, cfg.gradientSteps())
                        : PrefetchingSampler.flat(sampler, spec, cfg.batch(), augment, cfg.gradientSteps())) {
                    for (int g = 0; g < cfg.gradientSteps(); g++) {
                        PrefetchingSampler.Batch b = batches.take();
                        float loss = spec.recurrent()
                                ? learner.stepSequence(b.images, b.states, b.aux, b.labels, b.targets, b.weights,
                                b.lengths, windows, unroll)
                                : learner.step(b.images, b.states, b.aux, b.labels, b.targets, b.weights, cfg.batch());
                        batches.release(b);
                        if (!Float.isFinite(loss)) {
                            throw new IllegalStateException("training diverged at iteration " + k + " (loss " + loss
                                    + ")");
                        }
                        lossSum += loss;
                        auxSum += Float.isFinite(learner.lastAuxLoss()) ? learner.lastAuxLoss() : 0;
                        gradDone++;
                        progress.update(gradDone, String.format(Locale.ROOT, "iter %d/%d loss %.3f %s", k + 1,
                                cfg.iterations(), loss, last(history)));
                    }
                }
                long trainEnd = System.nanoTime();
                double trainSeconds = (trainEnd - t1) / 1e9;
                weights = learner.weights();

                Future<ValidationThread.Validation> validation;
                if (cfg.validationEpisodes() == 0) {
                    validation = CompletableFuture.completedFuture(
                            new ValidationThread.Validation(List.of(), 0, trainEnd));
                } else if (overlap) {
                    validation = validator.submit(weights);
                } else {
                    long t2 = System.nanoTime();
                    List<EpisodeOutcome> valEpisodes = validateOn(cluster.get(), cfg, texts,
                            WeightsBlob.of(weights, k + 1));
                    long end = System.nanoTime();
                    validation = CompletableFuture.completedFuture(
                            new ValidationThread.Validation(valEpisodes, (end - t2) / 1e9, end));
                }
                pending = new RoundEnd(k, beta, dataset.chunkCount(), nextTrainIndex, lossSum / cfg.gradientSteps(),
                        auxSum / cfg.gradientSteps(), collectRate, cfg.gradientSteps() / trainSeconds, collectSeconds,
                        trainSeconds, trainEnd, weights, validation);
                if (!overlap || k == cfg.iterations() - 1) {
                    run.finish(pending);
                    pending = null;
                }
            }
        }
        progress.finish();
        return new Result(dir, weights, history, resume);
    }

    /**
     * What a round leaves to be written once its validation is done.
     *
     * @param datasetChunks  dataset chunks at the end of the round's collection
     * @param nextTrainIndex the next train-split episode index after the round's collection
     * @param trainEnd       when its gradient steps ended ({@link System#nanoTime()})
     */
    private record RoundEnd(int k, double beta, int datasetChunks, long nextTrainIndex, double loss, double auxLoss,
                            double collectRate, double stepRate, double collectSeconds, double trainSeconds,
                            long trainEnd, PolicyWeights weights, Future<ValidationThread.Validation> validation) {
    }

    /** A run's outputs, written round by round. */
    private static final class Run {
        private final Path dir;
        private final TrainConfig cfg;
        private final Path metricsFile;
        private final List<Metrics> history;
        private final Progress progress;
        private final long start;
        private final double elapsedBefore;
        private double bestSpl;

        Run(Path dir, TrainConfig cfg, Path metricsFile, List<Metrics> history, Progress progress, long start,
            double elapsedBefore, double bestSpl) {
            this.dir = dir;
            this.cfg = cfg;
            this.metricsFile = metricsFile;
            this.history = history;
            this.progress = progress;
            this.start = start;
            this.elapsedBefore = elapsedBefore;
            this.bestSpl = bestSpl;
        }

        /** Waits for the round's validation, then writes its metrics row, line, weights, plots and checkpoint. */
        void finish(RoundEnd r) throws IOException {
            ValidationThread.Validation v = ValidationThread.await(r.validation());
            double succ = Double.NaN;
            double spl = Double.NaN;
            double coll = Double.NaN;
            if (!v.episodes().isEmpty()) {
                EvalResult e = EvalResult.of(v.episodes());
                succ = e.successRate();
                spl = e.spl();
                coll = e.collisionRate();
            }
            double elapsed = elapsedBefore + (Math.max(r.trainEnd(), v.endNanos()) - start) / 1e9;
            Metrics m = new Metrics(r.k(), r.beta(), (long) r.datasetChunks() * Dataset.CHUNK_SAMPLES, r.loss(), succ,
                    spl, coll, r.collectRate(), r.stepRate(), elapsed, r.collectSeconds(), r.trainSeconds(),
                    v.seconds());
            m.append(metricsFile);
            history.add(m);
            progress.line(String.format(Locale.ROOT,
                    "iteration %d/%d: beta %.2f, %d samples, loss %.3f%s, validation success %.2f SPL %.2f "
                            + "collisions %.2f, %.0f env steps/s, %.1f grad steps/s, collect %.1f s, train %.1f s, "
                            + "validate %.1f s, %s",
                    r.k() + 1, cfg.iterations(), r.beta(), m.samples(), m.loss(), cfg.auxWeight() > 0
                            ? String.format(Locale.ROOT, " (depth profile %.4f)", r.auxLoss()) : "",
                    succ, spl, coll, r.collectRate(), r.stepRate(), r.collectSeconds(), r.trainSeconds(),
                    v.seconds(), Progress.formatSeconds(elapsed)));
            AtomicFiles.write(dir.resolve(WEIGHTS), r.weights().toBytes());
            if (!(spl <= bestSpl)) {
                bestSpl = Double.isNaN(spl) ? bestSpl : spl;
                AtomicFiles.write(dir.resolve(BEST), r.weights().toBytes());
            }
            plots(dir, history, cfg.shield());
            if ((r.k() + 1) % cfg.checkpointEvery() == 0 || r.k() == cfg.iterations() - 1) {
                new Checkpoint(r.k(), r.datasetChunks(), history.size(), r.nextTrainIndex(), elapsed, r.weights())
                        .write(dir);
            }
        }
    }

    private static EpisodeJob.ShieldData shieldData(TrainConfig cfg) {
        return cfg.shield() ? EpisodeJob.ShieldData.of(SafetyShield.Settings.TRAINING) : null;
    }

    /** Validation on the cluster: the validation episodes of each scenario, merged in scenario and index order. */
    private static List<EpisodeOutcome> validateOn(EpisodeExecutor cluster, TrainConfig cfg, List<ScenarioText> texts,
                                                   WeightsBlob blob) throws IOException {
        int per = (cfg.validationEpisodes() + texts.size() - 1) / texts.size();
        List<EpisodeJob> jobs = new ArrayList<>();
        for (ScenarioText t : texts) {
            jobs.add(new EpisodeJob(t, Driver.POLICY, 0, Split.VALIDATION, 0, per, cfg.seed(), 1.0, cfg.envs(), true,
                    EpisodeJob.SensorsData.of(cfg.sensors()), shieldData(cfg), blob.key(), blob.version(), false));
        }
        List<EpisodeOutcome> all = new ArrayList<>();
        for (JobResult r : cluster.run(jobs, Map.of(blob.key(), blob), j -> Optional.empty())) {
            all.addAll(r.outcomes());
        }
        return all;
    }

    private static String last(List<Metrics> h) {
        if (h.isEmpty() || Double.isNaN(h.get(h.size() - 1).valSuccess())) {
            return "";
        }
        return String.format(Locale.ROOT, "val success %.2f", h.get(h.size() - 1).valSuccess());
    }

    /**
     * Writes loss.png and success.png from the metrics so far.
     *
     * @param shielded whether validation ran through the safety shield (said in the plot's title)
     */
    public static void plots(Path dir, List<Metrics> h, boolean shielded) throws IOException {
        double[] x = h.stream().mapToDouble(Metrics::iteration).toArray();
        LinePlot.write(dir.resolve("loss.png"), "Training loss (cross-entropy to expert labels)", "iteration",
                List.of(new LinePlot.Series("loss", x, h.stream().mapToDouble(Metrics::loss).toArray())));
        LinePlot.write(dir.resolve("success.png"), shielded ? "Validation (camera policy behind the safety shield)"
                : "Validation (pure camera policy)", "iteration", List.of(
                new LinePlot.Series("success rate", x, h.stream().mapToDouble(Metrics::valSuccess).toArray()),
                new LinePlot.Series("SPL", x, h.stream().mapToDouble(Metrics::valSpl).toArray()),
                new LinePlot.Series("collision rate", x, h.stream().mapToDouble(Metrics::valCollision).toArray())));
    }
}
