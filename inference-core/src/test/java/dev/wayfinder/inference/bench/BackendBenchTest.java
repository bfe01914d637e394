package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.backend.Backends;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend benchmark's rows: every case and batch per available engine, verified first; unavailable ones say why. */
class BackendBenchTest {

    @Test
    void everyAvailableEngineIsVerifiedBeforeItIsTimedAndTheOthersSayWhy() throws Exception {
        BackendBench.Options o = new BackendBench.Options(BackendBench.Options.engines("all"), new int[] {1, 5}, 0, 1, 1,
                true, false);
        List<String> progress = new ArrayList<>();
        List<BackendBench.Row> rows = BackendBench.run(o, progress::add);
        int ops = BenchModels.ops().size();
        for (String engine : List.of("cpu", "opencl", "cuda")) {
            List<BackendBench.Row> mine = rows.stream().filter(r -> r.engine().equals(engine)).toList();
            boolean available = Backends.all().stream().anyMatch(b -> b.name().equals(engine) && b.isAvailable())
                    || engine.equals("cpu");
            if (!available) {
                assertEquals(1, mine.size(), engine + ": one row saying why");
                assertFalse(mine.get(0).available() || mine.get(0).verified());
                assertFalse(mine.get(0).note().isEmpty());
                continue;
            }
            assertEquals(ops * 2, mine.size(), engine + ": every case at both batches");
            for (BackendBench.Row r : mine) {
                assertTrue(r.verified(), engine + " " + r.testCase() + " batch " + r.batch() + ": " + r.note());
                assertTrue(r.medianUs() > 0 && r.minUs() <= r.medianUs() && r.medianUs() <= r.maxUs(), r.toString());
            }
        }
        Map<String, String> devices = BackendBench.devices(o);
        String json = BackendBench.json(rows, devices);
        long verified = rows.stream().filter(BackendBench.Row::verified).count();
        assertEquals(verified, json.split("\"verified\": true").length - 1, json);
        String table = BackendBench.table(rows, devices);
        assertTrue(table.contains("cpu:") && table.contains("opencl:") && table.contains("cuda:"), table);
        assertEquals(rows.stream().filter(BackendBench.Row::available).count(), progress.size(), progress.toString());
    }

    @Test
    void theModelsAreBatchMajorAndTheNamesChecked() {
        assertTrue(BenchModels.models().keySet().containsAll(List.of("policy-cnn", "policy-cnn (ONNX import)", "gru-policy")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BackendBench.Options.engines("tpu"));
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("cpu, opencl, cuda or all"), e.getMessage());
    }

    @Test
    void jsonEscapesNotes() {
        assertEquals("\"a \\\"b\\\"\\n\"", BackendBench.quote("a \"b\"\n"));
    }
}
