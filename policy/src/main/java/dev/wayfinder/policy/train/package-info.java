/**
 * Training: behaviour cloning and DAgger ({@link dev.wayfinder.policy.train.DaggerTrainer}), the run config,
 * atomic checkpoints and resume, metrics.csv, plots and progress output.
 */
package dev.wayfinder.policy.train;
