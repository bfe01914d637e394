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
    void serviceLoaderFindsBothBackendsRankedVectorFirst() {
        List<String> names = Backends.available().stream().map(Backend::name).toList();
        assertTrue(names.contains("scalar"), "scalar always available: " + names);
        // Tests run with --add-modules jdk.incubator.vector (root pom argLine).
        assertEquals(List.of("vector", "scalar"), names);
        assertEquals("vector", Backends.preferred().name());
    }

    @Test
    void systemPropertyOverridesRank() {
        System.setProperty(Backends.PROPERTY, "scalar");
        assertEquals("scalar", Backends.preferred().name());
    }

    @Test
    void unknownBackendNameIsReportedWithTheKnownOnes() {
        System.setProperty(Backends.PROPERTY, "tpu");
        IllegalStateException e = assertThrows(IllegalStateException.class, Backends::preferred);
        assertTrue(e.getMessage().contains("'tpu'") && e.getMessage().contains("scalar"), e.getMessage());
    }
}
