package dev.wayfinder.policy.work;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds executors: the in-process one, or a cluster engine on the class path ({@link EpisodeExecutor.Provider}). */
public final class EpisodeExecutors {
    private EpisodeExecutors() {
    }

    /** The engines on the class path, by name. */
    public static List<String> engines() {
        List<String> names = new ArrayList<>();
        for (EpisodeExecutor.Provider p : ServiceLoader.load(EpisodeExecutor.Provider.class)) {
            names.add(p.name());
        }
        return names;
    }

    /**
     * Connects to the cluster at {@code address} (HOST:PORT) with the engine named {@code engine}, or the only one
     * when {@code engine} is null; only workers {@code select} accepts get work (see
     * {@link EpisodeExecutor.Provider#connect}).
     *
     * @throws IllegalArgumentException when there is no such engine, or it cannot connect (its message says why)
     */
    public static EpisodeExecutor connect(String engine, String address, int shardEpisodes, List<String> select,
                                          PrintStream log) {
        List<EpisodeExecutor.Provider> found = new ArrayList<>();
        ServiceLoader.load(EpisodeExecutor.Provider.class).forEach(found::add);
        for (EpisodeExecutor.Provider p : found) {
            if (engine == null || p.name().equals(engine)) {
                return p.connect(address, shardEpisodes, select, log);
            }
        }
        throw new IllegalArgumentException(found.isEmpty()
                ? "no cluster engine on the class path (the cluster module's jar is missing)"
                : "no cluster engine named " + engine + "; there is " + engines());
    }
}
