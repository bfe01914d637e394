package dev.wayfinder.sim.eval;

import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.ResetResult;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.env.VectorEnv;
import dev.wayfinder.sim.expert.GlobalPlanner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Runs a policy for a number of episodes in one env, one at a time: the episode loop of {@code wayfinder sim run},
 * for any {@link Policy} (the privileged expert, the random baseline, a trained camera policy). The camera policy's
 * batched rollouts (many envs, one network call per step) live in the policy module and report the same
 * {@link EpisodeOutcome}s; {@link EvalResult#of} aggregates both. Stateless.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Episode {@code i} uses reset seed {@code VectorEnv.seedFor(baseSeed, 0, i)}; episode 0 of seed 0 included. */
    public static long episodeSeed(long baseSeed, int i) {
        return VectorEnv.seedFor(baseSeed, 0, i);
    }

    /**
     * Runs one episode with {@code seed}; {@code onStep} sees every action and its step (for recording), may be a
     * no-op.
     */
    public static EpisodeOutcome runEpisode(Env env, Policy policy, long seed, BiConsumer<Action, StepResult> onStep) {
        ResetResult r = env.reset(seed);
        policy.reset(env, seed);
        double shortest = GlobalPlanner.shortestPathLength(env.world());
        Observation obs = r.observation();
        StepResult s;
        do {
            Action a = policy.act(env, obs);
            s = env.step(a);
            onStep.accept(a, s);
            obs = s.observation();
        } while (!s.done());
        return EpisodeOutcome.of(env.world().episode().scenarioName(), seed, s.info(), shortest);
    }

    /** Runs {@code episodes} episodes and aggregates them. */
    public static List<EpisodeOutcome> run(Env env, Policy policy, int episodes, long baseSeed) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        List<EpisodeOutcome> out = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            out.add(runEpisode(env, policy, episodeSeed(baseSeed, i), (a, s) -> { }));
        }
        return out;
    }
}
