/**
 * Rollouts of many environments stepped together on one thread (the camera renderer is bound to it), with
 * the policy batched on inference-core; used for DAgger data collection, validation and evaluation.
 */
package dev.wayfinder.policy.rollout;
