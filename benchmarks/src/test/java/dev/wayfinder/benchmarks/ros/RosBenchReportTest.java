package dev.wayfinder.benchmarks.ros;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's output without running it: the table and JSON of fixed numbers keep their shape (report-table.txt
 * and report.json, first written by the version before the benchmark was split into classes, since with the images'
 * latency at 30 Hz added), the rows survive
 * the trip from the child process to the parent, and percentiles pick the elements they name.
 */
class RosBenchReportTest {
    private static final RosBenchResult FIXED = new RosBenchResult(List.of(
            new RosBenchResult.RoundTrip("Java<->Java", 57, 85, 132, 400, 2000),
            new RosBenchResult.RoundTrip("Java<->Cyclone", 63, 84, 136, 1200, 2000),
            new RosBenchResult.RoundTrip("Cyclone<->Cyclone", 46, 102, 149, 990, 2000)),
            List.of(new RosBenchResult.ImageRow("Java->Java", 60, 60, 600, 600, 1_000_000_000L, 600L * 921_600,
                            1500, 2900, 3100),
                    new RosBenchResult.ImageRow("Java->Cyclone", 60, 59, 600, 600, 2_500_000_000L, 600L * 921_600,
                            1700, 3300, 4100),
                    new RosBenchResult.ImageRow("Cyclone->Java", 60, 60, 600, 598, 1_234_567_890L, 598L * 921_600,
                            1600, 3000, 3500),
                    new RosBenchResult.ImageRow("Cyclone->Cyclone", 60, 60, 600, 600, 0L, 0L, 1200, 2000, 2400)));

    private static String resource(String name) throws IOException {
        try (InputStream in = RosBenchReportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void tableAndJsonKeepTheirShape() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
        try {
            assertEquals(resource("report-table.txt"), RosBenchReport.table(FIXED));
            assertEquals(resource("report.json"), RosBenchReport.json(FIXED));
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void rowsTravelFromTheChildToTheParentUnchanged() {
        String lines = FIXED.lines();
        assertEquals("ROW Java<->Java 57 85 132 400 2000\n", lines.lines().findFirst().orElseThrow() + "\n");
        assertEquals(FIXED, RosBenchResult.parse("some log line\n" + lines + "PASS\n"));
        assertThrows(IllegalStateException.class, () -> RosBenchResult.parse("ROW Java<->Java 1 2 3 4 5\n"));
    }

    @Test
    void theDeployRowTravelsAndIsPrintedWithItsLosses() {
        RosBenchResult.DeployRow d = new RosBenchResult.DeployRow(300, 297, 1, 4, 290,
                new RosBenchResult.Percentiles(700, 900, 1300, 2000),
                new RosBenchResult.Percentiles(2100, 3900, 4800, 9000),
                new RosBenchResult.Percentiles(26000, 49000, 51000, 60000), 1850);
        RosBenchResult r = new RosBenchResult(FIXED.roundTrips(), FIXED.images(), d);
        assertEquals(r, RosBenchResult.parse(r.lines()));
        assertEquals(1, d.lost(), "300 sent, 297 taken and 1 refused: one lost beyond the window's skew of one");
        String table = RosBenchReport.table(r);
        assertTrue(table.contains("received and checked                    700      900     1300     2000"), table);
        assertTrue(table.contains("decision ready                         2100     3900     4800     9000"), table);
        assertTrue(table.contains("images sent 300, accepted 297, refused 1, dropped at the hand-off 4, decisions 290"
                + "  LOSS"), table);
        assertTrue(RosBenchReport.json(r).contains("\"stamp_to_publish_us\": {\"p50\": 26000, \"p95\": 49000,"
                + " \"p99\": 51000, \"max\": 60000}, \"cpu_per_image_us\": 1850}"), RosBenchReport.json(r));
        assertTrue(table.contains("CPU time per image accepted (the node's threads, GC and JIT): 1850 us"), table);
    }

    @Test
    void percentilesAreTheNamedElementsOfTheSortedTimes() {
        long[] us = new long[200];
        for (int i = 0; i < us.length; i++) {
            us[i] = 1000 - i;
        }
        assertEquals(new RosBenchResult.RoundTrip("Java<->Java", 901, 981, 999, 1000, 200),
                Statistics.roundTrip("Java<->Java", us));
        assertEquals(1000 - 199, us[199], "the samples are not sorted in place");
        List<Statistics.Arrival> at30 = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            at30.add(new Statistics.Arrival(10, 1_000_000L * i, 1_000_000L * i + 1000L * (i + 1))); // 1..100 us
        }
        RosBenchResult.ImageRow row = Statistics.imageRow("Java->Java", 100, at30, 2,
                List.of(new Statistics.Arrival(10, 100, 250), new Statistics.Arrival(10, 150, 300)));
        assertEquals(new RosBenchResult.ImageRow("Java->Java", 100, 100, 2, 2, 200, 20, 51, 100, 100), row);
    }
}
