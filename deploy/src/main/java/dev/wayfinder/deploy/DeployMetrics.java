package dev.wayfinder.deploy;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The deploy node's metrics (Micrometer, Prometheus text format): image stamp to command publish latency (p50, p95,
 * p99, max over a sliding minute), frames received and decided, commands published, frames dropped, watchdog trips,
 * e-stop engagements and refusals by reason. {@link #serve} exposes them on 127.0.0.1; {@link #summary} is the periodic
 * one-line report. Thread-safe.
 */
public final class DeployMetrics implements AutoCloseable {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer latency;
    private final Counter images;
    private final Counter decisions;
    private final Counter commands;
    private final Counter zeros;
    private final Map<Refusal.Reason, Counter> refused = new EnumMap<>(Refusal.Reason.class);
    private HttpServer server;
    private long lastAt = System.nanoTime();
    private double lastImages;
    private double lastCommands;
    private double lastDecisions;

    public DeployMetrics() {
        latency = Timer.builder("wayfinder.deploy.latency")
                .description("camera image stamp to the publish of the command decided on it")
                .publishPercentiles(0.5, 0.95, 0.99)
                .distributionStatisticExpiry(Duration.ofSeconds(60))
                .distributionStatisticBufferLength(3)
                .register(registry);
        images = Counter.builder("wayfinder.deploy.images").description("camera frames accepted").register(registry);
        decisions = Counter.builder("wayfinder.deploy.decisions").description("frames the policy decided on")
                .register(registry);
        commands = Counter.builder("wayfinder.deploy.commands").description("velocity commands published")
                .register(registry);
        zeros = Counter.builder("wayfinder.deploy.zero.commands")
                .description("commands published as zero (watchdog, e-stop, goal reached, no decision)")
                .register(registry);
        for (Refusal.Reason r : Refusal.Reason.values()) {
            refused.put(r, Counter.builder("wayfinder.deploy.refused").tag("reason", r.key())
                    .description("inputs refused, by reason").register(registry));
        }
    }

    /** Registers a counter read from {@code f} (frames dropped, watchdog trips). */
    public <T> void counter(String name, String description, T obj, ToDoubleFunction<T> f) {
        FunctionCounter.builder(name, obj, f).description(description).register(registry);
    }

    /** Registers a gauge read from {@code f}. */
    public void gauge(String name, String description, DoubleSupplier f) {
        Gauge.builder(name, f, DoubleSupplier::getAsDouble).description(description).register(registry);
    }

    /** A camera frame was accepted. */
    public void image() {
        images.increment();
    }

    /** The policy decided on a frame. */
    public void decision() {
        decisions.increment();
    }

    /** A command was published; zero when the safety layer stopped the robot. */
    public void command(boolean zero) {
        commands.increment();
        if (zero) {
            zeros.increment();
        }
    }

    /** The first command decided on a frame went out {@code nanos} after the frame's stamp. */
    public void latency(long nanos) {
        latency.record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /** An input was refused. */
    public void refused(Refusal.Reason r) {
        refused.get(r).increment();
    }

    /** Refusals so far for {@code r}. */
    public long refusals(Refusal.Reason r) {
        return (long) refused.get(r).count();
    }

    /** Refusals so far, all reasons. */
    public long refusals() {
        return refused.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    /** Commands published so far. */
    public long commands() {
        return (long) commands.count();
    }

    /** Frames the policy decided on so far. */
    public long decisions() {
        return (long) decisions.count();
    }

    /** Frames accepted so far. */
    public long images() {
        return (long) images.count();
    }

    /** Latency percentiles and maximum, milliseconds: p50, p95, p99, max (NaN before the first). */
    public double[] latencyMillis() {
        HistogramSnapshot s = latency.takeSnapshot();
        double[] out = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        if (s.count() == 0) {
            return out;
        }
        for (ValueAtPercentile v : s.percentileValues()) {
            int i = v.percentile() == 0.5 ? 0 : v.percentile() == 0.95 ? 1 : v.percentile() == 0.99 ? 2 : -1;
            if (i >= 0) {
                out[i] = v.value(TimeUnit.MILLISECONDS);
            }
        }
        out[3] = s.max(TimeUnit.MILLISECONDS);
        return out;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@link #scrape} at http://127.0.0.1:{@code port}/metrics (0 picks a free port).
     *
     * @return the port
     * @throws IOException when the port is taken
     */
    public synchronized int serve(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/metrics", ex -> {
            byte[] body = scrape().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    /**
     * One line: input and output rates since the last summary, latency, drops, trips, refusals, and {@code state}.
     *
     * @param now     a monotonic time, nanoseconds
     * @param dropped frames dropped so far
     * @param trips   watchdog trips so far
     * @param state   what the node is doing ("watchdog ok, action forward")
     */
    public synchronized String summary(long now, long dropped, long trips, String state) {
        double dt = Math.max(1e-9, (now - lastAt) / 1e9);
        double img = images.count();
        double cmd = commands.count();
        double dec = decisions.count();
        double[] l = latencyMillis();
        String line = String.format(Locale.ROOT,
                "deploy: images %.1f/s, decisions %.1f/s, commands %.1f/s; latency ms p50 %s p95 %s p99 %s max %s;"
                        + " dropped %d, watchdog trips %d, refused %d; %s",
                (img - lastImages) / dt, (dec - lastDecisions) / dt, (cmd - lastCommands) / dt, ms(l[0]), ms(l[1]),
                ms(l[2]), ms(l[3]), dropped, trips, refusals(), state);
        lastAt = now;
        lastImages = img;
        lastCommands = cmd;
        lastDecisions = dec;
        return line;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        registry.close();
    }
}
