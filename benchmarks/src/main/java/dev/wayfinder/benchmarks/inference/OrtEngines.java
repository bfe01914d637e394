package dev.wayfinder.benchmarks.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.wayfinder.inference.bench.InferenceBench;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.onnx.OnnxExporter;

import java.nio.FloatBuffer;
import java.util.Map;

/** ONNX Runtime as a benchmark peer: the same graph, exported to ONNX, run through OrtSession. */
public final class OrtEngines {

    private OrtEngines() {
    }

    /**
     * A factory for ONNX Runtime sessions.
     *
     * @param threads intra-op threads (1 for a like-for-like comparison with our single-threaded kernels;
     *                0 for ONNX Runtime's default, all cores)
     */
    public static InferenceBench.EngineFactory factory(int threads) {
        String label = threads == 1 ? "onnxruntime" : "onnxruntime-" + (threads == 0 ? "all" : threads) + "t";
        return new InferenceBench.EngineFactory() {
            public String name() {
                return label;
            }

            public InferenceBench.Engine create(Graph graph, int batch) throws Exception {
                OrtEnvironment env = OrtEnvironment.getEnvironment();
                OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
                opts.setIntraOpNumThreads(threads);
                opts.setInterOpNumThreads(1);
                opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                OrtSession session = env.createSession(OnnxExporter.toBytes(graph), opts);
                String input = graph.inputs().get(0).name();
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(PolicyCnn.images(1, batch)),
                        new long[] {batch, PolicyCnn.C, PolicyCnn.H, PolicyCnn.W});
                Map<String, OnnxTensor> feed = Map.of(input, x);
                return new InferenceBench.Engine() {
                    public String name() {
                        return label;
                    }

                    public void infer() throws Exception {
                        try (OrtSession.Result r = session.run(feed)) {
                            if (r.size() != 1) {
                                throw new IllegalStateException("expected one output");
                            }
                        }
                    }

                    public void close() throws Exception {
                        x.close();
                        session.close();
                        opts.close();
                    }
                };
            }
        };
    }
}
