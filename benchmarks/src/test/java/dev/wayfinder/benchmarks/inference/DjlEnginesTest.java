package dev.wayfinder.benchmarks.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.inference.bench.InferenceBench;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DJL + PyTorch runs the policy network with inference-core's weights and gives inference-core's logits. */
class DjlEnginesTest {

    @Test
    void djlIsOnTheTestClassPath() {
        assertNull(InferenceComparison.djlMissing());
    }

    @Test
    void logitsMatchInferenceCoreOnASeededBatch() throws Exception {
        Graph g = PolicyCnn.build(1);
        int batch = 3;
        float[] x = PolicyCnn.images(7, batch);
        float[] djl = DjlEngines.forwardOnce(g, batch, x);
        float[] ours = DjlEngines.reference(g, batch, x);
        assertEquals(batch * PolicyCnn.ACTIONS, djl.length);
        double scale = 0;
        for (float v : ours) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0.01, "logits should not be all near zero, max |logit| " + scale);
        double diff = DjlEngines.maxAbsDiff(djl, ours);
        assertTrue(diff <= DjlEngines.TOLERANCE, "max |DJL - inference-core| = " + diff);
    }

    @Test
    void benchmarkEngineChecksItselfAndRuns() throws Exception {
        try (InferenceBench.Engine e = DjlEngines.factory().create(PolicyCnn.build(1), 1)) {
            assertEquals(DjlEngines.NAME, e.name());
            for (int i = 0; i < 20; i++) {
                e.infer();
            }
        }
    }

    @Test
    void untranslatedOperatorIsRejected() {
        GraphBuilder b = new GraphBuilder("tanh");
        String x = b.input("x", -1, 4);
        Graph g = b.output(b.apply(new Op.Tanh(), x)).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DjlEngines.forwardOnce(g, 1, new float[4]));
        assertTrue(e.getMessage().contains("Tanh"), e.getMessage());
    }

    @Test
    void maxAbsDiffFlagsLengthAndNaN() {
        assertEquals(0.5, DjlEngines.maxAbsDiff(new float[] {1, 2}, new float[] {1, 2.5f}), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, DjlEngines.maxAbsDiff(new float[] {1}, new float[] {1, 2}));
        assertEquals(Double.POSITIVE_INFINITY, DjlEngines.maxAbsDiff(new float[] {Float.NaN}, new float[] {0}));
    }

    @Test
    void tableAndJsonGiveRatiosToBothPeers() {
        List<InferenceBench.Result> r = List.of(
                new InferenceBench.Result("wayfinder-vector", 1, 60, 59, 61, 1e6 / 60),
                new InferenceBench.Result("onnxruntime", 1, 65, 64, 66, 1e6 / 65),
                new InferenceBench.Result(DjlEngines.NAME, 1, 400, 390, 410, 1e6 / 400));
        List<String> peers = List.of("onnxruntime", DjlEngines.NAME);
        String table = InferenceComparison.table(r, peers);
        assertTrue(table.contains("x onnxruntime") && table.contains("x djl-pytorch"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("wayfinder-vector") && l.endsWith("0.150")), table);
        String json = InferenceComparison.json(r, peers);
        assertTrue(json.contains("\"ratio_to_djl_pytorch\": 0.150"), json);
        assertTrue(json.contains("\"ratio_to_baseline\": 0.923"), json);
    }
}
