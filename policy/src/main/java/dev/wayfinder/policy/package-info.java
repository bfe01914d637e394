/**
 * The camera navigation policy: a network defined once ({@link dev.wayfinder.policy.net}) that runs in DJL for
 * gradient steps and on inference-core for rollouts and deployment; rollouts labelled by physics-sim's
 * privileged expert ({@link dev.wayfinder.policy.rollout}); imitation learning with on-disk datasets
 * ({@link dev.wayfinder.policy.data}, {@link dev.wayfinder.policy.train}); evaluation and reports
 * ({@link dev.wayfinder.policy.eval}); export ({@link dev.wayfinder.policy.export}). Only this module imports
 * {@code ai.djl}.
 */
package dev.wayfinder.policy;
