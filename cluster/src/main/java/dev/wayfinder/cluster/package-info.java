/**
 * Evaluation episodes and DAgger collection spread over worker processes on Hazelcast. A worker
 * ({@link Worker}, {@code wayfinder worker}) is an embedded Hazelcast member that announces what it can run in member
 * attributes (version, cores, slots, EGL, GPU) and runs {@link dev.wayfinder.policy.work.EpisodeJob}s through
 * policy's {@link dev.wayfinder.policy.work.LocalEpisodes}; the learner connects as a Hazelcast client
 * ({@link HazelcastExecutor}, found through {@link HazelcastEngine} by {@link java.util.ServiceLoader}), broadcasts the
 * weights through a map under their content key, cuts jobs into ranges of split indices and hands them to members
 * with free slots, runs a range again when its member is lost, and merges the results in split-index order.
 */
package dev.wayfinder.cluster;
