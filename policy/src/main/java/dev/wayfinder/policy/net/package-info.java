/**
 * The policy network, defined once: {@link dev.wayfinder.robot.net.NetworkSpec} (shape) and
 * {@link dev.wayfinder.robot.net.PolicyWeights} (values) build both the DJL block used for gradient steps
 * ({@link dev.wayfinder.policy.net.DjlPolicyBlock}, {@link dev.wayfinder.policy.net.DjlLearner}) and the
 * inference-core graph used for rollouts and deployment ({@link dev.wayfinder.robot.net.PolicyGraph},
 * {@link dev.wayfinder.robot.net.InferencePolicy}); {@link dev.wayfinder.robot.net.Features} prepares inputs
 * for both.
 */
package dev.wayfinder.policy.net;
