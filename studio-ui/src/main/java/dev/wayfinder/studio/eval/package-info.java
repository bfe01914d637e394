/**
 * The Evaluation tab: evaluation folders ({@code wayfinder sim run --record DIR}'s recorded episodes and their
 * table, {@code wayfinder eval}'s results table), recorded episodes run as a child process, and the replay of any
 * recorded episode, scrubbed step by step with its top-down map and the robot camera re-rendered at each step.
 */
package dev.wayfinder.studio.eval;
