/**
 * Gymnasium's environment contract in Java: {@link dev.wayfinder.sim.env.Env#reset(long)} gives an
 * observation and info, {@link dev.wayfinder.sim.env.Env#step} a {@link dev.wayfinder.sim.env.StepResult}
 * (observation, reward, terminated, truncated, info); spaces are declared up front. terminated = the task
 * ended (goal reached, collision); truncated = cut short (step limit, diverging physics).
 * {@link dev.wayfinder.sim.env.NavEnv} is the navigation task on the simulator;
 * {@link dev.wayfinder.sim.env.VectorEnv} steps many envs on a worker pool with auto-reset.
 */
package dev.wayfinder.sim.env;
