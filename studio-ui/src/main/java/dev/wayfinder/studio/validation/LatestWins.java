package dev.wayfinder.studio.validation;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs work on one background thread where only the latest request matters: a request that is overtaken by a
 * newer one before it starts is skipped, and a result that arrives after a newer request was made is dropped, so
 * the sink sees results in request order and never an outdated one after a newer one. Results are handed to the
 * sink through {@code deliver} (the FX thread's {@code Platform::runLater} in the studio). Thread-safe.
 *
 * @param <I> the request
 * @param <R> the result
 */
public final class LatestWins<I, R> implements AutoCloseable {
    private final Function<I, R> work;
    private final Executor deliver;
    private final Consumer<R> sink;
    private final ExecutorService worker;
    private final AtomicLong latest = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();

    /**
     * @param name    the worker thread's name
     * @param work    what to compute, on the worker thread
     * @param deliver where results are handed over
     * @param sink    receives each result that is still the latest one, on {@code deliver}
     */
    public LatestWins(String name, Function<I, R> work, Executor deliver, Consumer<R> sink) {
        this.work = Objects.requireNonNull(work, "work");
        this.deliver = Objects.requireNonNull(deliver, "deliver");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for {@code input}'s result; supersedes every earlier request. Returns the request's number. */
    public long submit(I input) {
        long n = latest.incrementAndGet();
        worker.execute(() -> {
            if (latest.get() != n) {
                return;
            }
            R r = work.apply(input);
            deliver.execute(() -> {
                if (latest.get() == n) {
                    delivered.set(n);
                    sink.accept(r);
                }
            });
        });
        return n;
    }

    /** Number of the last request made. */
    public long latest() {
        return latest.get();
    }

    /** Number of the last request whose result reached the sink (0 before the first). */
    public long delivered() {
        return delivered.get();
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
