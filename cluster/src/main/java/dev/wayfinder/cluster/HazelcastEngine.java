package dev.wayfinder.cluster;

import dev.wayfinder.policy.work.EpisodeExecutor;

import java.io.PrintStream;

/** The Hazelcast engine behind {@link EpisodeExecutor}, registered for {@link java.util.ServiceLoader}. */
public final class HazelcastEngine implements EpisodeExecutor.Provider {
    @Override
    public String name() {
        return "hazelcast";
    }

    @Override
    public EpisodeExecutor connect(String address, int shardEpisodes, java.util.List<String> select, PrintStream log) {
        MemberFilter filter = MemberFilter.parse(select);
        return HazelcastExecutor.connect(HostPort.parse(address, "--cluster"), shardEpisodes, filter, log);
    }
}
