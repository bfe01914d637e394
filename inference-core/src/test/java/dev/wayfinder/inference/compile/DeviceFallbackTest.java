package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Graphs;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.backend.NeedsDevice;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DeviceException;
import dev.wayfinder.inference.backend.device.DeviceFallback;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A device that fails (at load, at context creation, or mid-run after good runs on a real OpenCL device) never
 * crashes the caller: the work moves to the CPU in the same arena, the results stay right, and the process warns
 * once per backend. And without LWJGL on the class path the device backends load and say why they are unavailable.
 */
class DeviceFallbackTest {
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private Consumer<String> previous;

    @BeforeEach
    void capture() {
        DeviceFallback.reset();
        previous = DeviceFallback.sink(warnings::add);
    }

    @AfterEach
    void restore() {
        DeviceFallback.sink(previous);
        DeviceFallback.reset();
    }

    /** Where a test device fails. */
    enum FailAt { LOAD, SESSION, THIRD_RUN }

    /**
     * A device backend for tests: it fails where told; until then it runs on {@code real} (OpenCL), or, for failures
     * before any run, needs no device at all.
     */
    static final class FailingDevice implements DeviceBackend {
        final FailAt at;
        final DeviceBackend real;

        FailingDevice(FailAt at, DeviceBackend real) {
            this.at = at;
            this.real = real;
        }

        public String name() {
            return "failing-" + at.name().toLowerCase(java.util.Locale.ROOT);
        }

        public int rank() {
            return 1;
        }

        public boolean isAvailable() {
            return true;
        }

        public Kernel kernel(KernelSpec spec) {
            return Backends.bestHost().kernel(spec);
        }

        public boolean accelerator() {
            return true;
        }

        public String describe() {
            return "a device that fails at " + at;
        }

        public DeviceProgram load(DevicePlan plan) throws DeviceException {
            if (at == FailAt.LOAD) {
                throw new DeviceException("CL_OUT_OF_RESOURCES (simulated at load)");
            }
            DeviceProgram inner = at == FailAt.THIRD_RUN ? real.load(plan) : null;
            return new DeviceProgram() {
                public DeviceSession newSession() throws DeviceException {
                    if (at == FailAt.SESSION) {
                        throw new DeviceException("CL_MEM_OBJECT_ALLOCATION_FAILURE (simulated arena)");
                    }
                    DeviceSession s = inner.newSession();
                    return new DeviceSession() {
                        int runs;

                        public void run(float[] arena) throws DeviceException {
                            if (++runs == 3) {
                                throw new DeviceException("CL_OUT_OF_RESOURCES (simulated in run 3)");
                            }
                            s.run(arena);
                        }

                        public void profile(float[] arena, long[] nanos, int n) throws DeviceException {
                            s.profile(arena, nanos, n);
                        }

                        public void close() {
                            s.close();
                        }
                    };
                }

                public void close() {
                    if (inner != null) {
                        inner.close();
                    }
                }
            };
        }
    }

    private static float[] cpu(Graph g, int batch, float[] in) throws Exception {
        return Graphs.run(g, Backends.bestHost(), batch, false, in);
    }

    @Test
    void aPlanTheDeviceCannotLoadRunsOnTheCpuWithOneWarning() throws Exception {
        Graph g = PolicyCnn.build(11);
        FailingDevice device = new FailingDevice(FailAt.LOAD, null);
        for (int batch : new int[] {1, 4}) {
            ExecutionPlan plan = Compiler.compile(g, new CompileOptions(batch, device, false));
            assertEquals(Backends.bestHost().name(), plan.backend());
            assertFalse(plan.onDevice());
            float[] in = PolicyCnn.images(5, batch);
            try (ExecutionContext ctx = plan.newContext()) {
                ctx.setInput(0, in);
                ctx.run();
                assertEquals(0, Graphs.maxAbs(ctx.output(0), cpu(g, batch, in)), "same kernels, same arena layout");
            }
        }
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("failing-load") && warnings.get(0).contains("CL_OUT_OF_RESOURCES")
                && warnings.get(0).contains("running on the CPU"), warnings.get(0));
    }

    @Test
    void aContextWhoseArenaDoesNotFitRunsOnTheCpu() throws Exception {
        Graph g = PolicyCnn.build(12);
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(2, new FailingDevice(FailAt.SESSION, null), false));
        assertTrue(plan.onDevice());
        float[] in = PolicyCnn.images(6, 2);
        try (ExecutionContext ctx = plan.newContext()) {
            assertEquals(Backends.bestHost().name(), ctx.activeBackend());
            ctx.setInput(0, in);
            ctx.run();
            assertEquals(0, Graphs.maxAbs(ctx.output(0), cpu(g, 2, in)));
        }
        assertEquals(1, warnings.size(), warnings.toString());
    }

    @Test
    void aDeviceFailingMidRunHandsTheSameRunToTheCpu() throws Exception {
        DeviceBackend opencl = NeedsDevice.require("opencl");
        Graph g = PolicyCnn.build(13);
        FailingDevice device = new FailingDevice(FailAt.THIRD_RUN, opencl);
        ExecutionPlan plan = Compiler.compile(g, new CompileOptions(3, device, false));
        assertEquals(device.name(), plan.backend());
        try (ExecutionContext a = plan.newContext(); ExecutionContext b = plan.newContext()) {
            for (int run = 1; run <= 4; run++) {
                float[] in = PolicyCnn.images(run, 3);
                float[] want = cpu(g, 3, in);
                for (ExecutionContext ctx : List.of(a, b)) {
                    ctx.setInput(0, in);
                    ctx.run();
                    double worst = Graphs.worst(ctx.output(0), want, 1e-4, 1e-3);
                    int r = run;
                    assertTrue(worst <= 1, () -> "run " + r + " differs from the CPU by " + worst + "x tolerance");
                    assertEquals(run < 3 ? device.name() : Backends.bestHost().name(), ctx.activeBackend(), "run " + run);
                }
            }
        }
        assertEquals(1, warnings.size(), "two contexts failed, one warning: " + warnings);
        assertTrue(warnings.get(0).contains("simulated in run 3"), warnings.get(0));
    }

    @Test
    void withoutLwjglTheDeviceBackendsLoadAndSayWhyTheyAreUnavailable() throws Exception {
        // inference-core's own classes alone, without the application class path (LWJGL, test classes).
        URL classes = Backends.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.lwjgl.opencl.CL10"));
            Class<?> backends = Class.forName(Backends.class.getName(), true, loader);
            @SuppressWarnings("unchecked")
            List<Object> all = (List<Object>) backends.getMethod("all").invoke(null);
            List<String> seen = new ArrayList<>();
            Class<?> backend = loader.loadClass("dev.wayfinder.inference.backend.Backend");
            for (Object b : all) {
                String name = (String) backend.getMethod("name").invoke(b);
                boolean available = (Boolean) backend.getMethod("isAvailable").invoke(b);
                String why = (String) backend.getMethod("unavailableReason").invoke(b);
                if (name.equals("opencl") || name.equals("cuda")) {
                    assertFalse(available, name);
                    assertTrue(why.contains("LWJGL"), name + ": " + why);
                    seen.add(name);
                }
            }
            assertEquals(List.of("cuda", "opencl"), seen);
            Object preferred = backends.getMethod("preferred").invoke(null);
            assertEquals("vector", backend.getMethod("name").invoke(preferred));
        }
    }
}
