package dev.wayfinder.benchmarks.inference;

import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Priority;
import dev.wayfinder.inference.server.Reply;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * JMH: one policy-CNN call per operation by 1, 8 and 64 concurrent client threads, each either calling a batch-1
 * context of its own one call at a time ({@code direct*}) or going through one shared {@link InferenceServer}
 * ({@code server*}: batch sizes 4, 16, 64, 200 µs queue delay, one worker with every core for its batches). Sample
 * time mode gives each thread's latency percentiles (p0.50, p0.99); throughput is threads / mean.
 * Run: {@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar ServerThroughputBenchmark}. The quick
 * version is {@code wayfinder bench server}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ServerThroughputBenchmark {

    /** The shared server and the batch-1 plan. */
    @State(Scope.Benchmark)
    public static class Shared {
        InferenceServer server;
        ExecutionPlan single;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            var g = PolicyCnn.build(1);
            single = Compiler.compile(g, CompileOptions.batch(1));
            server = InferenceServer.builder(g).batchSizes(4, 16, 64).maxQueueDelayMicros(200).capacity(4096)
                    .compileOptions(CompileOptions.batch(1)
                            .withThreads(Math.min(8, Runtime.getRuntime().availableProcessors())))
                    .build();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            server.close();
        }
    }

    /** One client thread's input, output, context and server handle. */
    @State(Scope.Thread)
    public static class Caller {
        ExecutionContext ctx;
        InferenceServer.Client client;
        final float[][] in = {PolicyCnn.images(1, 1)};
        final float[][] out = {new float[PolicyCnn.ACTIONS]};
        final AtomicReference<Reply> reply = new AtomicReference<>();
        InferenceServer.Completion done;

        @Setup(Level.Trial)
        public void setUp(Shared shared) {
            ctx = shared.single.newContext();
            ctx.setInput(0, in[0]);
            client = shared.server.client("jmh", Priority.NORMAL);
            Thread me = Thread.currentThread();
            done = r -> {
                reply.set(r);
                LockSupport.unpark(me);
            };
        }

        float direct() {
            ctx.run();
            ctx.getOutput(0, out[0]);
            return out[0][0];
        }

        float served() {
            reply.set(null);
            if (client.submit(in, out, TimeUnit.SECONDS.toNanos(30), 0, done) != InferenceServer.Admission.ACCEPTED) {
                throw new IllegalStateException("refused");
            }
            Reply r;
            while ((r = reply.get()) == null) {
                LockSupport.park(reply);
            }
            if (!r.ok()) {
                throw new IllegalStateException("request " + r.status());
            }
            return out[0][0];
        }
    }

    @Benchmark
    @Threads(1)
    public float direct1(Caller c) {
        return c.direct();
    }

    @Benchmark
    @Threads(8)
    public float direct8(Caller c) {
        return c.direct();
    }

    @Benchmark
    @Threads(64)
    public float direct64(Caller c) {
        return c.direct();
    }

    @Benchmark
    @Threads(1)
    public float server1(Caller c) {
        return c.served();
    }

    @Benchmark
    @Threads(8)
    public float server8(Caller c) {
        return c.served();
    }

    @Benchmark
    @Threads(64)
    public float server64(Caller c) {
        return c.served();
    }
}
