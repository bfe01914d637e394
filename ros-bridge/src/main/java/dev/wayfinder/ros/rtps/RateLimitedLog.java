package dev.wayfinder.ros.rtps;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Counts events and logs at most one line per interval with the count so far. Thread-safe. */
public final class RateLimitedLog {
    private final Logger logger;
    private final String what;
    private final long intervalNanos;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong nextLog = new AtomicLong(Long.MIN_VALUE);

    /**
     * @param logger where lines go
     * @param what what is being counted, e.g. "malformed datagrams"
     * @param intervalNanos least time between two lines
     */
    public RateLimitedLog(Logger logger, String what, long intervalNanos) {
        this.logger = logger;
        this.what = what;
        this.intervalNanos = intervalNanos;
    }

    /** @param detail about this occurrence; logged only if the interval has passed */
    public void record(String detail) {
        long n = count.incrementAndGet();
        long now = System.nanoTime();
        long next = nextLog.get();
        if ((next == Long.MIN_VALUE || now - next >= 0) && nextLog.compareAndSet(next, now + intervalNanos)) {
            logger.log(Level.WARNING, "{0}: {1} so far; latest: {2}", new Object[] {what, n, detail});
        }
    }

    /** @return events counted */
    public long count() {
        return count.get();
    }
}
