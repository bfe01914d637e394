package dev.wayfinder.sim.expert;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.PerturbedStarts;

/** Manual probe: one expert episode, printed. */
public final class ExpertTrace {
    public static void main(String[] args) throws Exception {
        EnvConfig cfg = EnvConfig.DISCRETE;
        try (NavEnv env = new NavEnv(PerturbedStarts.of(ScenarioLibrary.load(args[0])), cfg)) {
            env.reset(Long.parseLong(args[1]));
            Expert ex = new Expert(cfg);
            System.out.println("goal " + env.world().episode().goal() + " tol " + env.world().episode().goalTolerance());
            StepResult s;
            do {
                Action a = ex.act(env.world(), env.state());
                s = env.step(a);
                if (s.info().steps() % 10 == 0 || s.done()) {
                    System.out.printf("%d %s x=%.3f y=%.3f yaw=%.2f d=%.3f v=%.3f path=%s%n", s.info().steps(), a,
                            s.info().trueX(), s.info().trueY(), s.info().trueYaw(), s.info().distanceToGoal(),
                            env.state().robotForwardSpeed(), ex.path().map(p -> p.points().size()).orElse(-1));
                }
            } while (!s.done());
            System.out.println(s.info());
        }
    }
}
