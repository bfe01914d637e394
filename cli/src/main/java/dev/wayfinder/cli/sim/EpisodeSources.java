package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.randomization.RandomizationException;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.eval.PerturbedStarts;

/** The episode sources the sim commands offer. */
final class EpisodeSources {
  private EpisodeSources() {}

  /**
   * Full domain randomization when {@code randomize}, else the nominal episode for seed 0 and perturbed
   * starts and goals for other seeds.
   */
  static EpisodeSource of(Scenario s, boolean randomize) {
    if (!randomize) {
      return PerturbedStarts.of(s);
    }
    return seed -> {
      try {
        return Randomizer.draw(s, seed, 1.0).episode();
      } catch (RandomizationException e) {
        throw new UserException(e.getMessage(), e);
      }
    };
  }
}
