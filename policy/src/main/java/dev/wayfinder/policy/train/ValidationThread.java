package dev.wayfinder.policy.train;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.eval.EpisodeOutcome;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a training run's validation episodes on a thread of their own, with rollouts (and an OpenGL renderer) of their
 * own created on that thread, so that the validation of round k overlaps the collection of round k + 1 (both drive
 * the same weights, the ones round k trained). An episode depends on its plan and index only, so the outcomes are
 * those the collecting rollouts would give.
 */
final class ValidationThread implements AutoCloseable {
    /** A validation's outcomes, its wall time, and when it ended ({@link System#nanoTime()}). */
    record Validation(List<EpisodeOutcome> episodes, double seconds, long endNanos) {
    }

    private final List<Scenario> scenarios;
    private final TrainConfig cfg;
    private final ExecutorService exec = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("wayfinder-validation").daemon(true).unstarted(r));
    /** Only touched on the executor's thread. */
    private Rollouts rollouts;

    ValidationThread(List<Scenario> scenarios, TrainConfig cfg) {
        this.scenarios = scenarios;
        this.cfg = cfg;
    }

    /** Starts validating {@code weights} on {@code cfg.validationEpisodes()} validation-split episodes. */
    Future<Validation> submit(PolicyWeights weights) {
        return exec.submit(() -> {
            if (rollouts == null) {
                rollouts = new Rollouts(scenarios, cfg.envs(), true);
                rollouts.sensors(cfg.sensors());
                if (cfg.shield()) {
                    rollouts.shield(SafetyShield.Settings.TRAINING);
                }
            }
            long t = System.nanoTime();
            List<EpisodeOutcome> episodes = rollouts.run(new Rollouts.Plan(Driver.POLICY, 0, Split.VALIDATION, 0,
                            Long.MAX_VALUE, cfg.validationEpisodes(), cfg.seed()),
                    Optional.of(new InferencePolicy(weights, cfg.envs())), Optional.empty(), Optional.empty())
                    .episodes();
            long end = System.nanoTime();
            return new Validation(episodes, (end - t) / 1e9, end);
        });
    }

    /** The result of {@link #submit}, waiting for it; a failure on the validation thread is thrown here. */
    static Validation await(Future<Validation> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for validation", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("validation failed: " + c, c);
        }
    }

    /** Waits for a validation still running, then closes the rollouts on their thread. */
    @Override
    public void close() {
        try {
            exec.submit(() -> {
                if (rollouts != null) {
                    rollouts.close();
                    rollouts = null;
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // closing failed; nothing more to free from here
        } finally {
            exec.shutdown();
        }
    }
}
