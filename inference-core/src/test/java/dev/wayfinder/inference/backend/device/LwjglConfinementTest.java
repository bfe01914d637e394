package dev.wayfinder.inference.backend.device;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LWJGL is optional for inference-core: only the GPU packages (backend.opencl, backend.cuda) may name it, and in them
 * only the classes their backend reaches after its availability probe (never the service classes themselves).
 */
class LwjglConfinementTest {
    private static final Path MAIN = Path.of("src/main/java/dev/wayfinder/inference");

    @Test
    void onlyTheGpuPackagesNameLwjgl() throws Exception {
        assertTrue(Files.isDirectory(MAIN), "run from inference-core's folder: " + MAIN.toAbsolutePath());
        List<String> users;
        try (Stream<Path> files = Files.walk(MAIN)) {
            users = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readString(f).contains("org.lwjgl");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(f -> MAIN.relativize(f).toString().replace('\\', '/')).sorted().toList();
        }
        for (String u : users) {
            assertTrue(u.startsWith("backend/opencl/") || u.startsWith("backend/cuda/"), u + " names LWJGL");
        }
        assertEquals(List.of(), users.stream().filter(u -> u.endsWith("OpenClBackend.java") || u.endsWith("CudaBackend.java"))
                .filter(u -> {
                    try {
                        return Files.readString(MAIN.resolve(u)).contains("import org.lwjgl");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList(), "the service classes must load without LWJGL");
    }
}
