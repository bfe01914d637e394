package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.net.NetworkSpec;
import dev.wayfinder.policy.net.PolicyWeights;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluation table covers every driver on the same episodes, and the report links real GIFs. */
class EvaluatorTest {
    @Test
    void tableReportAndGifs(@TempDir Path dir) throws Exception {
        long seed = 2;
        PolicyWeights w = PolicyWeights.random(new NetworkSpec(32, 32, List.of(8, 8), 16, 6), seed);
        var r = Evaluator.run(w, new Evaluator.Options(List.of("cluttered-room"), 2, 1, 2, seed, true), dir,
                Optional.empty(), new PrintStream(new ByteArrayOutputStream()));
        assertEquals(List.of("policy", "expert", "random"), r.rows().stream().map(EvalRow::driver).toList());
        for (EvalRow row : r.rows()) {
            assertEquals(2, row.episodes(), row.toString());
            assertTrue(row.success() >= 0 && row.success() <= 1 && row.spl() <= row.success() + 1e-9, row.toString());
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
}
