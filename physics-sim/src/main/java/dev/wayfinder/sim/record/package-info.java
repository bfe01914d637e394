/**
 * Episode recordings: a compact gzip'd binary file with the episode's identity (scenario, seed, a
 * fingerprint of the exact Episode), the env configuration, and per step the action, the robot's true pose,
 * the reward and the events, plus how the episode ended. Replaying feeds the recorded actions to a fresh env
 * and checks that every pose matches bit for bit.
 */
package dev.wayfinder.sim.record;
