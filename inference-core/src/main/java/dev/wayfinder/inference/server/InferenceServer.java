package dev.wayfinder.inference.server;

import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.ValueInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-process inference server: requests of one row each (one image, one robot, one env), from any number of
 * clients on any threads, are gathered into batches and run on plans compiled ahead of time for a few batch sizes.
 *
 * <p><b>Batching</b> (after Triton's dynamic batcher): a batch starts as soon as the largest compiled size is
 * queued, or when the oldest queued request has waited {@code maxQueueDelay}; requests that arrive while a batch
 * runs join the next one. A batch that is due with fewer requests than the largest size runs at the smallest
 * compiled size that holds them, with the spare rows as padding, unless more than a quarter of that plan would be
 * padding: then it takes as many as the largest compiled size they fill, and the rest follow at once in the next
 * batch. Every batch runs on one version of the weights, read when the batch is formed.
 *
 * <p><b>Order</b>: a batch is filled from the highest {@link Priority} with requests waiting first; within a priority
 * the clients take turns, one request each per turn, starting each batch after the client served last, so a client
 * with a deep queue cannot crowd out one with a single request. A client's own requests are served in order.
 *
 * <p><b>Back-pressure</b>: the server holds at most {@code capacity} queued requests and each client at most
 * {@code clientCapacity}; {@link Client#submit} waits for room until the request's deadline, {@link Client#trySubmit}
 * does not wait. A request still queued at its deadline is not run; it is answered {@link Reply.Status#TIMED_OUT}
 * when a worker next forms a batch (or wakes for it), not by a timer of its own.
 *
 * <p><b>Replies</b>: every accepted request gets exactly one {@link Reply}, through its {@link Completion}, on a
 * worker thread (or the thread calling {@link #shutdownNow()}). A completion must not block; it may submit again
 * with {@link Client#trySubmit}. The reply carries the version of the weights that computed it.
 *
 * <p><b>Exactness</b>: a request's outputs are those of its own inputs and the weights' version, whatever else shares
 * its batch, bit for bit, when every compiled size is a multiple of 4 (the default sizes are): the vector backend's
 * dense kernels sum a row the same way in every full block of 4 rows, but a row left over outside such a block (any
 * row of a batch of 1) takes another summation order and may differ in the last bits. The graph must treat the rows
 * of a batch independently (every policy network does) and every input and output must lead with the batch.
 *
 * <p><b>Shutdown</b>: {@link #close()} refuses new requests, runs every queued one and returns when the workers have
 * stopped; {@link #shutdownNow()} answers the queued ones {@link Reply.Status#CANCELLED} instead (a batch already
 * running still completes). Either way no accepted request is left without its reply, and none gets two.
 */
public final class InferenceServer implements AutoCloseable {

    /** Receives the reply to one request. Runs on a server thread; must not block. */
    @FunctionalInterface
    public interface Completion {
        void complete(Reply reply);
    }

    /** Whether a submission was taken. Only an {@link #ACCEPTED} one gets a reply. */
    public enum Admission {
        /** Queued; its reply will come through the completion. */
        ACCEPTED,
        /** No room before the deadline (or at once, for {@link Client#trySubmit}). */
        FULL,
        /** The server is shutting down or stopped. */
        CLOSED
    }

    private enum State { RUNNING, DRAINING, STOPPED }

    /** One compiled set of weights: a plan per batch size, with the version that tags its replies. */
    private record Weights(long version, ExecutionPlan[] plans) {
    }

    /** One queued row. */
    private static final class Request {
        final Client client;
        final float[][] inputs;
        final float[][] outputs;
        final Completion completion;
        final long tag;
        final long accepted;
        final long deadline;

        Request(Client client, float[][] inputs, float[][] outputs, Completion completion, long tag, long accepted,
                long deadline) {
            this.client = client;
            this.inputs = inputs;
            this.outputs = outputs;
            this.completion = completion;
            this.tag = tag;
            this.accepted = accepted;
            this.deadline = deadline;
        }
    }

    private final int[] sizes;
    private final long maxQueueDelayNanos;
    private final int capacity;
    private final int clientCapacity;
    private final long defaultTimeoutNanos;
    private final CompileOptions options;
    private final String[] inputNames;
    private final int[] inputRow;
    private final String[] outputNames;
    private final int[] outputRow;

    private final ReentrantLock lock = new ReentrantLock();
    /** Workers wait here for requests (or for the oldest one's delay to run out). */
    private final Condition work = lock.newCondition();
    /** Submitters wait here for room. */
    private final Condition room = lock.newCondition();
    @SuppressWarnings("unchecked")
    private final List<Client>[] clients = new List[Priority.values().length];
    private final int[] turn = new int[Priority.values().length];
    private int queued;
    private int maxQueued;
    private State state = State.RUNNING;
    /** Read under the lock when a batch is formed, so batches formed later never run older weights. */
    private volatile Weights current;
    private final Thread[] workers;

    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refusedFull = new AtomicLong();
    private final AtomicLong refusedClosed = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong padded = new AtomicLong();
    private final AtomicLong completionErrors = new AtomicLong();
    private final AtomicLongArray batchRows;
    private final LatencyHistogram latency = new LatencyHistogram();

    private InferenceServer(Builder b) {
        this.sizes = b.sizes.clone();
        Arrays.sort(this.sizes);
        this.maxQueueDelayNanos = b.maxQueueDelayNanos;
        this.capacity = b.capacity;
        this.clientCapacity = Math.min(b.clientCapacity, b.capacity);
        this.defaultTimeoutNanos = b.defaultTimeoutNanos;
        this.options = b.options;
        for (int p = 0; p < clients.length; p++) {
            clients[p] = new ArrayList<>();
        }
        Graph g = b.graph;
        checkBatchLeading(g);
        ExecutionPlan[] plans = compile(g);
        ExecutionPlan first = plans[0];
        inputNames = first.inputs().stream().map(ExecutionPlan.Binding::name).toArray(String[]::new);
        outputNames = first.outputs().stream().map(ExecutionPlan.Binding::name).toArray(String[]::new);
        inputRow = first.inputs().stream().mapToInt(x -> x.shape().size() / first.batch()).toArray();
        outputRow = first.outputs().stream().mapToInt(x -> x.shape().size() / first.batch()).toArray();
        this.current = new Weights(b.version, plans);
        this.batchRows = new AtomicLongArray(sizes[sizes.length - 1] + 1);
        this.workers = new Thread[b.workers];
        for (int i = 0; i < workers.length; i++) {
            Thread t = new Thread(this::work, b.name + "-" + i);
            t.setDaemon(true);
            workers[i] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** A builder for a server of {@code graph} (inputs with a dynamic batch dimension). */
    public static Builder builder(Graph graph) {
        return new Builder(graph);
    }

    /** Settings; every one has a default. */
    public static final class Builder {
        private final Graph graph;
        private int[] sizes = {4, 16, 64};
        private long maxQueueDelayNanos = TimeUnit.MICROSECONDS.toNanos(500);
        private int capacity = 1024;
        private int clientCapacity = Integer.MAX_VALUE;
        private long defaultTimeoutNanos = TimeUnit.SECONDS.toNanos(10);
        private CompileOptions options = CompileOptions.batch(1);
        private int workers = 1;
        private long version = 1;
        private String name = "wayfinder-inference-server";

        private Builder(Graph graph) {
            this.graph = Objects.requireNonNull(graph, "graph");
        }

        /**
         * The batch sizes compiled ahead of time (default 4, 16, 64), each in 1..4096; the largest is the most a
         * batch holds. Keep them multiples of 4 for replies that do not depend on their batch (see the class
         * comment).
         */
        public Builder batchSizes(int... sizes) {
            if (sizes.length == 0 || Arrays.stream(sizes).anyMatch(s -> s < 1 || s > 4096)
                    || Arrays.stream(sizes).distinct().count() != sizes.length) {
                throw new IllegalArgumentException("batch sizes must be distinct values in 1..4096, got "
                        + Arrays.toString(sizes));
            }
            this.sizes = sizes.clone();
            return this;
        }

        /** How long the oldest request may wait for a fuller batch, in microseconds (default 500; 0 = never waits). */
        public Builder maxQueueDelayMicros(long micros) {
            if (micros < 0 || micros > 60_000_000) {
                throw new IllegalArgumentException("max queue delay must be 0..60,000,000 µs, got " + micros);
            }
            this.maxQueueDelayNanos = TimeUnit.MICROSECONDS.toNanos(micros);
            return this;
        }

        /** Requests queued at most, over all clients (default 1024). */
        public Builder capacity(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("capacity must be >= 1, got " + requests);
            }
            this.capacity = requests;
            return this;
        }

        /** Requests one client may have queued at most (default: the whole capacity). */
        public Builder clientCapacity(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("client capacity must be >= 1, got " + requests);
            }
            this.clientCapacity = requests;
            return this;
        }

        /** The timeout of {@link Client#submit(float[]...)} (default 10 s). */
        public Builder defaultTimeout(long amount, TimeUnit unit) {
            if (amount <= 0) {
                throw new IllegalArgumentException("default timeout must be positive, got " + amount + " " + unit);
            }
            this.defaultTimeoutNanos = unit.toNanos(amount);
            return this;
        }

        /** Backend, INT8 and threads per batch for every plan (the batch size in it is replaced). */
        public Builder compileOptions(CompileOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Threads that form and run batches, each with its own contexts (default 1). */
        public Builder workers(int n) {
            if (n < 1 || n > 64) {
                throw new IllegalArgumentException("workers must be 1..64, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** The version the first weights are tagged with (default 1). */
        public Builder version(long v) {
            this.version = v;
            return this;
        }

        /** Prefix of the worker threads' names. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Compiles a plan per batch size and starts the workers. */
        public InferenceServer build() {
            return new InferenceServer(this);
        }
    }

    private static void checkBatchLeading(Graph g) {
        for (ValueInfo in : g.inputs()) {
            if (in.dims().length == 0 || in.dims()[0] != -1) {
                throw new IllegalArgumentException("graph '" + g.name() + "': input '" + in.name() + "' has dims "
                        + Arrays.toString(in.dims()) + "; the server needs every input to lead with the dynamic batch (-1)");
            }
        }
    }

    private ExecutionPlan[] compile(Graph g) {
        ExecutionPlan[] plans = new ExecutionPlan[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            CompileOptions o = new CompileOptions(sizes[i], options.backend(), options.int8Dense(), options.threads());
            try {
                plans[i] = Compiler.compile(g, o);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("graph '" + g.name() + "' does not compile for batch " + sizes[i]
                        + ": " + e.getMessage(), e);
            }
            for (ExecutionPlan.Binding out : plans[i].outputs()) {
                if (out.shape().rank() == 0 || out.shape().dim(0) != sizes[i]) {
                    throw new IllegalArgumentException("graph '" + g.name() + "': output '" + out.name() + "' has shape "
                            + out.shape() + " at batch " + sizes[i] + "; the server needs every output to lead with the batch");
                }
            }
        }
        return plans;
    }

    /**
     * A new client: its own bounded queue at {@code priority}. Clients live as long as the server; make one per
     * caller (a robot, an evaluation, a trainer), not per request.
     */
    public Client client(String name, Priority priority) {
        Client c = new Client(Objects.requireNonNull(name, "name"), Objects.requireNonNull(priority, "priority"));
        lock.lock();
        try {
            clients[priority.ordinal()].add(c);
        } finally {
            lock.unlock();
        }
        return c;
    }

    /** One caller's handle: a bounded queue of its own, served in order at its priority. Thread-safe. */
    public final class Client {
        private final String name;
        private final Priority priority;
        private final ArrayDeque<Request> queue = new ArrayDeque<>();

        private Client(String name, Priority priority) {
            this.name = name;
            this.priority = priority;
        }

        public String name() {
            return name;
        }

        public Priority priority() {
            return priority;
        }

        /**
         * Queues one row, waiting for room until {@code timeoutNanos} from now; the same deadline bounds its time in
         * the queue. {@code inputs[j]} is one row of graph input j, read when its batch runs; {@code outputs[j]}
         * receives one row of output j. Leave both alone until the reply. On {@link Admission#ACCEPTED} the
         * completion is called exactly once, with {@code tag}.
         *
         * @throws IllegalArgumentException when the arrays do not match the graph's inputs and outputs
         */
        public Admission submit(float[][] inputs, float[][] outputs, long timeoutNanos, long tag, Completion completion) {
            return offer(this, inputs, outputs, timeoutNanos, tag, completion, true);
        }

        /** {@link #submit(float[][], float[][], long, long, Completion)} without waiting for room. */
        public Admission trySubmit(float[][] inputs, float[][] outputs, long timeoutNanos, long tag,
                                   Completion completion) {
            return offer(this, inputs, outputs, timeoutNanos, tag, completion, false);
        }

        /**
         * Convenience (allocates): one row per input, new output arrays, the server's default timeout. The future
         * fails with {@link RejectedExecutionException} when the request is refused (full or closed),
         * {@link TimeoutException} when it timed out, {@link java.util.concurrent.CancellationException} when it
         * was cancelled by {@link #shutdownNow()}, and the batch's error when it failed.
         */
        public CompletableFuture<Reply> submit(float[]... inputs) {
            float[][] outputs = new float[outputRow.length][];
            for (int j = 0; j < outputs.length; j++) {
                outputs[j] = new float[outputRow[j]];
            }
            CompletableFuture<Reply> f = new CompletableFuture<>();
            Admission a = submit(inputs, outputs, defaultTimeoutNanos, 0, r -> {
                switch (r.status()) {
                    case OK -> f.complete(r);
                    case TIMED_OUT -> f.completeExceptionally(new TimeoutException(
                            "request of client '" + name + "' timed out in the queue"));
                    case CANCELLED -> f.cancel(false);
                    case FAILED -> f.completeExceptionally(r.error());
                }
            });
            if (a != Admission.ACCEPTED) {
                f.completeExceptionally(new RejectedExecutionException("request of client '" + name + "' refused: "
                        + (a == Admission.FULL ? "the queue stayed full" : "the server is shut down")));
            }
            return f;
        }

        /** Requests of this client waiting now. */
        public int queued() {
            lock.lock();
            try {
                return queue.size();
            } finally {
                lock.unlock();
            }
        }
    }

    private Admission offer(Client c, float[][] inputs, float[][] outputs, long timeoutNanos, long tag,
                            Completion completion, boolean wait) {
        check(inputs, inputRow, inputNames, "input");
        check(outputs, outputRow, outputNames, "output");
        Objects.requireNonNull(completion, "completion");
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeoutNanos + " ns");
        }
        long now = System.nanoTime();
        long deadline = now + timeoutNanos;
        lock.lock();
        try {
            while (true) {
                if (state != State.RUNNING) {
                    refusedClosed.incrementAndGet();
                    return Admission.CLOSED;
                }
                if (queued < capacity && c.queue.size() < clientCapacity) {
                    break;
                }
                long left = deadline - System.nanoTime();
                if (!wait || left <= 0) {
                    refusedFull.incrementAndGet();
                    return Admission.FULL;
                }
                try {
                    room.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    refusedFull.incrementAndGet();
                    return Admission.FULL;
                }
            }
            c.queue.addLast(new Request(c, inputs, outputs, completion, tag, System.nanoTime(), deadline));
            queued++;
            maxQueued = Math.max(maxQueued, queued);
            accepted.incrementAndGet();
            if (queued == 1 || queued >= sizes[sizes.length - 1]) {
                work.signal();
            }
            return Admission.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    private static void check(float[][] arrays, int[] rows, String[] names, String kind) {
        if (arrays == null || arrays.length != rows.length) {
            throw new IllegalArgumentException("the graph has " + rows.length + " " + kind + "(s) " + Arrays.toString(names)
                    + ", the request gives " + (arrays == null ? "none" : arrays.length));
        }
        for (int j = 0; j < rows.length; j++) {
            if (arrays[j] == null || arrays[j].length != rows[j]) {
                throw new IllegalArgumentException(kind + " '" + names[j] + "' needs " + rows[j]
                        + " floats per request, got " + (arrays[j] == null ? "null" : arrays[j].length));
            }
        }
    }

    /**
     * Compiles {@code graph} (the same inputs and outputs, new weights) for every batch size on the calling thread,
     * then makes it the weights of every batch formed from now on; batches formed before keep theirs. Returns the
     * new version (the current one plus 1).
     */
    public long swapWeights(Graph graph) {
        return swap(graph, -1);
    }

    /** {@link #swapWeights(Graph)} with a version of the caller's (a training iteration), above the current one. */
    public long swapWeights(Graph graph, long version) {
        if (version <= current.version()) {
            throw new IllegalArgumentException("weights version " + version + " is not above the current "
                    + current.version());
        }
        return swap(graph, version);
    }

    private long swap(Graph graph, long version) {
        checkBatchLeading(graph);
        ExecutionPlan[] plans = compile(graph);
        ExecutionPlan a = current.plans()[0];
        ExecutionPlan b = plans[0];
        if (!a.inputs().stream().map(ExecutionPlan.Binding::shape).toList()
                .equals(b.inputs().stream().map(ExecutionPlan.Binding::shape).toList())
                || !a.outputs().stream().map(ExecutionPlan.Binding::shape).toList()
                .equals(b.outputs().stream().map(ExecutionPlan.Binding::shape).toList())) {
            throw new IllegalArgumentException("graph '" + graph.name() + "' has inputs " + shapes(b.inputs())
                    + " and outputs " + shapes(b.outputs()) + " at batch " + sizes[0] + "; the server's are "
                    + shapes(a.inputs()) + " and " + shapes(a.outputs()));
        }
        lock.lock();
        try {
            long v = version < 0 ? current.version() + 1 : version;
            if (v <= current.version()) {
                throw new IllegalArgumentException("weights version " + v + " is not above the current "
                        + current.version());
            }
            current = new Weights(v, plans);
            return v;
        } finally {
            lock.unlock();
        }
    }

    private static String shapes(List<ExecutionPlan.Binding> b) {
        return b.stream().map(x -> x.name() + x.shape()).toList().toString();
    }

    /** The version of the weights that batches formed now use. */
    public long weightsVersion() {
        return current.version();
    }

    /** The compiled batch sizes, ascending. */
    public int[] batchSizes() {
        return sizes.clone();
    }

    /** Floats per request of each graph input. */
    public int[] inputRowSizes() {
        return inputRow.clone();
    }

    /** Floats per request of each graph output. */
    public int[] outputRowSizes() {
        return outputRow.clone();
    }

    // ---- workers ----

    /** A batch taken from the queues, with the timed-out requests found on the way. */
    private static final class Batch {
        final Request[] rows;
        int size;
        final ArrayList<Request> expired = new ArrayList<>();
        Weights weights;

        Batch(int max) {
            rows = new Request[max];
        }
    }

    private void work() {
        Batch batch = new Batch(sizes[sizes.length - 1]);
        Weights contextsOf = null;
        ExecutionContext[] contexts = new ExecutionContext[sizes.length];
        try {
            while (true) {
                if (!take(batch)) {
                    return;
                }
                long now = System.nanoTime();
                for (Request r : batch.expired) {
                    timedOut.incrementAndGet();
                    reply(r, new Reply(r.tag, Reply.Status.TIMED_OUT, batch.weights.version(), r.outputs, 0, 0,
                            now - r.accepted, null));
                }
                batch.expired.clear();
                if (batch.size == 0) {
                    continue;
                }
                if (batch.weights != contextsOf) {
                    for (int i = 0; i < contexts.length; i++) {
                        if (contexts[i] != null) {
                            contexts[i].close();
                            contexts[i] = null;
                        }
                    }
                    contextsOf = batch.weights;
                }
                int plan = 0;
                while (sizes[plan] < batch.size) {
                    plan++;
                }
                if (contexts[plan] == null) {
                    contexts[plan] = batch.weights.plans()[plan].newContext();
                }
                run(batch, contexts[plan], sizes[plan]);
            }
        } finally {
            for (ExecutionContext c : contexts) {
                if (c != null) {
                    c.close();
                }
            }
        }
    }

    private void run(Batch batch, ExecutionContext ctx, int planBatch) {
        int n = batch.size;
        Throwable error = null;
        try {
            for (int r = 0; r < n; r++) {
                float[][] in = batch.rows[r].inputs;
                for (int j = 0; j < in.length; j++) {
                    ctx.setInputRow(j, r, in[j], 0);
                }
            }
            ctx.run();
            for (int r = 0; r < n; r++) {
                float[][] out = batch.rows[r].outputs;
                for (int j = 0; j < out.length; j++) {
                    ctx.getOutputRow(j, r, out[j], 0);
                }
            }
        } catch (RuntimeException | Error e) {
            error = e;
        }
        batches.incrementAndGet();
        batchRows.incrementAndGet(n);
        padded.addAndGet(planBatch - n);
        long now = System.nanoTime();
        long version = batch.weights.version();
        for (int r = 0; r < n; r++) {
            Request q = batch.rows[r];
            batch.rows[r] = null;
            if (error == null) {
                completed.incrementAndGet();
                reply(q, new Reply(q.tag, Reply.Status.OK, version, q.outputs, n, planBatch, now - q.accepted, null));
            } else {
                failed.incrementAndGet();
                reply(q, new Reply(q.tag, Reply.Status.FAILED, version, q.outputs, n, planBatch, now - q.accepted,
                        error));
            }
        }
        batch.size = 0;
    }

    private void reply(Request r, Reply reply) {
        latency.record(reply.latencyNanos());
        try {
            r.completion.complete(reply);
        } catch (RuntimeException e) {
            completionErrors.incrementAndGet();
        }
    }

    /**
     * Waits until a batch is due and takes it (and any timed-out requests met on the way) into {@code batch}.
     * Returns false when the server has stopped and nothing is left.
     */
    private boolean take(Batch batch) {
        int max = sizes[sizes.length - 1];
        lock.lock();
        try {
            while (true) {
                if (queued == 0) {
                    if (state != State.RUNNING) {
                        work.signalAll();
                        return false;
                    }
                    work.awaitUninterruptibly();
                    continue;
                }
                long now = System.nanoTime();
                long oldest = oldestAcceptance();
                long dueAt = oldest + maxQueueDelayNanos;
                boolean due = queued >= max || state != State.RUNNING || now - dueAt >= 0;
                if (!due) {
                    // Expired requests are answered without waiting for the batch.
                    long firstDeadline = firstDeadline();
                    if (now - firstDeadline < 0) {
                        long wake = Math.min(dueAt - now, firstDeadline - now);
                        try {
                            work.awaitNanos(wake);
                        } catch (InterruptedException e) {
                            // Workers are not interrupted by the server; carry on.
                        }
                        continue;
                    }
                    collectExpired(batch, now);
                    batch.weights = current;
                    room.signalAll();
                    return true;
                }
                int target = target(Math.min(queued, max));
                fill(batch, target, now);
                batch.weights = current;
                room.signalAll();
                if (queued > 0) {
                    // Another worker may form the next batch while this one runs.
                    work.signal();
                }
                return true;
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many of {@code n} due requests (at most the largest size) to take. */
    private int target(int n) {
        int smallestHolding = sizes[sizes.length - 1];
        int largestFilled = 0;
        for (int s : sizes) {
            if (s >= n && s < smallestHolding) {
                smallestHolding = s;
            }
            if (s <= n) {
                largestFilled = s;
            }
        }
        boolean tooMuchPadding = (smallestHolding - n) * 4 > smallestHolding;
        return tooMuchPadding && largestFilled > 0 ? largestFilled : n;
    }

    private long oldestAcceptance() {
        long oldest = Long.MAX_VALUE;
        boolean any = false;
        for (List<Client> level : clients) {
            for (Client c : level) {
                Request r = c.queue.peekFirst();
                if (r != null && (!any || r.accepted - oldest < 0)) {
                    oldest = r.accepted;
                    any = true;
                }
            }
        }
        return oldest;
    }

    /** The earliest deadline among queued requests (each client's deadlines are not ordered, so all are looked at). */
    private long firstDeadline() {
        long first = 0;
        boolean any = false;
        for (List<Client> level : clients) {
            for (Client c : level) {
                for (Request r : c.queue) {
                    if (!any || r.deadline - first < 0) {
                        first = r.deadline;
                        any = true;
                    }
                }
            }
        }
        return first;
    }

    private void collectExpired(Batch batch, long now) {
        for (List<Client> level : clients) {
            for (Client c : level) {
                var it = c.queue.iterator();
                while (it.hasNext()) {
                    Request r = it.next();
                    if (now - r.deadline >= 0) {
                        it.remove();
                        queued--;
                        batch.expired.add(r);
                    }
                }
            }
        }
    }

    /** Takes up to {@code target} live requests: priorities from the highest, clients in turns within each. */
    private void fill(Batch batch, int target, long now) {
        for (int p = 0; p < clients.length && batch.size < target; p++) {
            List<Client> level = clients[p];
            int k = level.size();
            if (k == 0) {
                continue;
            }
            boolean any = true;
            while (any && batch.size < target) {
                any = false;
                for (int step = 0; step < k && batch.size < target; step++) {
                    int idx = (turn[p] + step) % k;
                    Client c = level.get(idx);
                    Request r;
                    // Skip (and collect) this client's expired requests to reach its next live one.
                    while ((r = c.queue.pollFirst()) != null) {
                        queued--;
                        if (now - r.deadline >= 0) {
                            batch.expired.add(r);
                        } else {
                            break;
                        }
                    }
                    if (r != null) {
                        batch.rows[batch.size++] = r;
                        any = true;
                        if (batch.size == target) {
                            turn[p] = (idx + 1) % k;
                        }
                    }
                }
            }
        }
    }

    // ---- shutdown ----

    /** Refuses new requests, runs every queued one, and returns once the workers have stopped. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.DRAINING;
            }
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        join();
    }

    /**
     * Refuses new requests, answers every queued one {@link Reply.Status#CANCELLED} (on this thread), lets a
     * batch already running finish, and returns once the workers have stopped. Returns how many were cancelled.
     */
    public int shutdownNow() {
        List<Request> dropped = new ArrayList<>();
        Weights w;
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.DRAINING;
            }
            for (List<Client> level : clients) {
                for (Client c : level) {
                    Request r;
                    while ((r = c.queue.pollFirst()) != null) {
                        queued--;
                        dropped.add(r);
                    }
                }
            }
            w = current;
            work.signalAll();
            room.signalAll();
        } finally {
            lock.unlock();
        }
        long now = System.nanoTime();
        for (Request r : dropped) {
            cancelled.incrementAndGet();
            reply(r, new Reply(r.tag, Reply.Status.CANCELLED, w.version(), r.outputs, 0, 0, now - r.accepted, null));
        }
        join();
        return dropped.size();
    }

    private void join() {
        boolean interrupted = false;
        for (Thread t : workers) {
            if (t == Thread.currentThread()) {
                continue;
            }
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        lock.lock();
        try {
            state = State.STOPPED;
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} or {@link #shutdownNow()} has begun. */
    public boolean isShutdown() {
        lock.lock();
        try {
            return state != State.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    /** The counters now. */
    public ServerMetrics metrics() {
        int depth;
        int maxDepth;
        lock.lock();
        try {
            depth = queued;
            maxDepth = maxQueued;
        } finally {
            lock.unlock();
        }
        long[] rows = new long[batchRows.length()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batchRows.get(i);
        }
        long[] q = latency.quantiles(0.5, 0.99, 1.0);
        return new ServerMetrics(depth, maxDepth, accepted.get(), refusedFull.get(), refusedClosed.get(),
                completed.get(), timedOut.get(), cancelled.get(), failed.get(), batches.get(), padded.get(), rows,
                q[0] / 1e3, q[1] / 1e3, q[2] / 1e3, completionErrors.get(), current.version());
    }
}
