package dev.wayfinder.sim.record;

import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.env.StepInfo;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.Evaluator;
import dev.wayfinder.sim.eval.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Collects one episode while it runs: call {@link #start} after the reset, {@link #step} after every step, and
 * {@link #finish} at the end. Not thread-safe.
 */
public final class Recorder {
    private final EnvConfig config;
    private final List<Recording.Step> steps = new ArrayList<>();
    private String scenario = "";
    private String fingerprint = "";
    private long seed;
    private String outcome = "running";

    /** An episode run while it was recorded. */
    public record Recorded(EpisodeOutcome outcome, Recording recording) {
    }

    /**
     * Runs one episode of {@code policy} with {@code seed} through physics-sim's one episode loop
     * ({@link Evaluator#runEpisode}) and records it.
     */
    public static Recorded runEpisode(NavEnv env, Policy policy, long seed) {
        Recorder rec = new Recorder(env.config());
        EpisodeOutcome o = Evaluator.runEpisode(env, policy, seed, (a, st) -> {
            if (st.info().steps() == 1) {
                // The episode was reset by runEpisode just before its first step; the recording starts with it.
                rec.start(env, seed);
            }
            rec.step(a, st);
        });
        return new Recorded(o, rec.finish());
    }

    /** A recorder for envs configured with {@code config}. */
    public Recorder(EnvConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Begins a recording of {@code env}'s episode that was just reset with {@code seed}. */
    public void start(Env env, long seed) {
        steps.clear();
        this.seed = seed;
        this.scenario = env.world().episode().scenarioName();
        this.fingerprint = Recording.fingerprint(env.world().episode());
        this.outcome = "running";
    }

    /** Adds a step: {@code action} was applied and gave {@code result}. */
    public void step(Action action, StepResult result) {
        StepInfo i = result.info();
        steps.add(new Recording.Step(action, (float) i.trueX(), (float) i.trueY(), (float) i.trueYaw(),
                (float) result.reward(), result.terminated(), result.truncated()));
        if (result.done()) {
            outcome = outcomeOf(i);
        }
    }

    static String outcomeOf(StepInfo i) {
        if (i.success()) {
            return "success";
        }
        if (i.collision()) {
            return "collision:" + i.collidedWith();
        }
        return i.truncation().key();
    }

    /** The last step added; throws if none. */
    public Recording.Step lastStep() {
        return steps.get(steps.size() - 1);
    }

    /** The outcome so far ("running" until the last step). */
    public String outcome() {
        return outcome;
    }

    /** The recording so far. */
    public Recording finish() {
        return new Recording(scenario, fingerprint, seed, config, steps, outcome);
    }
}
