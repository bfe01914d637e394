package dev.wayfinder.studio.eval;

import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.Policy;
import dev.wayfinder.sim.record.EpisodeTable;
import dev.wayfinder.sim.record.Recorder;
import dev.wayfinder.sim.record.RecordingFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Recorded expert episodes made as {@code wayfinder sim run --policy expert --record DIR} makes them. */
final class Recordings {
    private Recordings() {
    }

    /** Records the expert on {@code s} for {@code seeds} into {@code dir}, with the episode table; the files. */
    static List<Path> expert(Scenario s, boolean randomize, Path dir, long... seeds) throws IOException {
        List<Path> files = new ArrayList<>();
        List<EpisodeTable.Entry> table = new ArrayList<>();
        try (NavEnv env = new NavEnv(ReplayTrack.source(s, randomize), EnvConfig.DISCRETE)) {
            for (long seed : seeds) {
                Recorder.Recorded r = Recorder.runEpisode(env, Policy.expert(EnvConfig.DISCRETE), seed);
                String name = RecordingFile.fileName(s.name(), seed);
                RecordingFile.write(r.recording(), dir.resolve(name));
                files.add(dir.resolve(name));
                table.add(new EpisodeTable.Entry("expert", randomize, r.outcome(), name));
            }
        }
        EpisodeTable.write(dir, table);
        return files;
    }
}
