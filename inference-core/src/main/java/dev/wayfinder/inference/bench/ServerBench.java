package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.compile.CompileOptions;
import dev.wayfinder.inference.compile.Compiler;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Priority;
import dev.wayfinder.inference.server.Reply;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A quick benchmark of the {@link InferenceServer} on the {@link PolicyCnn}: {@code N} client threads each make one
 * call at a time, in a closed loop, either straight on a batch-1 context of their own ("direct", one-at-a-time calls)
 * or through one shared server that batches them ("server"). Per client count and mode: throughput (calls per
 * second) and the clients' latency p50 / p99, medians over several runs that alternate the modes. Wall-clock and
 * noisy on a shared machine: compare rows of one run.
 */
public final class ServerBench {

    /**
     * @param clients        client counts to measure (each 1..1024)
     * @param runs           measured runs per client count and mode (the table shows medians)
     * @param warmupMs       warm-up per client count and mode
     * @param runMs          length of one measured run
     * @param sizes          the server's compiled batch sizes
     * @param delayMicros    the server's maximum queue delay
     * @param workers        the server's worker threads
     * @param threads        threads per batch of the server's plans ({@link CompileOptions#threads()})
     */
    public record Options(int[] clients, int runs, long warmupMs, long runMs, int[] sizes, long delayMicros,
                          int workers, int threads) {
        public Options {
            clients = clients.clone();
            sizes = sizes.clone();
            if (clients.length == 0 || Arrays.stream(clients).anyMatch(c -> c < 1 || c > 1024) || runs < 1
                    || warmupMs < 0 || runMs < 1 || sizes.length == 0 || delayMicros < 0 || workers < 1 || threads < 1) {
                throw new IllegalArgumentException("clients 1..1024, runs >= 1, warm-up >= 0, run >= 1 ms, at least one"
                        + " batch size, delay >= 0, workers >= 1, threads >= 1 expected");
            }
        }

        /**
         * 1, 8 and 64 clients; 5 runs of 1 s after 1.5 s of warm-up; batch sizes 4, 16, 64, 200 µs delay, one
         * worker whose batches use every core (at most 8 threads).
         */
        public static Options defaults() {
            return new Options(new int[] {1, 8, 64}, 5, 1500, 1000, new int[] {4, 16, 64}, 200, 1,
                    Math.min(8, Runtime.getRuntime().availableProcessors()));
        }
    }

    /**
     * One row: medians over the runs.
     *
     * @param mode        "direct" or "server"
     * @param clients     client threads
     * @param callsPerS   median calls per second over all clients
     * @param p50Us       median over runs of the clients' latency median
     * @param p99Us       median over runs of the clients' 99th percentile
     * @param meanBatch   server only: mean requests per batch (0 for direct)
     */
    public record Row(String mode, int clients, double callsPerS, double p50Us, double p99Us, double meanBatch) {
    }

    private ServerBench() {
    }

    /** Measures every client count, alternating the modes in each run. */
    public static List<Row> run(Graph graph, Options o, PrintStream progress) throws Exception {
        ExecutionPlan single = Compiler.compile(graph, CompileOptions.batch(1));
        // The kernels' batched paths (4-row blocks) are not those of batch 1: compile them with C2 before any
        // measurement, or a lone client's server calls run them interpreted (Vector API code ~1000x slower).
        for (int size : o.sizes()) {
            ExecutionContext ctx = Compiler.compile(graph, CompileOptions.batch(size).withThreads(o.threads()))
                    .newContext();
            long until = System.nanoTime() + o.warmupMs() * 1_000_000L;
            for (int i = 0; i < 300 || System.nanoTime() < until; i++) {
                ctx.run();
            }
            ctx.close();
        }
        List<Row> rows = new ArrayList<>();
        for (int clients : o.clients()) {
            double[][] direct = new double[o.runs()][];
            double[][] served = new double[o.runs()][];
            double batchSum = 0;
            try (InferenceServer server = InferenceServer.builder(graph).batchSizes(o.sizes())
                    .maxQueueDelayMicros(o.delayMicros()).workers(o.workers())
                    .compileOptions(CompileOptions.batch(1).withThreads(o.threads())).capacity(Math.max(1024, clients))
                    .build()) {
                warmUp(clients, o.warmupMs(), directCaller(single));
                warmUp(clients, o.warmupMs(), serverCaller(server, "warm-up"));
                long batches0 = server.metrics().batches();
                long answered0 = server.metrics().completed();
                for (int r = 0; r < o.runs(); r++) {
                    direct[r] = measure(clients, o.runMs(), directCaller(single));
                    served[r] = measure(clients, o.runMs(), serverCaller(server, "client"));
                }
                var m = server.metrics();
                batchSum = (double) (m.completed() - answered0) / Math.max(1, m.batches() - batches0);
                // The warm-up's requests are left out of the mean batch above, not of the server's own metrics.
            }
            rows.add(row("direct", clients, direct, 0));
            rows.add(row("server", clients, served, batchSum));
            if (progress != null) {
                progress.printf(Locale.ROOT, "measured %d client(s)%n", clients);
            }
        }
        return rows;
    }

    private static Row row(String mode, int clients, double[][] runs, double meanBatch) {
        return new Row(mode, clients, median(runs, 0), median(runs, 1), median(runs, 2), meanBatch);
    }

    private static double median(double[][] runs, int field) {
        double[] v = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            v[i] = runs[i][field];
        }
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** One client's call: blocks until its output is there. */
    private interface Caller {
        void call();
    }

    private interface CallerFactory {
        Caller create();
    }

    private static CallerFactory directCaller(ExecutionPlan plan) {
        return () -> {
            ExecutionContext ctx = plan.newContext();
            ctx.setInput(0, PolicyCnn.images(1, 1));
            float[] out = new float[PolicyCnn.ACTIONS];
            return () -> {
                ctx.run();
                ctx.getOutput(0, out);
            };
        };
    }

    private static CallerFactory serverCaller(InferenceServer server, String name) {
        return () -> {
            InferenceServer.Client c = server.client(name, Priority.NORMAL);
            float[][] in = {PolicyCnn.images(1, 1)};
            float[][] out = {new float[PolicyCnn.ACTIONS]};
            AtomicReference<Reply> reply = new AtomicReference<>();
            Thread me = Thread.currentThread();
            InferenceServer.Completion done = r -> {
                reply.set(r);
                LockSupport.unpark(me);
            };
            long timeout = TimeUnit.SECONDS.toNanos(30);
            return () -> {
                reply.set(null);
                if (c.submit(in, out, timeout, 0, done) != InferenceServer.Admission.ACCEPTED) {
                    throw new IllegalStateException("the server refused a request");
                }
                Reply r;
                while ((r = reply.get()) == null) {
                    LockSupport.park(reply);
                }
                if (!r.ok()) {
                    throw new IllegalStateException("request failed: " + r.status(), r.error());
                }
            };
        };
    }

    /**
     * Warm-up ends once the JIT has settled (Vector API code runs boxed, far slower, until C2 compiles it): at least
     * {@code ms}, then until a 300 ms chunk's throughput is no longer 5 % above the best before it; at most 20 s.
     */
    private static void warmUp(int clients, long ms, CallerFactory factory) throws Exception {
        long start = System.nanoTime();
        double best = 0;
        while (true) {
            double current = measure(clients, 300, factory)[0];
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            if (elapsedMs >= 20_000 || (elapsedMs >= ms && current < 1.05 * best)) {
                return;
            }
            best = Math.max(best, current);
        }
    }

    /** Runs {@code clients} closed-loop callers for {@code ms}; returns {calls/s, p50 µs, p99 µs}. */
    private static double[] measure(int clients, long ms, CallerFactory factory) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[][] latencies = new long[clients][];
        int[] counts = new int[clients];
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread[] ts = new Thread[clients];
        for (int t = 0; t < clients; t++) {
            int tt = t;
            ts[t] = new Thread(() -> {
                try {
                    Caller c = factory.create();
                    long[] lat = new long[1 << 12];
                    int n = 0;
                    ready.countDown();
                    go.await();
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        c.call();
                        long d = System.nanoTime() - t0;
                        if (n == lat.length) {
                            lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = d;
                    }
                    latencies[tt] = lat;
                    counts[tt] = n;
                } catch (Throwable e) {
                    errors.add(e);
                    ready.countDown();
                }
            }, "bench-client-" + t);
            ts[t].start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        Thread.sleep(ms);
        stop.set(true);
        for (Thread t : ts) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        if (!errors.isEmpty()) {
            throw new IllegalStateException("a bench client failed: " + errors.get(0), errors.get(0));
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        for (int t = 0, at = 0; t < clients; t++) {
            System.arraycopy(latencies[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        if (total == 0) {
            return new double[] {0, Double.NaN, Double.NaN};
        }
        return new double[] {total * 1e9 / elapsed, all[(int) Math.ceil(0.5 * total) - 1] / 1e3,
                all[(int) Math.ceil(0.99 * total) - 1] / 1e3};
    }

    /**
     * The table: per client count, direct and server rows; the server's throughput as a multiple of direct calls'
     * at the same count, and its p99 as a multiple of one client's direct p50 (a single call's latency).
     */
    public static String table(List<Row> rows, Options o) {
        double single = rows.stream().filter(r -> r.mode().equals("direct") && r.clients() == 1)
                .mapToDouble(Row::p50Us).findFirst().orElse(Double.NaN);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-8s %8s %12s %10s %10s %10s %14s %16s%n", "mode", "clients", "calls/s",
                "p50 us", "p99 us", "batch", "x direct tput", "p99 / single call"));
        for (Row r : rows) {
            double direct = rows.stream().filter(x -> x.mode().equals("direct") && x.clients() == r.clients())
                    .mapToDouble(Row::callsPerS).findFirst().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "%-8s %8d %12.0f %10.1f %10.1f %10s %14.2f %16.2f%n", r.mode(),
                    r.clients(), r.callsPerS(), r.p50Us(), r.p99Us(),
                    r.meanBatch() > 0 ? String.format(Locale.ROOT, "%.1f", r.meanBatch()) : "-",
                    r.callsPerS() / direct, r.p99Us() / single));
        }
        sb.append(String.format(Locale.ROOT, "(policy CNN; direct: each client its own batch-1 context; server: batch"
                        + " sizes %s, max queue delay %d us, %d worker(s), %d thread(s) per batch; medians of %d runs of"
                        + " %d ms; a single call = 1 client's direct p50, %.1f us)%n", Arrays.toString(o.sizes()),
                o.delayMicros(), o.workers(), o.threads(), o.runs(), o.runMs(), single));
        return sb.toString();
    }

    /** The rows as JSON. */
    public static String json(List<Row> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append(String.format(Locale.ROOT,
                    "  {\"mode\": \"%s\", \"clients\": %d, \"calls_per_s\": %.1f, \"p50_us\": %.2f, \"p99_us\": %.2f,"
                            + " \"mean_batch\": %.2f}", r.mode(), r.clients(), r.callsPerS(), r.p50Us(), r.p99Us(),
                    r.meanBatch()));
        }
        return sb.append("\n]\n").toString();
    }

    /**
     * Parses {@code --json}, {@code --quick}, {@code --clients 1,8,64}, {@code --runs N}, {@code --sizes 4,16,64},
     * {@code --delay-us N}, {@code --workers N}, {@code --threads N}.
     *
     * @throws IllegalArgumentException naming the option and what it expects
     */
    public static Options parse(String[] args) {
        Options d = Options.defaults();
        int[] clients = d.clients();
        int runs = d.runs();
        long warm = d.warmupMs();
        long runMs = d.runMs();
        int[] sizes = d.sizes();
        long delay = d.delayMicros();
        int workers = d.workers();
        int threads = d.threads();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                continue;
            }
            if (a.equals("--quick")) {
                warm = 800;
                runs = 3;
                runMs = 400;
                continue;
            }
            if (!List.of("--clients", "--runs", "--sizes", "--delay-us", "--workers", "--threads").contains(a)) {
                throw new IllegalArgumentException("unknown option " + a + "; expected --json, --quick,"
                        + " --clients N[,M], --runs N, --sizes N[,M], --delay-us N, --workers N, --threads N");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            try {
                switch (a) {
                    case "--clients" -> clients = ints(v);
                    case "--runs" -> runs = Integer.parseInt(v);
                    case "--sizes" -> sizes = ints(v);
                    case "--delay-us" -> delay = Long.parseLong(v);
                    case "--workers" -> workers = Integer.parseInt(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    default -> throw new IllegalStateException(a);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + " expects whole numbers, got '" + v + "'");
            }
        }
        return new Options(clients, runs, warm, runMs, sizes, delay, workers, threads);
    }

    private static int[] ints(String v) {
        return Arrays.stream(v.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    /** Runs the benchmark on the policy CNN (seed 1) and returns the table, or JSON with {@code --json}. */
    public static String report(String[] args, PrintStream progress) throws Exception {
        Options o = parse(args);
        List<Row> rows = run(PolicyCnn.build(1), o, progress);
        return Arrays.asList(args).contains("--json") ? json(rows) : table(rows, o);
    }

    /** Command line: see {@link #parse}. */
    public static void main(String[] args) throws Exception {
        try {
            System.out.print(report(args, System.err));
        } catch (IllegalArgumentException e) {
            System.err.println("server bench: " + e.getMessage());
            System.exit(2);
        }
    }
}
