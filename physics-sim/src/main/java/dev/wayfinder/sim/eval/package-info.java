/**
 * Running policies over many episodes: {@link dev.wayfinder.sim.eval.Policy} (the expert and a random
 * baseline), {@link dev.wayfinder.sim.eval.Evaluator} with success rate, SPL, collision rate and mean steps,
 * and {@link dev.wayfinder.sim.eval.PerturbedStarts}, an episode source that varies start and goal only.
 */
package dev.wayfinder.sim.eval;
