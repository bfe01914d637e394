package dev.wayfinder.policy.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TorchLogLevelTest {
    @Test
    void errorsOnlyUnlessTheUserAsksForMore() {
        assertEquals(TorchLogLevel.ERROR, TorchLogLevel.level(null));
        assertEquals(TorchLogLevel.ERROR, TorchLogLevel.level("nonsense"));
        assertEquals(1, TorchLogLevel.level("warning"));
        assertEquals(0, TorchLogLevel.level(" INFO "));
        assertEquals(3, TorchLogLevel.level("3"));
    }
}
