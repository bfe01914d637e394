package dev.wayfinder.inference.backend.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a system library before LWJGL is asked to load it, so that a missing driver makes a device backend quietly
 * unavailable (LWJGL prints a paragraph to standard error for every library it fails to load). Linux only; elsewhere
 * the name is handed to LWJGL as it is.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /** Directories the dynamic loader searches on Debian-like systems, plus LD_LIBRARY_PATH's. */
    static List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        try (var confs = Files.list(Path.of("/etc/ld.so.conf.d"))) {
            for (Path conf : confs.filter(f -> f.toString().endsWith(".conf")).sorted().toList()) {
                for (String line : Files.readAllLines(conf)) {
                    if (line.strip().startsWith("/")) {
                        dirs.add(Path.of(line.strip()));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // no loader configuration to read: the standard directories below remain
        }
        for (String d : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/lib/x86_64-linux-gnu",
                "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib64", "/lib", "/usr/local/lib",
                "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib"}) {
            dirs.add(Path.of(d));
        }
        return dirs;
    }

    /**
     * The first of {@code names} (file names such as {@code libOpenCL.so.1}) present in {@code extraDirs} or the
     * loader's directories, as an absolute path; null when none is.
     */
    public static String find(List<Path> extraDirs, String... names) {
        return find(extraDirs, false, names);
    }

    /** As {@link #find(List, String...)}; with {@code prefix}, a name also matches files that start with it. */
    public static String find(List<Path> extraDirs, boolean prefix, String... names) {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return names[0];
        }
        List<Path> dirs = new ArrayList<>(extraDirs);
        dirs.addAll(searchPath());
        for (String n : names) {
            for (Path d : dirs) {
                Path f = d.resolve(n);
                if (Files.exists(f)) {
                    return f.toAbsolutePath().toString();
                }
                if (prefix && Files.isDirectory(d)) {
                    try (var files = Files.list(d)) {
                        var hit = files.filter(x -> x.getFileName().toString().startsWith(n)).sorted().findFirst();
                        if (hit.isPresent()) {
                            return hit.get().toAbsolutePath().toString();
                        }
                    } catch (java.io.IOException e) {
                        // unreadable directory: try the next
                    }
                }
            }
        }
        return null;
    }
}
