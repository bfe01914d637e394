package dev.wayfinder.inference.server;

import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's promises under concurrency: every accepted request answered exactly once (shutdown included), outputs
 * bit for bit those of the request's own inputs and weights' version, timeouts, back-pressure, priority, fairness
 * between clients, atomic weight swaps, and metrics that add up. Seeded; the seed is in every failure message
 * ({@code -Dwayfinder.test.seed=N} to rerun one).
 */
class InferenceServerTest {
    private static final long SEED = Long.getLong("wayfinder.test.seed", 20261207L);
    private static final int X = 16;
    private static final int S = 4;

    /** Two inputs, two outputs, like a policy: concat(x, s) -> dense 32 relu -> dense 5; and x -> dense 3. */
    static Graph small(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder("small-" + seed);
        String x = b.input("x", -1, X);
        String s = b.input("s", -1, S);
        String h = b.relu(b.dense(b.apply(new Op.Concat(1), x, s), tensor(rnd, 32, X + S), tensor(rnd, 32)));
        b.output(b.dense(h, tensor(rnd, 5, 32), tensor(rnd, 5)));
        b.output(b.dense(x, tensor(rnd, 3, X), tensor(rnd, 3)));
        return b.build();
    }

    private static Tensor tensor(SplittableRandom rnd, int... dims) {
        int n = Arrays.stream(dims).reduce(1, (a, c) -> a * c);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return Tensor.of(v, dims);
    }

    private static float[][] inputs(SplittableRandom rnd) {
        float[] x = new float[X];
        float[] s = new float[S];
        for (int i = 0; i < X; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        for (int i = 0; i < S; i++) {
            s[i] = (float) rnd.nextDouble();
        }
        return new float[][] {x, s};
    }

    private static float[][] outputs() {
        return new float[][] {new float[5], new float[3]};
    }

    /** The outputs of one row alone, as row 0 of a batch of 4 (the other rows zero). */
    static final class Reference {
        private final ExecutionContext ctx;

        Reference(Graph g) throws Exception {
            ctx = Compiler.compile(g, CompileOptions.batch(4)).newContext();
        }

        synchronized float[][] of(float[][] in) {
            for (int j = 0; j < in.length; j++) {
                ctx.setInputRow(j, 0, in[j], 0);
            }
            ctx.run();
            float[][] out = outputs();
            for (int j = 0; j < out.length; j++) {
                ctx.getOutputRow(j, 0, out[j], 0);
            }
            return out;
        }
    }

    @Test
    void manyClientsGetTheirOwnRowsBitForBit() throws Exception {
        Graph g = small(SEED);
        Reference ref = new Reference(g);
        int threads = 12;
        int each = 200;
        List<String> wrong = new CopyOnWriteArrayList<>();
        try (InferenceServer server = InferenceServer.builder(g).batchSizes(4, 8, 16).maxQueueDelayMicros(200)
                .workers(2).build()) {
            runThreads(threads, t -> {
                InferenceServer.Client c = server.client("client-" + t, Priority.NORMAL);
                SplittableRandom rnd = new SplittableRandom(SEED + t);
                for (int i = 0; i < each; i++) {
                    float[][] in = inputs(rnd);
                    Reply r = c.submit(in).get(30, TimeUnit.SECONDS);
                    float[][] want = ref.of(in);
                    if (!Arrays.deepEquals(want, r.outputs()) || r.weightsVersion() != 1) {
                        wrong.add("thread " + t + " request " + i + ": " + Arrays.deepToString(r.outputs()) + " != "
                                + Arrays.deepToString(want));
                    }
                }
            });
            ServerMetrics m = server.metrics();
            assertEquals(threads * each, m.completed(), "seed " + SEED + ": " + m);
            assertEquals(m.batches(), Arrays.stream(m.batchRows()).sum(), "seed " + SEED + ": batch histogram " + m);
            long rows = 0;
            for (int k = 0; k < m.batchRows().length; k++) {
                rows += (long) k * m.batchRows()[k];
            }
            assertEquals(threads * each, rows, "seed " + SEED + ": rows in the histogram");
            assertTrue(m.meanBatchRows() > 1, "seed " + SEED + ": requests of 12 threads never shared a batch: " + m);
            assertTrue(m.latencyP50Micros() > 0 && m.latencyP50Micros() <= m.latencyP99Micros()
                    && m.latencyP99Micros() <= m.latencyMaxMicros(), m.toString());
        }
        assertEquals(List.of(), wrong, "seed " + SEED);
    }

    /**
     * The policy CNN's outputs for one image do not depend on the batch it runs in or its row there, for batches of
     * whole 4-row blocks: the server's exactness promise rests on this.
     */
    @Test
    void aRowsOutputsDoNotDependOnItsBatchAtMultiplesOfFour() throws Exception {
        Graph g = PolicyCnn.build(SEED);
        int per = PolicyCnn.C * PolicyCnn.H * PolicyCnn.W;
        float[] image = PolicyCnn.images(SEED, 1);
        float[] want = null;
        for (int batch : new int[] {4, 8, 12}) {
            for (int threads : new int[] {1, 2}) {
                ExecutionContext ctx = Compiler.compile(g, CompileOptions.batch(batch).withThreads(threads)).newContext();
                for (int row : new int[] {0, batch / 2 + 1, batch - 1}) {
                    ctx.setInput(0, PolicyCnn.images(SEED + row, batch));
                    ctx.setInputRow(0, row, image, 0);
                    ctx.run();
                    float[] got = new float[PolicyCnn.ACTIONS];
                    ctx.getOutputRow(0, row, got, 0);
                    if (want == null) {
                        want = got;
                    }
                    assertArrayEquals(want, got, "seed " + SEED + ": batch " + batch + ", " + threads
                            + " thread(s), row " + row);
                }
                ctx.close();
            }
        }
        assertEquals(per, image.length);
    }

    /**
     * Threads submit while the server closes at a seeded moment: every accepted request is answered exactly once,
     * nothing refused is answered, no reply comes after close() returns, and the counters agree.
     */
    @Test
    void closingUnderLoadLosesAndDuplicatesNoReply() throws Exception {
        for (int round = 0; round < 6; round++) {
            long seed = SEED * 31 + round;
            boolean now = round % 2 == 1;
            SplittableRandom rnd = new SplittableRandom(seed);
            Graph g = small(seed);
            Reference ref = new Reference(g);
            int threads = 16;
            int each = 400;
            AtomicIntegerArray replies = new AtomicIntegerArray(threads * each);
            AtomicIntegerArray admitted = new AtomicIntegerArray(threads * each);
            AtomicInteger badOutputs = new AtomicInteger();
            InferenceServer server = InferenceServer.builder(g).batchSizes(4, 8, 32).capacity(64)
                    .maxQueueDelayMicros(rnd.nextInt(500)).workers(1 + rnd.nextInt(2)).build();
            CountDownLatch started = new CountDownLatch(threads);
            Thread[] ts = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int tt = t;
                long threadSeed = rnd.nextLong();
                ts[t] = new Thread(() -> {
                    InferenceServer.Client c = server.client("c" + tt, Priority.values()[tt % 3]);
                    SplittableRandom r = new SplittableRandom(threadSeed);
                    started.countDown();
                    for (int i = 0; i < each; i++) {
                        int id = tt * each + i;
                        float[][] in = inputs(r);
                        float[][] want = ref.of(in);
                        InferenceServer.Admission a = c.submit(in, outputs(), TimeUnit.SECONDS.toNanos(20), id, rep -> {
                            replies.incrementAndGet((int) rep.tag());
                            if (rep.ok() && !Arrays.deepEquals(want, rep.outputs())) {
                                badOutputs.incrementAndGet();
                            }
                        });
                        if (a == InferenceServer.Admission.ACCEPTED) {
                            admitted.set(id, 1);
                        }
                        if (a == InferenceServer.Admission.CLOSED) {
                            break;
                        }
                    }
                });
                ts[t].start();
            }
            started.await();
            Thread.sleep(5 + rnd.nextInt(40));
            int cancelled = now ? server.shutdownNow() : 0;
            if (!now) {
                server.close();
            }
            int[] after = snapshot(replies);
            for (Thread t : ts) {
                t.join();
            }
            Thread.sleep(20);
            String at = "seed " + seed + (now ? " (shutdownNow)" : " (close)");
            assertArrayEquals(after, snapshot(replies), at + ": a reply came after the server had shut down");
            long accepted = 0;
            for (int id = 0; id < threads * each; id++) {
                assertEquals(admitted.get(id), replies.get(id), at + ": request " + id + " admitted "
                        + admitted.get(id) + " but answered " + replies.get(id) + " time(s)");
                accepted += admitted.get(id);
            }
            ServerMetrics m = server.metrics();
            assertEquals(accepted, m.accepted(), at + ": " + m);
            assertEquals(accepted, m.answered(), at + ": " + m);
            assertEquals(cancelled, m.cancelled(), at + ": " + m);
            assertEquals(0, m.failed() + m.timedOut() + m.completionErrors(), at + ": " + m);
            if (!now) {
                assertEquals(0, m.cancelled(), at + ": close() runs what is queued");
            }
            assertTrue(m.refusedClosed() > 0 || accepted == (long) threads * each, at + ": " + m);
            assertEquals(0, badOutputs.get(), at + ": replies with outputs not their inputs'");
            assertEquals(0, m.queueDepth(), at);
            assertEquals(InferenceServer.Admission.CLOSED, server.client("late", Priority.HIGH)
                    .trySubmit(inputs(rnd), outputs(), 1_000_000, 0, r -> { }), at);
        }
    }

    private static int[] snapshot(AtomicIntegerArray a) {
        int[] out = new int[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i);
        }
        return out;
    }

    @Test
    void aRequestThatWaitsPastItsDeadlineIsAnsweredTimedOutAndNotRun() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        // The batch is never due by size (64) and only after 10 s by delay: only the deadline ends the wait.
        try (InferenceServer server = InferenceServer.builder(small(SEED)).batchSizes(64)
                .maxQueueDelayMicros(10_000_000).build()) {
            InferenceServer.Client c = server.client("robot", Priority.HIGH);
            AtomicReference<Reply> got = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            long t0 = System.nanoTime();
            assertEquals(InferenceServer.Admission.ACCEPTED, c.submit(inputs(rnd), outputs(),
                    TimeUnit.MILLISECONDS.toNanos(30), 7, r -> {
                        got.set(r);
                        done.countDown();
                    }));
            assertTrue(done.await(5, TimeUnit.SECONDS), "no reply within 5 s to a request with a 30 ms timeout");
            long waited = System.nanoTime() - t0;
            Reply r = got.get();
            assertEquals(Reply.Status.TIMED_OUT, r.status());
            assertEquals(7, r.tag());
            assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(30), "answered after " + waited + " ns");
            ServerMetrics m = server.metrics();
            assertEquals(0, m.batches(), m.toString());
            assertEquals(1, m.timedOut(), m.toString());
        }
    }

    @Test
    void theConvenienceFutureFailsWithATimeoutException() throws Exception {
        try (InferenceServer server = InferenceServer.builder(small(SEED)).batchSizes(64).maxQueueDelayMicros(10_000_000)
                .defaultTimeout(20, TimeUnit.MILLISECONDS).build()) {
            var f = server.client("c", Priority.NORMAL).submit(inputs(new SplittableRandom(SEED)));
            var e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TimeoutException, e.toString());
        }
    }

    @Test
    void aFullQueuePushesBackAndCloseRunsWhatWasQueued() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        Graph g = small(SEED);
        Reference ref = new Reference(g);
        InferenceServer server = InferenceServer.builder(g).batchSizes(64).maxQueueDelayMicros(10_000_000)
                .capacity(5).clientCapacity(3).build();
        InferenceServer.Client a = server.client("a", Priority.NORMAL);
        InferenceServer.Client b = server.client("b", Priority.NORMAL);
        List<Reply> replies = new CopyOnWriteArrayList<>();
        Map<Long, float[][]> sent = new ConcurrentHashMap<>();
        long tag = 0;
        for (int i = 0; i < 3; i++, tag++) {
            float[][] in = inputs(rnd);
            sent.put(tag, in);
            assertEquals(InferenceServer.Admission.ACCEPTED, a.trySubmit(in, outputs(), 60_000_000_000L, tag, replies::add));
        }
        // a's own queue is full; b still has room in the server's.
        assertEquals(InferenceServer.Admission.FULL, a.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 99, replies::add));
        for (int i = 0; i < 2; i++, tag++) {
            float[][] in = inputs(rnd);
            sent.put(tag, in);
            assertEquals(InferenceServer.Admission.ACCEPTED, b.trySubmit(in, outputs(), 60_000_000_000L, tag, replies::add));
        }
        // The server is full: a blocking submit waits for room until its deadline.
        long t0 = System.nanoTime();
        assertEquals(InferenceServer.Admission.FULL, b.submit(inputs(rnd), outputs(),
                TimeUnit.MILLISECONDS.toNanos(40), 98, replies::add));
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(40), "did not wait for room");
        // A submitter waiting for room is released by close() and told the server is closed.
        AtomicReference<InferenceServer.Admission> waiting = new AtomicReference<>();
        Thread w = new Thread(() -> waiting.set(b.submit(inputs(new SplittableRandom(1)), outputs(),
                60_000_000_000L, 97, replies::add)));
        w.start();
        while (w.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        assertEquals(5, server.metrics().queueDepth());
        server.close();
        w.join();
        assertEquals(InferenceServer.Admission.CLOSED, waiting.get());
        assertEquals(5, replies.size(), "close() runs the queued requests: " + replies);
        for (Reply r : replies) {
            assertEquals(Reply.Status.OK, r.status(), "tag " + r.tag());
            assertArrayEquals(ref.of(sent.get(r.tag()))[0], r.outputs()[0], "tag " + r.tag());
        }
        ServerMetrics m = server.metrics();
        assertEquals(2, m.refusedFull(), m.toString());
        assertEquals(1, m.refusedClosed(), m.toString());
        assertEquals(5, m.maxQueueDepth(), m.toString());
    }

    /**
     * Holds the single worker inside a completion (a test-only block) while requests queue up behind it, then
     * returns the tags in the order they were answered after the release.
     */
    private static List<Long> orderAfterGate(InferenceServer server, int gateRows,
                                             java.util.function.Consumer<InferenceServer.Completion> queueUp)
            throws Exception {
        CountDownLatch inGate = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        List<Long> order = new CopyOnWriteArrayList<>();
        InferenceServer.Client gate = server.client("gate", Priority.LOW);
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < gateRows; i++) {
            gate.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, -1, r -> {
                if (first.getAndSet(false)) {
                    inGate.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        assertTrue(inGate.await(10, TimeUnit.SECONDS), "the gate batch did not run");
        queueUp.accept(r -> order.add(r.tag()));
        release.countDown();
        server.close();
        return order;
    }

    @Test
    void higherPriorityRequestsAreBatchedFirst() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        InferenceServer server = InferenceServer.builder(small(SEED)).batchSizes(4).maxQueueDelayMicros(0).build();
        InferenceServer.Client training = server.client("training", Priority.LOW);
        InferenceServer.Client evaluation = server.client("evaluation", Priority.NORMAL);
        InferenceServer.Client robot = server.client("robot", Priority.HIGH);
        List<Long> order = orderAfterGate(server, 4, done -> {
            for (int i = 0; i < 4; i++) {
                training.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 300 + i, done);
            }
            for (int i = 0; i < 4; i++) {
                evaluation.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 200 + i, done);
            }
            for (int i = 0; i < 4; i++) {
                robot.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 100 + i, done);
            }
        });
        assertEquals(List.of(100L, 101L, 102L, 103L, 200L, 201L, 202L, 203L, 300L, 301L, 302L, 303L), order,
                "seed " + SEED + ": robot (high), then evaluation (normal), then training (low), each in order");
    }

    @Test
    void clientsOfOnePriorityTakeTurns() throws Exception {
        SplittableRandom rnd = new SplittableRandom(SEED);
        InferenceServer server = InferenceServer.builder(small(SEED)).batchSizes(4, 8).maxQueueDelayMicros(0).build();
        InferenceServer.Client greedy = server.client("greedy", Priority.NORMAL);
        InferenceServer.Client b = server.client("b", Priority.NORMAL);
        InferenceServer.Client c = server.client("c", Priority.NORMAL);
        List<Long> order = orderAfterGate(server, 8, done -> {
            for (int i = 0; i < 12; i++) {
                greedy.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 100 + i, done);
            }
            for (int i = 0; i < 2; i++) {
                b.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 200 + i, done);
                c.trySubmit(inputs(rnd), outputs(), 60_000_000_000L, 300 + i, done);
            }
        });
        assertEquals(16, order.size(), order.toString());
        List<Long> firstBatch = new ArrayList<>(order.subList(0, 8));
        assertTrue(firstBatch.containsAll(List.of(200L, 201L, 300L, 301L)),
                "seed " + SEED + ": the first batch after the greedy client's 12 must hold b's and c's 2 each: " + order);
        List<Long> greedyOrder = order.stream().filter(t -> t < 200).toList();
        assertEquals(List.of(100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L, 111L), greedyOrder,
                "a client's own requests stay in order");
    }

    /**
     * Weights swapped while many threads submit: each reply's outputs are exactly its inputs' under the version it
     * is tagged with, and a client never sees an older version after a newer one.
     */
    @Test
    void weightsSwapAtomicallyBetweenBatchesAndRepliesNameTheirVersion() throws Exception {
        int versions = 6;
        Map<Long, Reference> refs = new ConcurrentHashMap<>();
        Graph[] graphs = new Graph[versions + 1];
        for (int v = 1; v <= versions; v++) {
            graphs[v] = small(SEED + 1000 * v);
            refs.put((long) v, new Reference(graphs[v]));
        }
        List<String> wrong = new CopyOnWriteArrayList<>();
        try (InferenceServer server = InferenceServer.builder(graphs[1]).batchSizes(4, 16).maxQueueDelayMicros(100)
                .workers(2).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            Thread[] ts = new Thread[8];
            for (int t = 0; t < ts.length; t++) {
                int tt = t;
                ts[t] = new Thread(() -> {
                    InferenceServer.Client c = server.client("c" + tt, Priority.NORMAL);
                    SplittableRandom rnd = new SplittableRandom(SEED + tt);
                    long last = 0;
                    while (!stop.get()) {
                        float[][] in = inputs(rnd);
                        Reply r;
                        try {
                            r = c.submit(in).get(30, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            wrong.add("thread " + tt + ": " + e);
                            return;
                        }
                        if (r.weightsVersion() < last) {
                            wrong.add("thread " + tt + ": version " + r.weightsVersion() + " after " + last);
                        }
                        last = r.weightsVersion();
                        if (!Arrays.deepEquals(refs.get(r.weightsVersion()).of(in), r.outputs())) {
                            wrong.add("thread " + tt + ": outputs are not those of version " + r.weightsVersion());
                        }
                    }
                });
                ts[t].start();
            }
            for (int v = 2; v <= versions; v++) {
                Thread.sleep(30);
                assertEquals(v, server.swapWeights(graphs[v]));
            }
            Thread.sleep(30);
            stop.set(true);
            for (Thread t : ts) {
                t.join();
            }
            assertEquals(versions, server.metrics().weightsVersion());
            Reply last = server.client("after", Priority.NORMAL).submit(inputs(new SplittableRandom(SEED)))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(versions, last.weightsVersion());
            assertThrows(IllegalArgumentException.class, () -> server.swapWeights(graphs[2], 3),
                    "a version not above the current one");
        }
        assertEquals(List.of(), wrong.stream().limit(5).toList(), "seed " + SEED);
    }

    @Test
    void badRequestsAndGraphsAreRefusedSayingWhatWasExpected() throws Exception {
        try (InferenceServer server = InferenceServer.builder(small(SEED)).batchSizes(4).build()) {
            InferenceServer.Client c = server.client("c", Priority.NORMAL);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> c.submit(new float[][] {new float[X], new float[S + 1]}, outputs(), 1_000_000, 0, r -> { }));
            assertTrue(e.getMessage().contains("input 's' needs 4 floats per request, got 5"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> c.submit(new float[X]));
            assertTrue(e.getMessage().contains("2 input(s) [x, s]"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> server.swapWeights(PolicyCnn.build(1)));
            assertTrue(e.getMessage().contains("the server's are"), e.getMessage());
        }
        GraphBuilder b = new GraphBuilder("fixed");
        String x = b.input("x", 2, 3);
        b.output(b.relu(x));
        var e = assertThrows(IllegalArgumentException.class, () -> InferenceServer.builder(b.build()).build());
        assertTrue(e.getMessage().contains("input 'x' has dims [2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> InferenceServer.builder(small(SEED)).batchSizes(4, 4));
    }

    @Test
    void latencyHistogramQuantilesAreWithinItsResolution() {
        LatencyHistogram h = new LatencyHistogram();
        SplittableRandom rnd = new SplittableRandom(SEED);
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = 1_000 + rnd.nextLong(5_000_000);
            h.record(values[i]);
        }
        Arrays.sort(values);
        long[] q = h.quantiles(0.5, 0.99);
        long p50 = values[values.length / 2 - 1];
        long p99 = values[(int) Math.ceil(0.99 * values.length) - 1];
        assertTrue(Math.abs(q[0] - p50) <= p50 * 0.07, "seed " + SEED + ": p50 " + q[0] + " vs " + p50);
        assertTrue(Math.abs(q[1] - p99) <= p99 * 0.07, "seed " + SEED + ": p99 " + q[1] + " vs " + p99);
        for (long v : new long[] {0, 1, 15, 16, 17, 1000, 1L << 40, 1L << 61}) {
            int i = LatencyHistogram.index(v);
            assertTrue(LatencyHistogram.lowest(i) <= v && (i + 1 >= 1024 || v < LatencyHistogram.lowest(i + 1)),
                    "value " + v + " in bucket " + i);
        }
        assertEquals(values.length, h.count());
    }

    private interface ThreadBody {
        void run(int thread) throws Exception;
    }

    private static void runThreads(int n, ThreadBody body) throws Exception {
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Thread[] ts = new Thread[n];
        for (int t = 0; t < n; t++) {
            int tt = t;
            ts[t] = new Thread(() -> {
                try {
                    body.run(tt);
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            ts[t].start();
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!errors.isEmpty()) {
            AssertionError e = new AssertionError("seed " + SEED + ": " + errors.size() + " thread(s) failed");
            errors.forEach(e::addSuppressed);
            throw e;
        }
    }
}
