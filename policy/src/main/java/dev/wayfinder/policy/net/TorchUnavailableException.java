package dev.wayfinder.policy.net;

import ai.djl.engine.EngineException;
import ai.djl.util.Utils;
import java.nio.file.Path;

/**
 * PyTorch, DJL's engine for training (and for the export's parity check), could not start. Its native library
 * ships inside the CLI (the pytorch-native-cpu jar), so nothing is downloaded, but DJL unpacks it on first use into
 * its cache folder ({@code ~/.djl.ai}, or {@code DJL_CACHE_DIR}); the message says which folder and how to choose
 * another, so a read-only home or a full disk is reported as such instead of as a bug.
 */
public final class TorchUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TorchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Wraps DJL's failure to load PyTorch, naming the cache folder it unpacks the native library into. */
    static TorchUnavailableException of(EngineException e) {
        return new TorchUnavailableException(message(reason(e), Utils.getEngineCacheDir("pytorch")), e);
    }

    /** The message for a failure {@code reason} with DJL's engine cache at {@code cacheDir}. */
    static String message(String reason, Path cacheDir) {
        return "PyTorch (used for training and for the export's check) could not start: " + reason
                + ". Its native library ships with Wayfinder and is unpacked on first use into DJL's cache folder "
                + cacheDir + " (about 450 MB; nothing is downloaded); set DJL_CACHE_DIR to a writable folder with"
                + " room for it and run again";
    }

    /** The failure and its causes' messages, innermost last ("Failed to extract ...: /x: Not a directory"). */
    static String reason(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (s.indexOf(m) < 0) {
                s.append(s.isEmpty() ? "" : ": ").append(m);
            }
        }
        return s.toString();
    }
}
