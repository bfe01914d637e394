package dev.wayfinder.inference.backend.device;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The one warning a process prints per device backend when that backend fails and its work moves to the CPU
 * (no device, out of memory, a program that does not build, a failed launch). Later failures of the same backend
 * fall back just as quietly: a lost GPU would otherwise warn once per context and step.
 */
public final class DeviceFallback {
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static volatile Consumer<String> sink = System.err::println;

    private DeviceFallback() {
    }

    /** Reports that {@code backend} failed at {@code what} and {@code host} runs instead; prints once per backend. */
    public static void warn(String backend, String host, String what, Throwable cause) {
        if (WARNED.add(backend)) {
            String why = cause == null ? "" : ": " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
            sink.accept("warning: inference on " + backend + " failed " + what + why + "; running on the CPU ("
                    + host + ") from now on");
        }
    }

    /** Where warnings go (standard error unless set; tests capture them). Returns the previous sink. */
    public static Consumer<String> sink(Consumer<String> newSink) {
        Consumer<String> old = sink;
        sink = newSink;
        return old;
    }

    /** Forgets which backends have warned (for tests). */
    public static void reset() {
        WARNED.clear();
    }
}
