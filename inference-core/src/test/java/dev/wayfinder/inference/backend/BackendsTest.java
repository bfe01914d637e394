package dev.wayfinder.inference.backend;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendsTest {

    @AfterEach
    void clear() {
        System.clearProperty(Backends.PROPERTY);
    }

    @Test
    void serviceLoaderFindsEveryBackendRankedVectorFirst() {
        List<String> all = Backends.all().stream().map(Backend::name).toList();
        // The device backends rank below the Vector API one: they run where named, or where calibration finds them
        // faster, never by rank alone.
        assertEquals(List.of("vector", "cuda", "opencl", "scalar"), all);
        List<String> names = Backends.available().stream().map(Backend::name).toList();
        assertTrue(names.contains("scalar"), "scalar always available: " + names);
        // Tests run with --add-modules jdk.incubator.vector (root pom argLine).
        assertEquals("vector", names.get(0), names.toString());
        assertEquals("vector", Backends.preferred().name());
        assertEquals("vector", Backends.bestHost().name());
    }

    @Test
    void unavailableBackendsSayWhy() {
        for (Backend b : Backends.all()) {
            assertEquals(b.isAvailable(), b.unavailableReason().isEmpty(), b.name() + ": " + b.unavailableReason());
        }
    }

    @Test
    void systemPropertyOverridesRank() {
        System.setProperty(Backends.PROPERTY, "scalar");
        assertEquals("scalar", Backends.preferred().name());
    }

    @Test
    void cpuNamesTheBestHostBackendAndAutoIsTheDefault() {
        assertEquals(Backends.bestHost().name(), Backends.byName("cpu").name());
        System.setProperty(Backends.PROPERTY, "auto");
        assertEquals("vector", Backends.preferred().name());
    }

    @Test
    void unknownBackendNameIsReportedWithTheKnownOnes() {
        System.setProperty(Backends.PROPERTY, "tpu");
        IllegalStateException e = assertThrows(IllegalStateException.class, Backends::preferred);
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("scalar"), e.getMessage());
    }
}
