package dev.wayfinder.policy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TorchUnavailableExceptionTest {
    @Test
    void theMessageCarriesTheCauseTheCacheFolderAndTheWayOut() {
        // What DJL 0.36 throws when its cache folder cannot be created (measured with DJL_CACHE_DIR=/dev/null/djl).
        EngineException e = new EngineException("Failed to extract PyTorch native library",
                new FileSystemException("/dev/null/djl: Not a directory"));
        String reason = TorchUnavailableException.reason(e);
        assertEquals("Failed to extract PyTorch native library: /dev/null/djl: Not a directory", reason);
        String m = TorchUnavailableException.message(reason, Path.of("/dev/null/djl/pytorch"));
        assertTrue(m.contains("/dev/null/djl: Not a directory"), m);
        assertTrue(m.contains("cache folder /dev/null/djl/pytorch"), m);
        assertTrue(m.contains("set DJL_CACHE_DIR"), m);
    }

    @Test
    void aCauseRepeatingItsWrappersMessageIsNotRepeated() {
        IllegalStateException inner = new IllegalStateException("disk full");
        EngineException e = new EngineException("disk full", inner);
        assertEquals("disk full", TorchUnavailableException.reason(e));
        assertEquals("EngineException", TorchUnavailableException.reason(new EngineException((String) null)));
    }
}
