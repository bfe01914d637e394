package dev.wayfinder.inference.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server benchmark measures both modes per client count and reports what it ran; options are checked. */
class ServerBenchTest {

    @Test
    void measuresDirectAndServerRowsPerClientCount() throws Exception {
        var o = new ServerBench.Options(new int[] {1, 6}, 1, 0, 150, new int[] {4, 8}, 300, 1, 1);
        List<ServerBench.Row> rows = ServerBench.run(PolicyCnn.build(3), o, null);
        assertEquals(List.of("direct 1", "server 1", "direct 6", "server 6"),
                rows.stream().map(r -> r.mode() + " " + r.clients()).toList());
        for (ServerBench.Row r : rows) {
            assertTrue(r.callsPerS() > 0 && r.p50Us() > 0 && r.p50Us() <= r.p99Us(), r.toString());
        }
        ServerBench.Row six = rows.get(3);
        // Six closed-loop clients and a 300 µs delay: most batches hold several of them, never more than 8.
        assertTrue(six.meanBatch() > 1 && six.meanBatch() <= 8, six.toString());
        String table = ServerBench.table(rows, o);
        assertTrue(table.contains("x direct tput") && table.contains("batch sizes [4, 8]"), table);
        assertTrue(ServerBench.json(rows).contains("\"mode\": \"server\", \"clients\": 6"), ServerBench.json(rows));
    }

    @Test
    void badOptionsNameTheOption() {
        var e = assertThrows(IllegalArgumentException.class, () -> ServerBench.parse(new String[] {"--clients", "x"}));
        assertTrue(e.getMessage().contains("--clients expects whole numbers, got 'x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServerBench.parse(new String[] {"--fast"}));
        assertTrue(e.getMessage().contains("unknown option --fast"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ServerBench.parse(new String[] {"--runs"}));
        assertTrue(e.getMessage().contains("--runs needs a value"), e.getMessage());
    }
}
