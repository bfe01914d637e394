package dev.wayfinder.benchmarks.inference;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.bench.InferenceBench;
import dev.wayfinder.inference.bench.PolicyCnn;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * JMH: one forward pass of the policy network per operation, per engine and batch size, all in one run.
 * Run: {@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar PolicyInferenceBenchmark}
 * (add {@code -p engine=vector,onnxruntime} to narrow). Scalar at batch 32 is slow (~0.15 s per op) by design.
 * {@code -p engine=djl-pytorch} runs DJL + PyTorch (one intra-op thread), which the shaded jar leaves out: run JMH with
 * the Maven-resolved class path for it (see README-inference.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PolicyInferenceBenchmark {

    @Param({"vector", "vector-2t", "vector-int8", "scalar", "onnxruntime", "onnxruntime-allt"})
    public String engine;

    @Param({"1", "32"})
    public int batch;

    private InferenceBench.Engine e;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        InferenceBench.EngineFactory f = switch (engine) {
            case "vector" -> InferenceBench.core(Backends.byName("vector"), false);
            case "vector-2t" -> InferenceBench.core(Backends.byName("vector"), false, 2);
            case "vector-int8" -> InferenceBench.core(Backends.byName("vector"), true);
            case "scalar" -> InferenceBench.core(Backends.byName("scalar"), false);
            case "onnxruntime" -> OrtEngines.factory(1);
            case "onnxruntime-allt" -> OrtEngines.factory(0);
            case "djl-pytorch" -> {
                String missing = InferenceComparison.djlMissing();
                if (missing != null) {
                    throw new IllegalStateException("djl-pytorch needs " + missing + " on the class path");
                }
                yield DjlEngines.factory();
            }
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
        e = f.create(PolicyCnn.build(1), batch);
    }

    @Benchmark
    public void forward() throws Exception {
        e.infer();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        e.close();
    }
}
