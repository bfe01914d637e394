package dev.wayfinder.sim.record;

import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepResult;

import java.util.Objects;

/** Replays a {@link Recording} in a fresh env and checks it step by step. Stateless. */
public final class Replay {
    private Replay() {
    }

    /**
     * The result of a replay.
     *
     * @param steps         steps replayed
     * @param firstMismatch index of the first step whose pose, reward or flags differ bitwise, or -1
     * @param outcome       how the replayed episode ended
     */
    public record Report(int steps, int firstMismatch, String outcome) {
        /** Whether every step matched. */
        public boolean exact() {
            return firstMismatch < 0;
        }
    }

    /**
     * Replays {@code r}'s actions in an env built from {@code source} and {@code r.config()}.
     *
     * @throws IllegalArgumentException when {@code source} gives another episode for the recorded seed
     */
    public static Report run(Recording r, EpisodeSource source) {
        Objects.requireNonNull(r, "recording");
        try (NavEnv env = new NavEnv(source, r.config())) {
            env.reset(r.seed());
            String fp = Recording.fingerprint(env.world().episode());
            if (!fp.equals(r.fingerprint())) {
                throw new IllegalArgumentException("the recording was made on episode " + r.fingerprint() + " of "
                        + r.scenarioName() + ", but seed " + r.seed() + " now gives episode " + fp);
            }
            Recorder again = new Recorder(r.config());
            again.start(env, r.seed());
            int mismatch = -1;
            int i = 0;
            for (Recording.Step s : r.steps()) {
                StepResult res = env.step(s.action());
                again.step(s.action(), res);
                Recording.Step now = again.lastStep();
                if (mismatch < 0 && !now.equals(s)) {
                    mismatch = i;
                }
                i++;
                if (res.done()) {
                    break;
                }
            }
            if (mismatch < 0 && i != r.steps().size()) {
                mismatch = i;
            }
            return new Report(i, mismatch, again.outcome());
        }
    }
}
