package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.graph.Graph;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table and JSON forms (the numbers themselves are benchmarks' business, not tests'). */
class InferenceBenchTest {

    private static InferenceBench.EngineFactory fake(String name, int work) {
        return new InferenceBench.EngineFactory() {
            public String name() {
                return name;
            }

            public InferenceBench.Engine create(Graph graph, int batch) {
                return new InferenceBench.Engine() {
                    double sink;

                    public String name() {
                        return name;
                    }

                    public void infer() {
                        for (int i = 0; i < work * batch; i++) {
                            sink += Math.sqrt(i);
                        }
                    }
                };
            }
        };
    }

    @Test
    void tableAndJsonListEveryEngineAndBatchWithRatios() throws Exception {
        List<InferenceBench.Result> r = InferenceBench.run(List.of(fake("base", 100), fake("other", 300)),
                new InferenceBench.Options(new int[] {1, 2}, 0, 3, 20));
        assertEquals(4, r.size());
        String table = InferenceBench.table(r, "base");
        assertTrue(table.contains("batch 1") && table.contains("batch 2") && table.contains("other"), table);
        assertTrue(table.lines().filter(l -> l.startsWith("base")).allMatch(l -> l.trim().endsWith("1.00")), table);
        String json = InferenceBench.json(r, "base");
        assertEquals(4, json.split("\"engine\"").length - 1, json);
        assertTrue(json.contains("\"ratio_to_baseline\": 1.000"), json);
    }

    @Test
    void badOptionsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InferenceBench.parse(new String[] {"--fast"}, InferenceBench.Options::defaults));
        assertTrue(e.getMessage().contains("--fast"), e.getMessage());
    }
}
