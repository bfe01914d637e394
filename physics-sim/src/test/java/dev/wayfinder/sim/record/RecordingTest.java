package dev.wayfinder.sim.record;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.TestEpisodes;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingTest {
    private static Recording record(Episode e, EnvConfig cfg, Policy policy, long seed) {
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(e), cfg)) {
            var obs = env.reset(seed).observation();
            policy.reset(env, seed);
            Recorder rec = new Recorder(cfg);
            rec.start(env, seed);
            StepResult s;
            do {
                Action a = policy.act(env, obs);
                s = env.step(a);
                rec.step(a, s);
                obs = s.observation();
            } while (!s.done());
            return rec.finish();
        }
    }

    @Test
    void fileRoundTripAndExactReplay(@TempDir Path dir) throws IOException {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        for (EnvConfig cfg : new EnvConfig[] {EnvConfig.DISCRETE, EnvConfig.CONTINUOUS}) {
            Recording r = record(e, cfg, Policy.expert(cfg), 17);
            assertEquals("success", r.outcome(), "expert on the test room, seed 17");
            Path f = dir.resolve("ep-" + cfg.actionMode() + ".wfrec");
            RecordingFile.write(r, f);
            Recording back = RecordingFile.read(f);
            assertEquals(r, back);
            assertTrue(Files.size(f) < 24L * r.steps().size() + 400, "compact: " + Files.size(f) + " bytes for "
                    + r.steps().size() + " steps");
            Replay.Report rep = Replay.run(back, EpisodeSource.fixed(e));
            assertTrue(rep.exact(), "replay diverged at step " + rep.firstMismatch());
            assertEquals(r.outcome(), rep.outcome());
            assertEquals(r.steps().size(), rep.steps());
        }
    }

    @Test
    void randomPolicyEpisodeReplaysExactlyIncludingItsCollision() {
        Episode e = TestEpisodes.clutter(TestEpisodes.noisy());
        Recording r = record(e, EnvConfig.DISCRETE, Policy.random(), 3);
        Replay.Report rep = Replay.run(r, EpisodeSource.fixed(e));
        assertTrue(rep.exact(), "seed 3: diverged at " + rep.firstMismatch());
        assertEquals(r.outcome(), rep.outcome());
    }

    @Test
    void replayOnAnotherEpisodeIsRefused() {
        Recording r = record(TestEpisodes.emptyRoom(), EnvConfig.DISCRETE, Policy.random(), 1);
        assertThrows(IllegalArgumentException.class,
                () -> Replay.run(r, EpisodeSource.fixed(TestEpisodes.clutter(TestEpisodes.noisy()))));
    }

    @Test
    void damagedFilesAreReportedNotThrownAsRuntimeErrors() {
        IOException ex = assertThrows(IOException.class,
                () -> RecordingFile.read(new ByteArrayInputStream(new byte[] {1, 2, 3}), "junk.wfrec"));
        assertTrue(ex.getMessage().startsWith("junk.wfrec"), ex.getMessage());
    }
}
