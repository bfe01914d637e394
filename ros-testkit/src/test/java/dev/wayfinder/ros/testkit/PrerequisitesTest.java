package dev.wayfinder.ros.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PrerequisitesTest {

    @Test
    void aMissingToolIsNamedWithThePackagesToInstall() {
        Optional<String> m = Prerequisites.missingTools(Map.of("PATH", ""), "the Cyclone DDS peer",
                Prerequisites.CYCLONE_PACKAGES, "idlc", "gcc");
        assertEquals(Optional.of("needs 'idlc' on PATH to build and run the Cyclone DDS peer; install the Debian"
                + " packages: apt-get install -y " + Prerequisites.CYCLONE_PACKAGES), m);
        assertEquals(Optional.empty(), Prerequisites.missingTools(Map.of("PATH", "/usr/bin:/bin"), "x", "p", "sh"));
    }

    @Test
    void withoutCiAMissingPrerequisiteSkipsTheTestSayingWhy() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Prerequisites.assumeInTest(Optional.of("needs root"), Map.of()));
        assertTrue(e.getMessage().contains("needs root") && e.getMessage().contains("CI"), e.getMessage());
        Prerequisites.assumeInTest(Optional.empty(), Map.of());
    }

    @Test
    void withCiSetAMissingPrerequisiteFailsTheTest() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> Prerequisites.assumeInTest(Optional.of("needs 'idlc' on PATH"), Map.of("CI", "true")));
        assertTrue(e.getMessage().startsWith("needs 'idlc' on PATH (CI is set"), e.getMessage());
        Prerequisites.assumeInTest(Optional.empty(), Map.of("CI", "true"));
    }

    @Test
    void aRefusedNamespaceIsExplainedAsNeedingRoot() {
        NetworkNamespace.Result refused = new NetworkNamespace.Result(1,
                "unshare: unshare failed: Operation not permitted", false);
        assertTrue(refused.namespaceRefused());
        assertTrue(refused.rootHint().contains("needs root"), refused.rootHint());
        NetworkNamespace.Result passed = new NetworkNamespace.Result(0, "started\nPASS twist\n", false);
        assertEquals("PASS twist", passed.lastLine());
        assertEquals("", passed.rootHint());
    }
}
