package dev.wayfinder.inference.compile;

import dev.wayfinder.inference.backend.Backend;
import dev.wayfinder.inference.backend.Backends;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import dev.wayfinder.inference.backend.NeedsDevice;
import dev.wayfinder.inference.backend.device.DeviceBackend;
import dev.wayfinder.inference.backend.device.DevicePlan;
import dev.wayfinder.inference.backend.device.DeviceProgram;
import dev.wayfinder.inference.backend.device.DeviceSession;
import dev.wayfinder.inference.bench.PolicyCnn;
import dev.wayfinder.inference.graph.Graph;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend choice: the property decides when set; otherwise the fastest candidate whose outputs are right. */
class CalibrationTest {

    @AfterEach
    void clear() {
        System.clearProperty(Backends.PROPERTY);
    }

    /** A device that answers at once, with zeros: the fastest candidate, and a wrong one. */
    static final class ZeroDevice implements DeviceBackend {
        public String name() {
            return "zeros";
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
            return "zeros";
        }

        public DeviceProgram load(DevicePlan plan) {
            return new DeviceProgram() {
                public DeviceSession newSession() {
                    return new DeviceSession() {
                        public void run(float[] arena) {
                            for (DevicePlan.Range r : plan.outputs()) {
                                java.util.Arrays.fill(arena, r.offset(), r.offset() + r.size(), 0f);
                            }
                        }

                        public void profile(float[] arena, long[] nanos, int runs) {
                            run(arena);
                        }

                        public void close() {
                        }
                    };
                }

                public void close() {
                }
            };
        }
    }

    @Test
    void thePropertyNamesTheBackendWithoutMeasuring() throws Exception {
        Graph g = PolicyCnn.build(1);
        System.setProperty(Backends.PROPERTY, "scalar");
        Calibration.Choice c = Calibration.choose(g, 4);
        assertEquals("scalar", c.backend().name());
        assertTrue(c.trials().isEmpty() && c.reason().contains("scalar"), c.reason());
        System.setProperty(Backends.PROPERTY, "cpu");
        assertEquals(Backends.bestHost().name(), Calibration.choose(g, 4).backend().name());
        assertEquals(Backends.bestHost().name(), Calibration.compile(g, 2).backend());
        System.setProperty(Backends.PROPERTY, "tpu");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Calibration.choose(g, 1));
        assertTrue(e.getMessage().contains("'tpu'"), e.getMessage());
    }

    @Test
    void aFastButWrongEngineIsRuledOut() throws Exception {
        Graph g = PolicyCnn.build(2);
        Calibration.Choice c = Calibration.calibrate(g, 2, List.of(Backends.bestHost(), new ZeroDevice()), 20, 20);
        assertEquals(Backends.bestHost().name(), c.backend().name(), c.reason());
        Calibration.Trial zeros = c.trials().get(1);
        assertFalse(zeros.correct(), c.reason());
        assertTrue(zeros.medianUs() < c.trials().get(0).medianUs(), "the wrong engine was the fastest: " + c.reason());
        assertTrue(c.reason().contains("zeros ruled out"), c.reason());
    }

    @Test
    void theFastestCorrectEngineWins() throws Exception {
        Backend opencl = NeedsDevice.require("opencl");
        Graph g = PolicyCnn.build(3);
        Calibration.Choice c = Calibration.calibrate(g, 8, List.of(Backends.bestHost(), opencl), 100, 50);
        assertEquals(2, c.trials().size(), c.reason());
        assertTrue(c.trials().stream().allMatch(Calibration.Trial::correct), c.reason());
        Calibration.Trial fastest = c.trials().get(0).medianUs() <= c.trials().get(1).medianUs() ? c.trials().get(0)
                : c.trials().get(1);
        assertEquals(fastest.backend(), c.backend().name(), c.reason());
    }

    @Test
    void withoutAGpuNothingIsMeasured() throws Exception {
        boolean accelerator = Backends.available().stream()
                .anyMatch(b -> b instanceof DeviceBackend d && d.accelerator());
        Graph g = PolicyCnn.build(4);
        Calibration.Choice c = Calibration.choose(g, 1);
        assertTrue(Calibration.choose(g, 1) == c || c.trials().isEmpty(), "a calibration is remembered per graph and batch");
        if (!accelerator) {
            assertEquals(Backends.bestHost().name(), c.backend().name());
            assertTrue(c.trials().isEmpty(), c.reason());
        } else {
            assertFalse(c.trials().isEmpty(), c.reason());
        }
    }
}
