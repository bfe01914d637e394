package dev.wayfinder.policy.data;

import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.NetworkSpec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws augmented training batches from a {@link Dataset} while holding at most {@code maxChunks} chunks in
 * memory: a random resident chunk is swapped for a random chunk from disk every {@code swapEvery} batches,
 * with the newest chunks (the latest DAgger data) favoured for loading. Memory is bounded by
 * {@code maxChunks * Dataset.CHUNK_SAMPLES} samples whatever the dataset's size (twice that until the first batch
 * of a sampler that {@link #takeOver takes over} another's chunks). Not thread-safe.
 *
 * <p>Augmentation per sample: a random shift of up to {@code maxShift} pixels in x and y (edge pixels repeat),
 * and colour jitter (brightness, contrast and per-channel gain), applied after {@link Features#image}.
 */
public final class BatchSampler {
    private final Dataset dataset;
    /** The dataset's truncation count when this sampler was made. */
    private final int truncations;
    private final NetworkSpec spec;
    private final int maxChunks;
    private final int swapEvery;
    private final int maxShift;
    private final double actionDropout;
    private final double[] classWeight;
    private final SplittableRandom rnd;
    private final List<Chunk> resident = new ArrayList<>();
    private final List<Integer> residentIndex = new ArrayList<>();
    private final float[] plain;
    /** Chunks handed over by {@link #takeOver}, by index, until the first batch has filled the resident set. */
    private Map<Integer, Chunk> handedOver = Map.of();
    private int batches;
    private double nearWeight = 1;
    private double temperature;

    /**
     * @param maxChunks chunks held in memory, &gt;= 1
     * @param maxShift  largest augmentation shift in pixels, &gt;= 0
     * @param actionDropout probability of clearing a sample's previous-action one-hot (as at an episode's start)
     * @param seed      seeds chunk choice, sample choice and augmentation
     */
    public BatchSampler(Dataset dataset, NetworkSpec spec, int maxChunks, int swapEvery, int maxShift,
                        double actionDropout, long seed) {
        if (maxChunks < 1 || swapEvery < 1 || maxShift < 0) {
            throw new IllegalArgumentException("maxChunks and swapEvery must be >= 1 and maxShift >= 0");
        }
        this.dataset = dataset;
        this.truncations = dataset.truncations();
        this.spec = spec;
        this.maxChunks = maxChunks;
        this.swapEvery = swapEvery;
        this.maxShift = maxShift;
        this.actionDropout = actionDropout;
        this.rnd = new SplittableRandom(seed);
        this.plain = new float[spec.imageSize()];
        this.classWeight = new double[spec.actions()];
    }

    /**
     * Takes over {@code previous}'s resident chunks (a DAgger round's sampler handing them to the next round's): a
     * chunk this sampler picks that {@code previous} holds is not read and inflated from disk again. The same chunks
     * are picked and the same batches drawn as without; only the reading is saved. Handed-over chunks that are not
     * picked are let go once the first batch has filled the resident set (until then memory holds both sets). Ignored
     * when {@code previous} read another dataset or the dataset was truncated since.
     *
     * @return this sampler
     */
    public BatchSampler takeOver(BatchSampler previous) {
        if (previous != null && previous.dataset == dataset && previous.truncations == dataset.truncations()) {
            Map<Integer, Chunk> m = new HashMap<>();
            for (int i = 0; i < previous.resident.size(); i++) {
                m.put(previous.residentIndex.get(i), previous.resident.get(i));
            }
            handedOver = m;
        }
        return this;
    }

    /** Samples currently held in memory. */
    public int residentSamples() {
        return resident.stream().mapToInt(Chunk::size).sum();
    }

    private void refresh() throws IOException {
        int n = dataset.chunkCount();
        if (n == 0) {
            throw new IllegalStateException("the dataset in " + dataset.dir() + " is empty");
        }
        // Drop chunks that no longer exist (after a truncate) and fill up to the limit.
        for (int i = resident.size() - 1; i >= 0; i--) {
            if (residentIndex.get(i) >= n) {
                resident.remove(i);
                residentIndex.remove(i);
            }
        }
        boolean changed = false;
        while (resident.size() < Math.min(maxChunks, n)) {
            load(pick(n));
            changed = true;
        }
        if (batches % swapEvery == 0 && n > resident.size()) {
            int victim = rnd.nextInt(resident.size());
            resident.remove(victim);
            residentIndex.remove(victim);
            load(pick(n));
            changed = true;
        }
        if (changed) {
            updateClassWeights();
        }
        handedOver = Map.of();
    }

    private void updateClassWeights() {
        long[] count = new long[classWeight.length];
        long total = 0;
        for (Chunk c : resident) {
            for (int k = 0; k < c.size(); k++) {
                count[c.label(k)]++;
                total++;
            }
        }
        for (int a = 0; a < count.length; a++) {
            double freq = count[a] / (double) Math.max(1, total);
            // Balanced toward rare actions, clipped so a handful of samples cannot dominate.
            classWeight[a] = count[a] == 0 ? 1 : Math.max(0.3, Math.min(3, 1.0 / (count.length * freq)));
        }
    }

    private int pick(int n) {
        for (int attempt = 0; attempt < 16; attempt++) {
            // Half the draws from the newest quarter of the data.
            int i = rnd.nextBoolean() ? n - 1 - rnd.nextInt(Math.max(1, n / 4)) : rnd.nextInt(n);
            if (!residentIndex.contains(i)) {
                return i;
            }
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!residentIndex.contains(i)) {
                return i;
            }
        }
        return rnd.nextInt(n);
    }

    private void load(int i) throws IOException {
        Chunk c = handedOver.isEmpty() ? null : handedOver.remove(i);
        resident.add(c != null ? c : dataset.read(i));
        residentIndex.add(i);
    }

    /**
     * Fills a batch of {@code n} samples.
     *
     * @param images  n x imageSize floats
     * @param states  n x stateSize floats
     * @param aux     n x {@link NetworkSpec#AUX_TARGETS} floats (the auxiliary targets stored with the samples),
     *                or null when not wanted
     * @param labels  n labels
     * @param weights n sample weights (class-balancing)
     * @param augment whether to shift and jitter
     */
    public void next(float[] images, float[] states, float[] aux, int[] labels, float[] weights, int n,
                     boolean augment) throws IOException {
        next(images, states, aux, labels, null, weights, n, augment);
    }

    /**
     * Fills a batch of {@code n} samples with action targets as well: with a {@link #labelTemperature} above 0, the
     * distribution of {@link dev.wayfinder.policy.net.TrainingTargets#softTarget} over the expert's stored action costs; otherwise (or for samples
     * stored without costs) the label one-hot.
     *
     * @param targets n x actions floats, or null when not wanted
     */
    public void next(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights,
                     int n, boolean augment) throws IOException {
        refresh();
        batches++;
        for (int k = 0; k < n; k++) {
            Chunk c = resident.get(rnd.nextInt(resident.size()));
            fill(c, rnd.nextInt(c.size()), k, images, states, aux, labels, targets, weights, augment);
        }
    }

    /**
     * Fills a batch of {@code windows} sequences for truncated backpropagation through time (a recurrent network):
     * each ends at a random resident sample and reaches back along the samples' sequence links
     * ({@link NetworkSpec#linkOffset()}) through the same robot's earlier samples of the same episode, up to
     * {@code steps} of them; a sequence stops early at its episode's start or at a sample whose chunk is not in
     * memory. Rows are time-major (row {@code t * windows + b} is step t of sequence b, oldest first); a sequence
     * shorter than {@code steps} is padded at its end with empty rows of weight 0, and {@code lengths[b]} says how
     * many rows it has. Each present row is drawn, augmented and weighted as by {@link #next}.
     *
     * @param lengths {@code windows} ints
     */
    public void nextSequences(float[] images, float[] states, float[] aux, int[] labels, float[] targets,
                              float[] weights, int[] lengths, int windows, int steps, boolean augment)
            throws IOException {
        if (!spec.recurrent()) {
            throw new IllegalStateException("sequences are for a recurrent network; " + spec + " has no hidden state");
        }
        if (windows < 1 || steps < 1) {
            throw new IllegalArgumentException("need >= 1 sequence of >= 1 step, got " + windows + " x " + steps);
        }
        refresh();
        batches++;
        int is = spec.imageSize();
        int ss = spec.stateSize();
        int actions = spec.actions();
        int[] chunkAt = new int[steps];
        int[] sampleAt = new int[steps];
        for (int b = 0; b < windows; b++) {
            int ci = rnd.nextInt(resident.size());
            int s = rnd.nextInt(resident.get(ci).size());
            int len = 0;
            while (true) {
                chunkAt[len] = ci;
                sampleAt[len] = s;
                len++;
                Chunk c = resident.get(ci);
                int link = Math.round(c.states()[s * c.stateSize() + spec.linkOffset()]);
                if (len == steps || link <= 0) {
                    break;
                }
                // The previous sample, possibly in an earlier chunk; only resident chunks can be reached.
                int pos = s - link;
                int index = residentIndex.get(ci);
                int found = ci;
                while (pos < 0 && found >= 0) {
                    index--;
                    found = residentIndex.indexOf(index);
                    if (found >= 0) {
                        pos += resident.get(found).size();
                    }
                }
                if (found < 0) {
                    break;
                }
                ci = found;
                s = pos;
            }
            lengths[b] = len;
            for (int t = 0; t < steps; t++) {
                int row = t * windows + b;
                if (t >= len) {
                    java.util.Arrays.fill(images, row * is, (row + 1) * is, 0f);
                    java.util.Arrays.fill(states, row * ss, (row + 1) * ss, 0f);
                    if (aux != null) {
                        java.util.Arrays.fill(aux, row * NetworkSpec.AUX_TARGETS, (row + 1) * NetworkSpec.AUX_TARGETS,
                                0f);
                    }
                    labels[row] = 0;
                    if (targets != null) {
                        java.util.Arrays.fill(targets, row * actions, (row + 1) * actions, 0f);
                    }
                    weights[row] = 0f;
                    continue;
                }
                // Oldest first: the walk went back in time.
                fill(resident.get(chunkAt[len - 1 - t]), sampleAt[len - 1 - t], row, images, states, aux, labels,
                        targets, weights, augment);
            }
        }
    }

    /** One sample into row {@code k} of a batch, as {@link #next} draws it. */
    private void fill(Chunk c, int s, int k, float[] images, float[] states, float[] aux, int[] labels,
                      float[] targets, float[] weights, boolean augment) {
        int is = spec.imageSize();
        int ss = spec.stateSize();
        int actions = spec.actions();
        byte[] img = java.util.Arrays.copyOfRange(c.images(), s * c.imageBytes(), (s + 1) * c.imageBytes());
        if (augment) {
            Features.image(spec, img, spec.width(), spec.height(), plain, 0);
            augmentInto(plain, images, k * is);
        } else {
            Features.image(spec, img, spec.width(), spec.height(), images, k * is);
        }
        int stride = c.stateSize();
        System.arraycopy(c.states(), s * stride, states, k * ss, ss);
        if (aux != null) {
            System.arraycopy(c.states(), s * stride + ss, aux, k * NetworkSpec.AUX_TARGETS, NetworkSpec.AUX_TARGETS);
        }
        labels[k] = c.label(s);
        if (targets != null) {
            if (temperature > 0 && stride >= spec.costsOffset() + actions) {
                dev.wayfinder.policy.net.TrainingTargets.softTarget(c.states(), s * stride + spec.costsOffset(),
                        actions, temperature, targets, k * actions);
            } else {
                java.util.Arrays.fill(targets, k * actions, (k + 1) * actions, 0f);
                targets[k * actions + labels[k]] = 1f;
            }
        }
        weights[k] = (float) (classWeight[labels[k]] * (nearWeight != 1 && near(c, s, ss) ? nearWeight : 1));
        if (actionDropout > 0 && rnd.nextDouble() < actionDropout) {
            java.util.Arrays.fill(states, k * ss + NetworkSpec.GOAL_FEATURES, k * ss + spec.plannerOffset(), 0f);
        }
    }

    /**
     * Multiplies the weight of samples with a wall or obstacle nearer than {@link #NEAR} metres ahead (in the middle
     * half of the image, by the stored depth profile) by {@code factor}: the states just before a collision are
     * few, and the ones that decide an episode.
     *
     * @param factor &gt; 0; 1 turns it off
     * @return this sampler
     */
    public BatchSampler nearWeight(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("near weight must be > 0, got " + factor);
        }
        this.nearWeight = factor;
        return this;
    }

    /**
     * Teaches the expert's preferences instead of its choice alone: targets become {@link dev.wayfinder.policy.net.TrainingTargets#softTarget} of
     * the stored action costs at this temperature (the cost's metres); 0 (the default) gives one-hot labels.
     *
     * @param temperature &gt;= 0
     * @return this sampler
     */
    public BatchSampler labelTemperature(double temperature) {
        if (!(temperature >= 0)) {
            throw new IllegalArgumentException("label temperature must be >= 0, got " + temperature);
        }
        this.temperature = temperature;
        return this;
    }

    /** Distance, metres, within which an obstacle ahead makes a sample "near" for {@link #nearWeight}. */
    public static final double NEAR = 0.6;

    private static boolean near(Chunk c, int s, int stateSize) {
        if (c.stateSize() < stateSize + NetworkSpec.AUX_TARGETS) {
            return false;
        }
        int at = s * c.stateSize() + stateSize;
        int bins = NetworkSpec.AUX_TARGETS;
        for (int b = bins / 4; b < bins - bins / 4; b++) {
            if (c.states()[at + b] * Features.MAX_DEPTH < NEAR) {
                return true;
            }
        }
        return false;
    }

    private void augmentInto(float[] src, float[] dst, int at) {
        int w = spec.width();
        int h = spec.height();
        int plane = w * h;
        int dx = maxShift == 0 ? 0 : rnd.nextInt(2 * maxShift + 1) - maxShift;
        int dy = maxShift == 0 ? 0 : rnd.nextInt(2 * maxShift + 1) - maxShift;
        float brightness = (float) (rnd.nextDouble() * 0.2 - 0.1);
        float contrast = (float) (0.8 + rnd.nextDouble() * 0.4);
        for (int c = 0; c < NetworkSpec.IMAGE_CHANNELS; c++) {
            float gain = (float) (0.9 + rnd.nextDouble() * 0.2);
            for (int y = 0; y < h; y++) {
                int sy = Math.max(0, Math.min(h - 1, y + dy));
                for (int x = 0; x < w; x++) {
                    int sx = Math.max(0, Math.min(w - 1, x + dx));
                    float v = src[c * plane + sy * w + sx];
                    v = (v * contrast + brightness) * gain;
                    dst[at + c * plane + y * w + x] = Math.max(-0.5f, Math.min(0.5f, v));
                }
            }
        }
    }
}
