package dev.wayfinder.sim.eval;

import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EnvChecks;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.expert.Expert;

import java.util.SplittableRandom;

/** Something that acts in an {@link Env}. One policy instance per env; not thread-safe. */
public interface Policy {
    /** Called after every {@code env.reset(seed)}. */
    void reset(Env env, long seed);

    /** The action for {@code observation}, the env's current observation. */
    Action act(Env env, Observation observation);

    /** The privileged expert (reads the env's true state). */
    static Policy expert(EnvConfig config) {
        Expert expert = new Expert(config);
        return new Policy() {
            @Override
            public void reset(Env env, long seed) {
                expert.reset();
            }

            @Override
            public Action act(Env env, Observation observation) {
                return expert.act(env.world(), env.state());
            }
        };
    }

    /** Uniformly random actions from the action space, seeded by the reset seed. */
    static Policy random() {
        return new Policy() {
            private SplittableRandom rng = new SplittableRandom(0);

            @Override
            public void reset(Env env, long seed) {
                rng = new SplittableRandom(seed ^ 0x632BE59BD9B4E019L);
            }

            @Override
            public Action act(Env env, Observation observation) {
                return EnvChecks.sample(env.actionSpace(), rng);
            }
        };
    }
}
