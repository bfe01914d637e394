package dev.wayfinder.deploy;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeployMetricsTest {
    @Test
    void latencyPercentilesCountersAndThePrometheusEndpoint() throws Exception {
        try (DeployMetrics m = new DeployMetrics()) {
            for (int i = 1; i <= 100; i++) {
                m.latency(i * 1_000_000L);
            }
            double[] l = m.latencyMillis();
            assertEquals(50, l[0], 3, "p50");
            assertEquals(95, l[1], 3, "p95");
            assertEquals(99, l[2], 3, "p99");
            assertEquals(100, l[3], 1e-9, "max");
            m.refused(Refusal.Reason.IMAGE_STEP);
            m.refused(Refusal.Reason.IMAGE_STEP);
            m.command(true);
            m.image();
            assertEquals(2, m.refusals(Refusal.Reason.IMAGE_STEP));
            assertEquals(2, m.refusals());
            int port = m.serve(0);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String body = r.body();
            assertTrue(body.contains("wayfinder_deploy_refused_total{reason=\"image_step\"} 2.0"), body);
            assertTrue(body.contains("wayfinder_deploy_latency_seconds{quantile=\"0.99\"}"), body);
            assertTrue(body.contains("wayfinder_deploy_commands_total 1.0"), body);
            String line = m.summary(System.nanoTime(), 3, 1, "ok");
            assertTrue(line.contains("dropped 3, watchdog trips 1, refused 2; ok"), line);
        }
    }
}
