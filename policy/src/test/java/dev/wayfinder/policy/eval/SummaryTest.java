package dev.wayfinder.policy.eval;

import dev.wayfinder.sim.eval.EvalResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Mean and sample standard deviation across runs, rows matched by scenario, variant and driver. */
class SummaryTest {
    private static EvalRow row(String driver, double success, int episodes) {
        return new EvalRow("room", "in-distribution", driver, new EvalResult(episodes, success, success * 0.9,
                1 - success, 0, 100, 10));
    }

    @Test
    void meansAndSpreadsAcrossRuns(@TempDir Path dir) throws Exception {
        var lines = Summary.of(List.of(
                List.of(row("policy", 0.8, 200), row("expert", 1.0, 200), row("only-in-one", 0.5, 10)),
                List.of(row("policy", 0.9, 200), row("expert", 1.0, 200)),
                List.of(row("policy", 1.0, 199), row("expert", 1.0, 200))));
        assertEquals(2, lines.size(), "a row missing from a run is left out: " + lines);
        Summary.Line p = lines.get(0);
        assertEquals("policy", p.driver());
        assertEquals(0.9, p.success(), 1e-12);
        assertEquals(0.1, p.successStd(), 1e-12);
        assertEquals(0.1, p.collision(), 1e-12);
        assertEquals(199, p.episodes());
        assertEquals(0, lines.get(1).successStd(), 1e-12);
        Path md = Summary.write(dir, lines, List.of("a", "b", "c"), "inputs\n");
        assertTrue(Files.readString(md).contains("| room | in-distribution | policy | 3 | 199 | 0.900 +- 0.100 |"));
    }
}
