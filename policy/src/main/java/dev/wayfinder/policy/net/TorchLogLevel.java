package dev.wayfinder.policy.net;

import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The level of PyTorch's own C++ log (c10), which writes straight to the process's stderr: ERROR unless the
 * environment variable {@code TORCH_CPP_LOG_LEVEL} says otherwise (INFO, WARNING, ERROR, FATAL or 0..3, as in
 * PyTorch).
 *
 * <p>Without this, every training run prints c10's "AutoNonVariableTypeMode is deprecated" warning, which DJL's
 * JNI code triggers and a user can do nothing about. PyTorch reads {@code TORCH_CPP_LOG_LEVEL} only in
 * {@code c10::initLogging()}, which Python calls and DJL does not, so setting the variable alone changes nothing
 * (measured with PyTorch 2.7.1 and DJL 0.36.0). Instead the level is written into c10's exported flag
 * {@code FLAGS_caffe2_log_level} once the engine is loaded, through JNA (which DJL brings). Best effort: on a
 * build without that symbol, or off Linux, nothing changes.
 */
final class TorchLogLevel {
    /** c10's GLOG_ERROR. */
    static final int ERROR = 2;
    private static boolean applied;

    private TorchLogLevel() {
    }

    /** Applies the level once; call after the PyTorch engine is loaded. */
    static synchronized void apply() {
        if (applied) {
            return;
        }
        applied = true;
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return;
        }
        try {
            for (String line : Files.readAllLines(maps)) {
                int slash = line.indexOf('/');
                if (slash >= 0 && line.endsWith("/libc10.so")) {
                    NativeLibrary c10 = NativeLibrary.getInstance(line.substring(slash));
                    c10.getGlobalVariableAddress("FLAGS_caffe2_log_level").setInt(0,
                            level(System.getenv("TORCH_CPP_LOG_LEVEL")));
                    return;
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            // best effort: PyTorch keeps its default level (warnings)
        }
    }

    /** PyTorch's level for a {@code TORCH_CPP_LOG_LEVEL} value; ERROR when unset or not understood. */
    static int level(String value) {
        if (value == null) {
            return ERROR;
        }
        return switch (value.trim().toUpperCase(Locale.ROOT)) {
            case "0", "INFO" -> 0;
            case "1", "WARNING" -> 1;
            case "3", "FATAL" -> 3;
            default -> ERROR;
        };
    }
}
