package dev.wayfinder.policy.train;

import dev.wayfinder.policy.data.Chunk;
import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recurrent policy trains end to end, tiny: expert demonstrations, a DAgger round with truncated backpropagation
 * through time, validation, checkpoints, and a resumed run that goes on from the checkpoint. The dataset holds what
 * TBPTT needs: the robot side's hidden state as collected (zeros while the expert drove and the network did not run,
 * the network's own h once it runs) and links between each robot's consecutive samples.
 */
@ExtendWith(NeedsEgl.class)
class RecurrentTrainingTest {
    private static final String CONFIG = """
            scenarios: [cluttered-room]
            iterations: 2
            first_collect_steps: 160
            collect_steps: 120
            gradient_steps: 4
            batch: 16
            envs: 2
            validation_episodes: 1
            memory_chunks: 2
            sequence_length: 4
            seed: 5
            network:
              width: 32
              height: 32
              conv_channels: [8, 8]
              hidden: 16
              recurrent_units: 8
            """;

    @Test
    void aGruPolicyTrainsValidatesCheckpointsAndResumes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        TrainConfig cfg = TrainConfig.fromYaml(CONFIG, "gru.yaml");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        DaggerTrainer.Result first = DaggerTrainer.run(dir, cfg, false, out, false);
        String text = log.toString(StandardCharsets.UTF_8);
        assertEquals(2, first.metrics().size(), text);
        for (Metrics m : first.metrics()) {
            assertTrue(Double.isFinite(m.loss()) && m.loss() > 0, "loss of iteration " + m.iteration() + ": " + text);
            assertTrue(Double.isFinite(m.valSuccess()), "validated: " + text);
        }
        NetworkSpec spec = first.weights().spec();
        assertEquals(8, spec.recurrentUnits());
        PolicyWeights saved = PolicyWeights.fromBytes(Files.readAllBytes(dir.resolve(DaggerTrainer.WEIGHTS)), "run");
        assertEquals(spec, saved.spec());
        assertTrue(Files.exists(dir.resolve(DaggerTrainer.BEST)));
        assertEquals(1, Checkpoint.read(dir).orElseThrow().iteration());

        Dataset data = new Dataset(dir.resolve("dataset"), 32 * 32 * 3, spec.sampleFloats());
        assertEquals(2, data.chunkCount(), "one chunk per round at this size");
        Chunk expert = data.read(0);
        Chunk dagger = data.read(1);
        assertEquals(160, expert.size());
        assertLinks(expert, spec, "the expert round");
        assertLinks(dagger, spec, "the DAgger round");
        assertEquals(0, hiddenMass(expert, spec), 0, "the network did not run while the expert drove: h stays 0");
        assertTrue(hiddenMass(dagger, spec) > 0, "the DAgger round stores the network's own hidden states");

        // A resumed run carries on from the checkpoint, extended by one round.
        List<Metrics> rowsBefore = Metrics.readAll(dir.resolve(DaggerTrainer.METRICS));
        ByteArrayOutputStream log2 = new ByteArrayOutputStream();
        DaggerTrainer.Result second = DaggerTrainer.run(dir, null, true, 3,
                new PrintStream(log2, true, StandardCharsets.UTF_8), false);
        String text2 = log2.toString(StandardCharsets.UTF_8);
        assertTrue(second.resumed() && text2.contains("resuming"), text2);
        assertEquals(List.of(0, 1, 2), second.metrics().stream().map(Metrics::iteration).toList(), text2);
        assertEquals(rowsBefore, Metrics.readAll(dir.resolve(DaggerTrainer.METRICS)).subList(0, 2),
                "rows before the checkpoint are kept");
        assertEquals(2, Checkpoint.read(dir).orElseThrow().iteration());
        assertEquals(3, new Dataset(dir.resolve("dataset"), 32 * 32 * 3, spec.sampleFloats()).chunkCount());
    }

    /**
     * With two robots stepping together every sample links to a sample 2 back (its robot's previous one) or is an
     * episode's first (0), and each robot's first sample of the round is a start.
     */
    private static void assertLinks(Chunk c, NetworkSpec spec, String what) {
        int starts = 0;
        for (int k = 0; k < c.size(); k++) {
            float link = c.states()[k * c.stateSize() + spec.linkOffset()];
            assertTrue(link == 0 || link == 2, what + ": sample " + k + " links " + link + " back");
            starts += link == 0 ? 1 : 0;
            if (k < 2) {
                assertEquals(0, link, 0, what + ": the round starts new episodes");
            }
        }
        assertTrue(starts < c.size() / 4, what + ": most samples continue an episode (" + starts + " starts)");
    }

    private static double hiddenMass(Chunk c, NetworkSpec spec) {
        double sum = 0;
        for (int k = 0; k < c.size(); k++) {
            for (int i = 0; i < spec.recurrentUnits(); i++) {
                sum += Math.abs(c.states()[k * c.stateSize() + spec.hiddenOffset() + i]);
            }
        }
        return sum;
    }
}
