/**
 * Episodes as units of work that any process can recompute from their description: an {@link EpisodeJob} (a
 * scenario's file text and variant, a driver, a split and a range of its indices, the sensors, the shield, the
 * weights by content key) gives the same {@link JobResult} wherever {@link LocalEpisodes} runs it. An
 * {@link EpisodeExecutor} runs jobs: {@link InProcessExecutor} in this JVM (the default), or another engine found
 * through {@link EpisodeExecutors} (the {@code cluster} module's Hazelcast executor).
 */
package dev.wayfinder.policy.work;
