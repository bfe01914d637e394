package dev.wayfinder.sim.eval;

import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.ResetResult;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.env.VectorEnv;
import dev.wayfinder.sim.expert.GlobalPlanner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs a policy for a number of episodes in one env and aggregates the outcomes. Stateless. */
public final class Evaluator {
    private Evaluator() {
    }

    /** Episode {@code i} uses reset seed {@code VectorEnv.seedFor(baseSeed, 0, i)}; episode 0 of seed 0 included. */
    public static long episodeSeed(long baseSeed, int i) {
        return VectorEnv.seedFor(baseSeed, 0, i);
    }

    /** Runs one episode with {@code seed}; {@code onStep} sees every step (for recording), may be a no-op. */
    public static EpisodeOutcome runEpisode(Env env, Policy policy, long seed, Consumer<StepResult> onStep) {
        ResetResult r = env.reset(seed);
        policy.reset(env, seed);
        double shortest = GlobalPlanner.shortestPathLength(env.world());
        Observation obs = r.observation();
        StepResult s;
        do {
            s = env.step(policy.act(env, obs));
            onStep.accept(s);
            obs = s.observation();
        } while (!s.done());
        return new EpisodeOutcome(seed, s.info().success(), s.info().collision(), s.info().truncation().key(),
                s.info().steps(), s.info().pathLength(), shortest);
    }

    /** Runs {@code episodes} episodes and aggregates them. */
    public static List<EpisodeOutcome> run(Env env, Policy policy, int episodes, long baseSeed) {
        if (episodes < 1) {
            throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
        }
        List<EpisodeOutcome> out = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            out.add(runEpisode(env, policy, episodeSeed(baseSeed, i), s -> { }));
        }
        return out;
    }

    /** Aggregates outcomes. */
    public static EvalResult summarize(List<EpisodeOutcome> outcomes) {
        int n = outcomes.size();
        double succ = 0;
        double spl = 0;
        double coll = 0;
        double trunc = 0;
        double steps = 0;
        for (EpisodeOutcome o : outcomes) {
            succ += o.success() ? 1 : 0;
            coll += o.collision() ? 1 : 0;
            trunc += !o.success() && !o.collision() ? 1 : 0;
            spl += o.spl();
            steps += o.steps();
        }
        return new EvalResult(n, succ / n, spl / n, coll / n, trunc / n, steps / n);
    }
}
