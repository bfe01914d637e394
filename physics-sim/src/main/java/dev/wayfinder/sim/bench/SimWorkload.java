package dev.wayfinder.sim.bench;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.ResetResult;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.Policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A realistic, repeatable stepping workload: the expert's action sequence for an episode (recorded once, not
 * timed), replayed in a loop with a reset whenever the episode ends, camera off. Used by {@link SimBench} and
 * the JMH suite. Not thread-safe: one workload per thread.
 */
public final class SimWorkload {
    private final Env env;
    private final Action[] actions;
    private int next;
    private long resets;

    /** A workload on {@code episode} with discrete actions. */
    public SimWorkload(Episode episode) {
        Objects.requireNonNull(episode, "episode");
        EnvConfig cfg = EnvConfig.DISCRETE;
        this.env = new NavEnv(EpisodeSource.fixed(episode), cfg);
        this.actions = expertActions(env, cfg);
        env.reset(0);
    }

    /** The expert's actions for seed 0 of {@code env}'s episode source. */
    static Action[] expertActions(Env env, EnvConfig cfg) {
        Policy expert = Policy.expert(cfg);
        ResetResult r = env.reset(0);
        expert.reset(env, 0);
        List<Action> list = new ArrayList<>();
        var obs = r.observation();
        StepResult s;
        do {
            Action a = expert.act(env, obs);
            list.add(a);
            s = env.step(a);
            obs = s.observation();
        } while (!s.done());
        return list.toArray(new Action[0]);
    }

    /** The env being stepped. */
    public Env env() {
        return env;
    }

    /** Actions per pass over the recorded sequence. */
    public int length() {
        return actions.length;
    }

    /** Action {@code i} of the recorded sequence, cycling. */
    public Action action(int i) {
        return actions[Math.floorMod(i, actions.length)];
    }

    /** Resets so far. */
    public long resets() {
        return resets;
    }

    /** One control step (resets first when the sequence or the episode is over); returns the reward. */
    public double step() {
        if (next == actions.length) {
            env.reset(0);
            next = 0;
            resets++;
        }
        StepResult s = env.step(actions[next++]);
        if (s.done()) {
            next = actions.length;
        }
        return s.reward();
    }
}
