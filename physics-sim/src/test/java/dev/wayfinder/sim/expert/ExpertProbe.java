package dev.wayfinder.sim.expert;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.Evaluator;
import dev.wayfinder.sim.eval.PerturbedStarts;
import dev.wayfinder.sim.eval.Policy;

import java.util.List;

/** Manual probe: expert outcomes per bundled scenario. */
public final class ExpertProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        EnvConfig cfg = args.length > 1 && args[1].equals("c") ? EnvConfig.CONTINUOUS : EnvConfig.DISCRETE;
        for (String name : ScenarioLibrary.NAMES) {
            long t0 = System.nanoTime();
            try (NavEnv env = new NavEnv(PerturbedStarts.of(ScenarioLibrary.load(name)), cfg)) {
                List<EpisodeOutcome> out = Evaluator.run(env, Policy.expert(cfg), n, 1);
                System.out.printf("%-18s %s %.1fs%n", name, Evaluator.summarize(out), (System.nanoTime() - t0) / 1e9);
                for (EpisodeOutcome o : out) {
                    if (!o.success()) {
                        System.out.println("   fail " + o);
                    }
                }
            }
        }
    }
}
