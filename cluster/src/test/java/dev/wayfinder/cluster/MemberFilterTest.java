package dev.wayfinder.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --select} and {@code --label} terms, and which workers they leave out, on member attributes as a map. */
class MemberFilterTest {
    private static Map<String, String> worker(String gpu, boolean egl, int cores, Map<String, String> labels) {
        Map<String, String> a = new HashMap<>(Map.of(Cluster.ATTR_GPU, gpu, Cluster.ATTR_EGL, String.valueOf(egl),
                Cluster.ATTR_CORES, String.valueOf(cores), Cluster.ATTR_SLOTS, String.valueOf(Math.max(1, cores / 2))));
        labels.forEach((k, v) -> a.put(MemberFilter.LABEL_PREFIX + k, v));
        return a;
    }

    @Test
    void everyTermMustHoldAndTheReasonNamesTheFirstThatDoesNot() {
        Map<String, String> gpuBox = worker("nvidia", true, 32, Map.of("site", "lab2"));
        Map<String, String> laptop = worker("none", true, 4, Map.of("site", "lab2"));
        Map<String, String> unlabelled = worker("nvidia", true, 16, Map.of());
        MemberFilter f = MemberFilter.parse(List.of("gpu=nvidia", "cores>=16", "site=lab2"));
        assertNull(f.why(gpuBox::get));
        assertEquals("its gpu is none (--select gpu=nvidia)", f.why(laptop::get));
        assertEquals("it has no site label (--select site=lab2)", f.why(unlabelled::get));
        assertEquals("its cores is 4 (--select cores>=16)",
                MemberFilter.parse(List.of("cores>=16")).why(laptop::get));
        assertNull(MemberFilter.parse(List.of(" egl = true ")).why(laptop::get), "spaces around the parts are fine");
        assertNull(MemberFilter.ALL.why(laptop::get));
        assertTrue(MemberFilter.ALL.all());
        assertEquals("gpu=nvidia, cores>=16, site=lab2", f.toString());
    }

    @Test
    void malformedTermsAreRefusedNamingTheTermAndWhatWasExpected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemberFilter.parse(List.of("gpu")))
                .getMessage().startsWith("--select 'gpu': expected KEY=VALUE or KEY>=NUMBER (keys: cores, egl, gpu,"
                        + " slots, or a worker's --label)"));
        assertEquals("--select 'site>=2': >= applies to cores and slots only", assertThrows(
                IllegalArgumentException.class, () -> MemberFilter.parse(List.of("site>=2"))).getMessage());
        assertEquals("--select 'cores>=many': expected a whole number after >=", assertThrows(
                IllegalArgumentException.class, () -> MemberFilter.parse(List.of("cores>=many"))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemberFilter.parse(List.of("Site=a")))
                .getMessage().contains("the key 'Site' is not one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MemberFilter.parse(List.of("site=")))
                .getMessage().contains("the value '' is not one"));
    }

    @Test
    void labelsAreKeyValuePairsThatMayNotShadowWhatAWorkerReportsItself() {
        assertEquals(Map.of("site", "lab2", "rack", "r7"), MemberFilter.labels(List.of("site=lab2", "rack=r7")));
        assertEquals("--label 'gpu=h100': gpu is what the worker reports of itself; choose another key", assertThrows(
                IllegalArgumentException.class, () -> MemberFilter.labels(List.of("gpu=h100"))).getMessage());
        assertEquals("--label 'site=a': site is given twice", assertThrows(IllegalArgumentException.class,
                () -> MemberFilter.labels(List.of("site=b", "site=a"))).getMessage());
        assertEquals("--label 'cores>=2': expected KEY=VALUE", assertThrows(IllegalArgumentException.class,
                () -> MemberFilter.labels(List.of("cores>=2"))).getMessage());
        assertEquals(Map.of("site", "lab2"), MemberFilter.labelsOf(worker("none", false, 2, Map.of("site", "lab2"))));
    }
}
