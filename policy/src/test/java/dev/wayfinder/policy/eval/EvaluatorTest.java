package dev.wayfinder.policy.eval;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.wayfinder.render.NeedsEgl;
import org.junit.jupiter.api.extension.ExtendWith;

/** The evaluation table covers every driver on the same episodes, and the report links real GIFs. */
@ExtendWith(NeedsEgl.class)
class EvaluatorTest {
    @Test
    void tableReportAndGifs(@TempDir Path dir) throws Exception {
        long seed = 2;
        PolicyWeights w = PolicyWeights.random(new NetworkSpec(32, 32, List.of(8, 8), 16, 6), seed);
        var r = Evaluator.run(w, new Evaluator.Options(List.of("cluttered-room"), 2, 1, 2, seed, true), dir,
                Optional.empty(), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(List.of("policy", "expert", "random"), r.rows().stream().map(EvalRow::driver).toList());
        for (EvalRow row : r.rows()) {
            assertEquals(2, row.result().episodes(), row.toString());
            var res = row.result();
            assertTrue(res.successRate() >= 0 && res.successRate() <= 1 && res.spl() <= res.successRate() + 1e-9,
                    row.toString());
        }
        // Every episode on its own line, agreeing with the table: the same episodes (split indices, seeds) for every
        // driver, and each row's success rate and SPL from its lines.
        List<String> lines = Files.readAllLines(dir.resolve(Report.EPISODES));
        assertEquals(Report.EPISODES_HEADER, lines.get(0));
        assertEquals(1 + 2 * r.rows().size(), lines.size(), String.join("\n", lines));
        for (int i = 0; i < r.rows().size(); i++) {
            EvalRow row = r.rows().get(i);
            double success = 0;
            double spl = 0;
            for (int k = 0; k < 2; k++) {
                String[] f = lines.get(1 + 2 * i + k).split(",");
                assertEquals(row.driver(), f[2]);
                assertEquals(lines.get(1 + k).split(",")[3] + "," + lines.get(1 + k).split(",")[4], f[3] + "," + f[4],
                        "episode " + k + " is the same episode for every driver");
                assertTrue(List.of("success", "collision", "time_limit").contains(f[5]), f[5]);
                success += f[5].equals("success") ? 1 : 0;
                spl += Double.parseDouble(f[10]);
            }
            assertEquals(row.result().successRate(), success / 2, 1e-9, row.toString());
            assertEquals(row.result().spl(), spl / 2, 1e-3, row.toString());
        }
        String md = Files.readString(r.report());
        assertTrue(md.contains("| cluttered-room | in-distribution | expert | 2 |"), md);
        assertTrue(!r.gifs().isEmpty(), "a success or a failure was filmed");
        for (Path gif : r.gifs()) {
            assertTrue(md.contains(gif.getFileName().toString()), md);
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(ImageIO.createImageInputStream(gif.toFile()));
            assertTrue(reader.getNumImages(true) >= 1, gif + " has frames");
        }
    }

    @Test
    void aShieldOnPredictedDepthNeedsAMemoryNetworkAndShieldedRowsAreNamed(@TempDir Path dir) throws Exception {
        long seed = 3;
        NetworkSpec plain = new NetworkSpec(32, 32, List.of(8, 8), 16, 6);
        var predicted = Optional.of(new SafetyShield.Settings(SafetyShield.DepthSource.PREDICTED, 0.01, 0.4, 1.0));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Evaluator.run(PolicyWeights.random(plain, seed),
                        new Evaluator.Options(List.of("cluttered-room"), 1, 1, 1, seed, false, predicted), dir,
                        Optional.empty(), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        var quiet = new PrintStream(new ByteArrayOutputStream());
        var r = Evaluator.run(PolicyWeights.random(plain.withMemorySectors(8), seed),
                new Evaluator.Options(List.of("cluttered-room"), 2, 1, 2, seed, false, predicted), dir,
                Optional.empty(), quiet);
        assertEquals(List.of("policy", "policy+pred-shield", "expert", "random"),
                r.rows().stream().map(EvalRow::driver).toList());
        // The camera's depth needs no memory network.
        var c = Evaluator.run(PolicyWeights.random(plain, seed), new Evaluator.Options(List.of("cluttered-room"), 2, 1,
                2, seed, true, Optional.of(SafetyShield.Settings.DEFAULT)), dir, Optional.empty(), quiet);
        assertEquals("policy+shield", c.rows().get(1).driver());
        assertEquals(2, c.rows().get(1).result().episodes());
        // The shielded run is filmed too, and the report says how the shield ordered the actions.
        assertTrue(c.gifs().stream().anyMatch(g -> g.getFileName().toString().startsWith("cluttered-room-shield-")),
                c.gifs().toString());
        String md = Files.readString(c.report());
        assertTrue(md.contains("softmax at temperature 1 (seeded)") && md.contains("next 0.8 s keep 1 cm"), md);
        assertFalse(md.contains("Moving obstacles are tracked"), "the default shield takes the world to be still");
        // With the movers tracked, the same episodes run and the report says what the shield does with them.
        var m = Evaluator.run(PolicyWeights.random(plain, seed), new Evaluator.Options(List.of("cluttered-room"), 2, 1,
                2, seed, false, Optional.of(SafetyShield.Settings.DEFAULT.withMovers(true))), dir.resolve("movers"),
                Optional.empty(), quiet);
        assertEquals(2, m.rows().get(1).result().episodes());
        String mmd = Files.readString(m.report());
        assertTrue(mmd.contains("Moving obstacles are tracked") && mmd.contains("followed for 1.5 s, must also keep 6 cm"),
                mmd);
        assertTrue(Evaluator.line(r.rows().get(1)).startsWith("cluttered-room             in-distribution  "
                + "policy+pred-shield "), Evaluator.line(r.rows().get(1)));
    }
}
