/**
 * The privileged expert that labels states for imitation learning: it sees the true map and pose, which the
 * camera policy never does.
 */
package dev.wayfinder.policy.expert;
