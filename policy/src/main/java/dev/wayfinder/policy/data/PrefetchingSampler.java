package dev.wayfinder.policy.data;

import dev.wayfinder.robot.net.NetworkSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares a fixed number of training batches from a {@link BatchSampler} on a background thread, double-buffered,
 * so that the gradient loop does not wait for chunk loading, sample drawing and augmentation: while the caller
 * trains on one batch, the next one is being filled. The sampler is driven by the background thread alone, one
 * batch after the other exactly as a loop calling {@link BatchSampler#next} or {@link BatchSampler#nextSequences}
 * would drive it, so the batches (contents and order) are the same as without prefetching for the same seed.
 *
 * <p>Use: {@link #take()} a batch, train on it, {@link #release} it, repeat {@link #batches()} times; then
 * {@link #close()}. A failure while preparing a batch is thrown from the {@link #take()} that would have returned it.
 * One consumer thread only.
 */
public final class PrefetchingSampler implements AutoCloseable {
    /** One batch's arrays, as {@link BatchSampler#next} (feed-forward) or {@link BatchSampler#nextSequences} fill them. */
    public static final class Batch {
        /** rows x imageSize floats. */
        public final float[] images;
        /** rows x stateSize floats. */
        public final float[] states;
        /** rows x {@link NetworkSpec#AUX_TARGETS} floats. */
        public final float[] aux;
        /** rows labels. */
        public final int[] labels;
        /** rows x actions floats. */
        public final float[] targets;
        /** rows sample weights. */
        public final float[] weights;
        /** Per sequence, the steps present (sequences only; empty for feed-forward batches). */
        public final int[] lengths;

        Batch(NetworkSpec spec, int rows, int windows) {
            images = new float[rows * spec.imageSize()];
            states = new float[rows * spec.stateSize()];
            aux = new float[rows * NetworkSpec.AUX_TARGETS];
            labels = new int[rows];
            targets = new float[rows * spec.actions()];
            weights = new float[rows];
            lengths = new int[windows];
        }
    }

        private final int batches;
    private final BlockingQueue<Batch> free;
    private final BlockingQueue<Object> ready;
    private final Thread worker;
    private int taken;
    private Batch held;

    /**
     * Starts preparing feed-forward batches of {@code n} samples ({@link BatchSampler#next}).
     *
     * @param batches how many batches will be taken, &gt;= 0
     */
    public static PrefetchingSampler flat(BatchSampler sampler, NetworkSpec spec, int n, boolean augment, int batches) {
        return new PrefetchingSampler(spec, n, 0, batches, b -> sampler.next(b.images, b.states, b.aux, b.labels,
                b.targets, b.weights, n, augment));
    }

    /**
     * Starts preparing batches of {@code windows} sequences of up to {@code steps} samples
     * ({@link BatchSampler#nextSequences}).
     *
     * @param batches how many batches will be taken, &gt;= 0
     */
    public static PrefetchingSampler sequences(BatchSampler sampler, NetworkSpec spec, int windows, int steps,
                                               boolean augment, int batches) {
        return new PrefetchingSampler(spec, windows * steps, windows, batches, b -> sampler.nextSequences(b.images,
                b.states, b.aux, b.labels, b.targets, b.weights, b.lengths, windows, steps, augment));
    }

    private interface Fill {
        void into(Batch b) throws IOException;
    }

    private PrefetchingSampler(NetworkSpec spec, int rows, int windows, int batches, Fill fill) {
        if (batches < 0 || rows < 1) {
            throw new IllegalArgumentException("need >= 0 batches of >= 1 row, got " + batches + " of " + rows);
        }
        this.batches = batches;
        // Two buffers: one being trained on, one being filled.
        this.free = new ArrayBlockingQueue<>(2);
        this.ready = new ArrayBlockingQueue<>(2);
        free.add(new Batch(spec, rows, windows));
        free.add(new Batch(spec, rows, windows));
        this.worker = Thread.ofPlatform().name("wayfinder-batch-prefetch").daemon(true).unstarted(() -> {
            try {
                for (int i = 0; i < batches; i++) {
                    Batch b = free.take();
                    try {
                        fill.into(b);
                    } catch (IOException e) {
                        ready.put(new UncheckedIOException(e));
                        return;
                    } catch (RuntimeException | Error e) {
                        ready.put(e);
                        return;
                    }
                    ready.put(b);
                }
            } catch (InterruptedException e) {
                // closed early: stop quietly
            }
        });
        worker.start();
    }

    /** The number of batches this sampler prepares. */
    public int batches() {
        return batches;
    }

    /**
     * The next batch, waiting for it if it is not ready yet; hand it back with {@link #release} before taking the
     * one after it.
     *
     * @throws IOException           when reading the dataset failed while preparing it
     * @throws IllegalStateException when all {@link #batches()} were taken already, or the last one was not released
     */
    public Batch take() throws IOException {
        if (taken >= batches) {
            throw new IllegalStateException("all " + batches + " batches were taken");
        }
        if (held != null) {
            throw new IllegalStateException("release the batch taken last before taking the next one");
        }
        Object o;
        try {
            o = ready.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a training batch", e);
        }
        taken++;
        if (o instanceof UncheckedIOException e) {
            taken = batches;
            throw e.getCause();
        }
        if (o instanceof RuntimeException e) {
            taken = batches;
            throw e;
        }
        if (o instanceof Error e) {
            taken = batches;
            throw e;
        }
        held = (Batch) o;
        return held;
    }

    /** Returns a batch from {@link #take()} for refilling; its arrays must not be used after this. */
    public void release(Batch b) {
        if (b == null || b != held) {
            throw new IllegalArgumentException("not the batch last taken from this sampler, or released twice");
        }
        held = null;
        free.add(b);
    }

    /** Stops the background thread (at once if batches are still being prepared) and waits for it. */
    @Override
    public void close() {
        worker.interrupt();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
