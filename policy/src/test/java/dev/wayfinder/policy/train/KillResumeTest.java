package dev.wayfinder.policy.train;

import dev.wayfinder.policy.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real training process is killed with SIGKILL right after its first checkpoint, then resumed in a new
 * process: the run completes, and nothing from before the checkpoint (weights, metrics, data) is lost or
 * duplicated.
 */
@ExtendWith(NeedsEgl.class)
class KillResumeTest {
    private static final String CONFIG = """
            scenarios: [cluttered-room]
            iterations: 3
            first_collect_steps: 300
            collect_steps: 200
            gradient_steps: 6
            batch: 16
            envs: 2
            validation_episodes: 1
            memory_chunks: 2
            seed: 4
            network:
              width: 32
              height: 32
              conv_channels: [8, 8]
              hidden: 16
            """;

    private static Process start(Path dir, String arg, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), TrainMain.class.getName(), dir.toString(), arg));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("DJL_OFFLINE", "true");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("LP_NUM_THREADS", "0");
        return pb.start();
    }

    @Test
    void killedRunResumesWithoutLosingCheckpointedWork(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("run");
        Path cfg = tmp.resolve("config.yaml");
        Files.writeString(cfg, CONFIG);
        Process p = start(dir, cfg.toString(), tmp.resolve("first.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        Optional<Checkpoint> cp = Optional.empty();
        while (cp.isEmpty()) {
            if (!p.isAlive()) {
                fail("training exited (" + p.exitValue() + ") before its first checkpoint:\n"
                        + Files.readString(tmp.resolve("first.log")));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                fail("no checkpoint within 240 s:\n" + Files.readString(tmp.resolve("first.log")));
            }
            Thread.sleep(50);
            cp = readQuietly(dir);
        }
        p.destroyForcibly();                      // SIGKILL on Linux
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed process did not exit");
        Checkpoint before = Checkpoint.read(dir).orElseThrow();
        List<Metrics> rowsBefore = Metrics.readAll(dir.resolve(DaggerTrainer.METRICS)).subList(0, before.metricsRows());
        assertTrue(before.iteration() < 2, "the kill came before the run finished (iteration " + before.iteration() + ")");

        Process q = start(dir, "--resume", tmp.resolve("second.log"));
        assertTrue(q.waitFor(300, TimeUnit.SECONDS), "resumed run did not finish in 300 s");
        assertEquals(0, q.exitValue(), Files.readString(tmp.resolve("second.log")));

        Checkpoint after = Checkpoint.read(dir).orElseThrow();
        assertEquals(2, after.iteration(), "the resumed run completes all iterations");
        List<Metrics> rows = Metrics.readAll(dir.resolve(DaggerTrainer.METRICS));
        assertEquals(3, rows.size(), "one metrics row per iteration, none lost or repeated: " + rows);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).iteration());
        }
        assertEquals(rowsBefore, rows.subList(0, rowsBefore.size()), "rows before the checkpoint are kept");
        assertTrue(after.datasetChunks() > before.datasetChunks(), "the resumed run added data");
        int onDisk = 0;
        while (Files.exists(dir.resolve("dataset").resolve(String.format("chunk-%06d.bin", onDisk)))) {
            onDisk++;
        }
        assertEquals(after.datasetChunks(), onDisk, "the dataset on disk is exactly the checkpointed one");
        assertTrue(Files.exists(dir.resolve("loss.png")) && Files.exists(dir.resolve("success.png")));
        Dataset ds = new Dataset(dir.resolve("dataset"), 32 * 32 * 3, after.weights().spec().sampleFloats());
        for (int i = 0; i < ds.chunkCount(); i++) {
            assertTrue(ds.read(i).size() > 0, "chunk " + i + " is complete and readable");
        }
        assertTrue(Files.readString(tmp.resolve("second.log")).contains("resuming"));
    }

    private static Optional<Checkpoint> readQuietly(Path dir) {
        try {
            return Checkpoint.read(dir);
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
