package dev.wayfinder.inference.compile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places buffers with known lifetimes in one arena so that buffers alive at the same step never overlap:
 * largest first, each at the lowest 16-float-aligned offset free during its whole lifetime.
 */
final class ArenaPlanner {

    /** A buffer to place: alive from step {@code first} to step {@code last} inclusive. */
    static final class Buffer {
        final int size;
        final int first;
        final int last;
        int offset = -1;

        Buffer(int size, int first, int last) {
            this.size = size;
            this.first = first;
            this.last = last;
        }

        boolean overlapsInTime(Buffer o) {
            return first <= o.last && o.first <= last;
        }
    }

    private static final int ALIGN = 16;

    private ArenaPlanner() {
    }

    /** Assigns {@link Buffer#offset} to every buffer and returns the arena size in floats. */
    static int place(List<Buffer> buffers) {
        List<Buffer> order = new ArrayList<>(buffers);
        order.sort(Comparator.comparingInt((Buffer b) -> b.size).reversed());
        List<Buffer> placed = new ArrayList<>();
        long end = 0;
        for (Buffer b : order) {
            List<Buffer> live = new ArrayList<>();
            for (Buffer p : placed) {
                if (p.overlapsInTime(b)) {
                    live.add(p);
                }
            }
            live.sort(Comparator.comparingInt(p -> p.offset));
            long candidate = 0;
            for (Buffer p : live) {
                if (candidate + b.size <= p.offset) {
                    break;
                }
                candidate = Math.max(candidate, align(p.offset + (long) p.size));
            }
            if (candidate + b.size > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("activations need more than " + (Integer.MAX_VALUE - 64) + " floats");
            }
            b.offset = (int) candidate;
            placed.add(b);
            end = Math.max(end, candidate + b.size);
        }
        return (int) align(end);
    }

    private static long align(long x) {
        return (x + ALIGN - 1) / ALIGN * ALIGN;
    }
}
