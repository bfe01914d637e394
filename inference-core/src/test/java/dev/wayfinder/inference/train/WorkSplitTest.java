package dev.wayfinder.inference.train;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every chunk runs exactly once on any number of threads, and a failing chunk fails the call. */
class WorkSplitTest {
    @Test
    void everyChunkRunsOnce() {
        for (int threads = 1; threads <= 3; threads++) {
            try (WorkSplit split = new WorkSplit(threads, "test")) {
                for (int chunks : new int[] {0, 1, 2, 7, 100}) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
                    split.run(chunks, runs::incrementAndGet);
                    for (int c = 0; c < chunks; c++) {
                        assertEquals(1, runs.get(c), threads + " threads, " + chunks + " chunks: chunk " + c);
                    }
                }
            }
        }
    }

    @Test
    void aFailingChunkFailsTheCallAndTheSplitStaysUsable() {
        try (WorkSplit split = new WorkSplit(2, "test")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> split.run(40, c -> {
                if (c == 17) {
                    throw new IllegalStateException("chunk 17 broke");
                }
            }));
            assertTrue(e.getMessage().contains("chunk 17"), e.getMessage());
            AtomicIntegerArray runs = new AtomicIntegerArray(10);
            split.run(10, runs::incrementAndGet);
            for (int c = 0; c < 10; c++) {
                assertEquals(1, runs.get(c), "chunk " + c + " after a failed call");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new WorkSplit(0, "test"));
        assertEquals(3, WorkSplit.from(10, 1, 3));
        assertEquals(10, WorkSplit.from(10, 3, 3));
    }
}
