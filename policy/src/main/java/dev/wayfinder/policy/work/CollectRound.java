package dev.wayfinder.policy.work;

import java.util.List;
import java.util.Objects;

/**
 * One DAgger collection round cut into shards: shard {@code k} is {@code shardEpisodes} split indices from
 * {@code firstIndex + k * shardEpisodes}, on scenario {@code scenarios[k % S]}, with the template's driver, mixture,
 * seed, sensors, shield and weights. Shards are accepted in their order until the accepted env steps reach
 * {@code stepBudget}; every accepted shard's samples go to the dataset whole and in order, so the dataset is the
 * same whichever process ran which shard, and a shard lost with its worker is simply run again.
 *
 * @param scenarios     the training scenarios, at least one
 * @param template      the job every shard copies (its scenario and range are replaced)
 * @param firstIndex    first train-split index of the round
 * @param shardEpisodes split indices per shard, &gt;= 1
 * @param stepBudget    env steps the round collects at least, &gt;= 1
 */
public record CollectRound(List<ScenarioText> scenarios, EpisodeJob template, long firstIndex, int shardEpisodes,
                           long stepBudget) {
    public CollectRound {
        scenarios = List.copyOf(scenarios);
        Objects.requireNonNull(template, "template");
        if (scenarios.isEmpty() || shardEpisodes < 1 || stepBudget < 1 || firstIndex < 0 || !template.collect()) {
            throw new IllegalArgumentException("a collection round needs scenarios, a collecting template, shards of"
                    + " >= 1 episodes and a step budget >= 1; got " + scenarios.size() + " scenarios, shards of "
                    + shardEpisodes + ", budget " + stepBudget);
        }
    }

    /** Shard {@code k}'s job. */
    public EpisodeJob shard(long k) {
        EpisodeJob t = template;
        return new EpisodeJob(scenarios.get((int) (k % scenarios.size())), t.driver(), t.beta(), t.split(),
                firstIndex + k * shardEpisodes, shardEpisodes, t.seed(), t.progress(), t.envs(), t.camera(),
                t.sensors(), t.shieldSettings(), t.weightsKey(), t.weightsVersion(), true);
    }

    /**
     * What a round collected.
     *
     * @param shards      shards accepted
     * @param steps       env steps in the accepted shards
     * @param samples     samples handed to the dataset
     * @param episodes    episodes in the accepted shards
     * @param indicesUsed split indices the round consumed (also those of shards run but not accepted): the next
     *                    round starts after them
     */
    public record Collected(int shards, long steps, long samples, int episodes, long indicesUsed) {
    }
}
