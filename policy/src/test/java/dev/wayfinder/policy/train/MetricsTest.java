package dev.wayfinder.policy.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** metrics.csv rows carry each round's phase times; rows of older runs (10 fields) still read, with NaN phases. */
class MetricsTest {
    @Test
    void phaseTimesRoundTrip() {
        Metrics m = new Metrics(3, 0.125, 2048, 0.5, 0.75, 0.5, 0.25, 612.5, 33.25, 80.5, 6.5, 12.25, 4.75);
        Metrics back = Metrics.parse(m.csv());
        assertEquals(m, back, m.csv());
        assertEquals(Metrics.HEADER.split(",").length, m.csv().split(",").length, "header and row widths");
        assertTrue(Metrics.HEADER.endsWith(",collect_s,train_s,validate_s"), Metrics.HEADER);
    }

    @Test
    void anOlderRunsRowsReadWithNaNPhasesAndAreRewrittenWide(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("metrics.csv");
        Files.writeString(f, "iteration,beta,samples,loss,val_success,val_spl,val_collision,collect_steps_per_s,"
                + "grad_steps_per_s,elapsed_s\n0,1.0000,4096,1.18393,0.0833,0.0602,0.6667,504.6,33.45,29.7\n");
        List<Metrics> rows = Metrics.readAll(f);
        assertEquals(1, rows.size());
        assertEquals(1.18393, rows.get(0).loss());
        assertTrue(Double.isNaN(rows.get(0).collectSeconds()) && Double.isNaN(rows.get(0).trainSeconds())
                && Double.isNaN(rows.get(0).validateSeconds()), rows.get(0).toString());
        Metrics.truncate(f, 1); // what resuming an older run does
        List<String> lines = Files.readAllLines(f);
        assertEquals(Metrics.HEADER, lines.get(0));
        assertEquals(rows, Metrics.readAll(f), String.join("\n", lines));
    }

    @Test
    void aRowOfAnotherWidthIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.parse("0,1.0,4096,1.2,0.1,0.1,0.6,500.0,33.0,29.7,6.5"));
        assertTrue(e.getMessage().contains("13 fields") && e.getMessage().contains("29.7,6.5"), e.getMessage());
    }
}
