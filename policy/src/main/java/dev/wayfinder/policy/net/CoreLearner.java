package dev.wayfinder.policy.net;

import dev.wayfinder.inference.train.Adam;
import dev.wayfinder.inference.train.TrainKernels;
import dev.wayfinder.inference.train.WorkSplit;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient steps on a feed-forward policy network with inference-core's own kernels ({@link TrainKernels},
 * {@link Adam}): the same network, loss and update as {@link DjlLearner} ({@code CoreLearnerParityTest} holds the
 * gradients and a run of steps to DJL's), with no native engine. Each convolution over the batch is one matrix
 * product on channel-major activations; the patches gathered in the forward pass are kept for the weight gradient.
 * Buffers are sized for the batch of the first step and made again for another size. The convolutions' kernels may
 * run split over several threads ({@link WorkSplit}); calls come from one thread at a time.
 */
public final class CoreLearner implements Learner {
    /**
     * Gradients are clipped element-wise to [-CLIP, CLIP] before the update: the bound {@link DjlLearner} gives its
     * Adam, which clamps only from above.
     */
    public static final float CLIP = 5f;
    /** Pieces a convolution's tiles are cut into for the threads (a fixed count: the same bits on any number). */
    private static final int CHUNKS = 32;

    private final NetworkSpec spec;
    private final float learningRate;
    private final float weightDecay;
    private final float auxWeight;
    private final boolean auxHead;
    private final Map<String, float[]> params = new LinkedHashMap<>();
    private final Map<String, float[]> grads = new LinkedHashMap<>();
    private final Map<String, Adam> moments = new LinkedHashMap<>();
    private final int layers;
    private final int[] cin;
    private final int[] cout;
    private final int[] side;
    private final int[] sideW;
    private final int flat;
    private final int stateIn;
    private final int zWidth;
    private final WorkSplit split;
    private float lastAuxLoss = Float.NaN;
    private Buffers buf;

    /**
     * @param initial      starting weights (a feed-forward network)
     * @param learningRate Adam step size, &gt; 0
     * @param weightDecay  L2 weight decay, &gt;= 0
     * @param auxWeight    weight of the auxiliary depth-profile loss, &gt;= 0 (0: no training-only head)
     * @throws IllegalArgumentException for a recurrent network or a bad setting
     */
    public CoreLearner(PolicyWeights initial, float learningRate, float weightDecay, float auxWeight) {
        this(initial, learningRate, weightDecay, auxWeight, 1);
    }

    /**
     * As {@link #CoreLearner(PolicyWeights, float, float, float)}, with the convolutions' kernels split over
     * {@code threads} threads (the caller's and helpers'; the same results as one thread, bit for bit).
     */
    public CoreLearner(PolicyWeights initial, float learningRate, float weightDecay, float auxWeight, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(auxWeight >= 0)) {
            throw new IllegalArgumentException("auxiliary loss weight must be >= 0, got " + auxWeight);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + weightDecay);
        }
        this.spec = initial.spec();
        if (spec.recurrent()) {
            throw new IllegalArgumentException("the core learner trains feed-forward networks; this one has a GRU"
                    + " cell of " + spec.recurrentUnits() + " units (use the DJL learner)");
        }
        TrainKernels.lanes(); // fails here, not mid-step, without the vector module
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        this.auxWeight = auxWeight;
        this.layers = spec.convChannels().size();
        this.cin = new int[layers];
        this.cout = new int[layers];
        this.side = new int[layers];
        this.sideW = new int[layers];
        for (int i = 0; i < layers; i++) {
            cin[i] = spec.convIn(i);
            cout[i] = spec.convChannels().get(i);
            side[i] = spec.height() >> i;
            sideW[i] = spec.width() >> i;
        }
        this.flat = spec.flatFeatures();
        this.stateIn = spec.stateSize();
        this.zWidth = flat + stateIn;
        for (String name : initial.names()) {
            params.put(name, initial.get(name));
        }
        this.auxHead = spec.memorySectors() > 0 || auxWeight > 0;
        if (auxHead && spec.memorySectors() == 0) {
            // Training-only head, started at zero as DJL's block initialises it.
            params.put("aux.weight", new float[NetworkSpec.AUX_TARGETS * flat]);
            params.put("aux.bias", new float[NetworkSpec.AUX_TARGETS]);
        }
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            grads.put(e.getKey(), new float[e.getValue().length]);
            moments.put(e.getKey(), new Adam(e.getValue().length));
        }
        this.split = new WorkSplit(threads, "core-learner");
    }

    /** Per-batch-size working memory. */
    private final class Buffers {
        final int n;
        final float[][] cols = new float[layers][];
        final float[][] y = new float[layers][];
        final float[][] dy = new float[layers][];
        final float[] dcols;
        final float[] partial;
        final float[] wT;
        final float[] f;
        final float[] z;
        final float[] h;
        final float[] logits;
        final float[] aux;
        final float[] dLogits;
        final float[] dLogitsT;
        final float[] dH;
        final float[] dHT;
        final float[] dF;
        final float[] dA;
        final float[] dAT;

        Buffers(int n) {
            this.n = n;
            int dcolsMax = 0;
            int wTMax = 0;
            for (int i = 0; i < layers; i++) {
                int p = TrainKernels.padded(n * (side[i] / 2) * (sideW[i] / 2));
                cols[i] = new float[cin[i] * 9 * p];
                y[i] = new float[cout[i] * p];
                dy[i] = new float[cout[i] * p];
                if (i > 0) {
                    dcolsMax = Math.max(dcolsMax, cin[i] * 9 * p);
                    wTMax = Math.max(wTMax, cin[i] * 9 * cout[i]);
                }
            }
            dcols = new float[dcolsMax];
            int partialMax = 0;
            for (int i = 0; i < layers; i++) {
                int pp = TrainKernels.padded(n * (side[i] / 2) * (sideW[i] / 2));
                int pieces = (pp + TrainKernels.weightGradChunk() - 1) / TrainKernels.weightGradChunk();
                partialMax = Math.max(partialMax, pieces * cout[i] * cin[i] * 9);
            }
            partial = new float[partialMax];
            wT = new float[wTMax];
            f = new float[n * flat];
            z = new float[n * zWidth];
            h = new float[n * spec.hidden()];
            logits = new float[n * spec.actions()];
            aux = new float[n * NetworkSpec.AUX_TARGETS];
            dLogits = new float[n * spec.actions()];
            dLogitsT = new float[n * spec.actions()];
            dH = new float[n * spec.hidden()];
            dHT = new float[n * spec.hidden()];
            dF = new float[n * flat];
            dA = new float[n * NetworkSpec.AUX_TARGETS];
            dAT = new float[n * NetworkSpec.AUX_TARGETS];
        }
    }

    private Buffers buffers(int n) {
        if (buf == null || buf.n != n) {
            buf = new Buffers(n);
        }
        return buf;
    }

    @Override
    public float step(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights,
                      int n) {
        float loss = gradients(images, states, aux, labels, targets, weights, n);
        for (Map.Entry<String, float[]> e : params.entrySet()) {
            moments.get(e.getKey()).update(e.getValue(), grads.get(e.getKey()), learningRate, weightDecay, CLIP);
        }
        return loss;
    }

    /**
     * The loss of a batch and every parameter's gradient (read with {@link #gradient}), without an update.
     * Arguments as {@link #step}.
     */
    public float gradients(float[] images, float[] states, float[] aux, int[] labels, float[] targets,
                           float[] weights, int n) {
        check(images, n * spec.imageSize(), "images");
        check(states, n * spec.stateSize(), "states");
        check(weights, n, "weights");
        if (targets != null) {
            check(targets, n * spec.actions(), "targets");
        } else if (labels == null || labels.length < n) {
            throw new IllegalArgumentException("need " + n + " labels");
        }
        Buffers b = buffers(n);
        forward(b, images, states);
        float loss = lossGradient(b, labels, targets, weights);
        boolean auxLoss = auxHead && auxWeight > 0 && aux != null;
        if (auxLoss) {
            check(aux, n * NetworkSpec.AUX_TARGETS, "auxiliary targets");
            lastAuxLoss = auxGradient(b, aux);
        }
        backward(b, auxLoss);
        return loss;
    }

    /** A copy of parameter {@code name}'s gradient from the last {@link #gradients} or {@link #step}. */
    public float[] gradient(String name) {
        float[] g = grads.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no parameter named " + name);
        }
        return g.clone();
    }

    /** The trained parameters' names, the training-only auxiliary head's included. */
    public List<String> parameterNames() {
        return List.copyOf(params.keySet());
    }

    private void forward(Buffers b, float[] images, float[] states) {
        int n = b.n;
        float[] src = images;
        int chanStride = spec.height() * spec.width();
        int imageStride = NetworkSpec.IMAGE_CHANNELS * chanStride;
        for (int i = 0; i < layers; i++) {
            int oh = side[i] / 2;
            int ow = sideW[i] / 2;
            int pp = TrainKernels.padded(n * oh * ow);
            int k = cin[i] * 9;
            float[] in = src;
            int cs = chanStride;
            int is = imageStride;
            int layer = i;
            float[] w = params.get("conv" + i + ".weight");
            float[] bias = params.get("conv" + i + ".bias");
            int tiles = pp / TrainKernels.tile();
            int chunks = Math.min(tiles, CHUNKS);
            split.run(chunks, c -> {
                int t0 = WorkSplit.from(tiles, c, chunks);
                int t1 = WorkSplit.from(tiles, c + 1, chunks);
                TrainKernels.im2col(in, 0, cs, is, cin[layer], n, side[layer], sideW[layer], b.cols[layer], t0, t1);
                TrainKernels.convForward(w, b.cols[layer], bias, b.y[layer], cout[layer], k, pp, t0, t1);
            });
            src = b.y[i];
            chanStride = pp;
            imageStride = oh * ow;
        }
        // Flatten per sample in NCHW order: f[s][c * hw + t] = y[c][s * hw + t].
        int hw = spec.featureHeight() * spec.featureWidth();
        float[] last = b.y[layers - 1];
        int c = cout[layers - 1];
        int lastStride = TrainKernels.padded(n * hw);
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(last, ch * lastStride + s * hw, b.f, s * flat + ch * hw, hw);
            }
            System.arraycopy(b.f, s * flat, b.z, s * zWidth, flat);
            System.arraycopy(states, s * stateIn, b.z, s * zWidth + flat, stateIn);
        }
        int hidden = spec.hidden();
        int actions = spec.actions();
        TrainKernels.matmulNT(b.z, 0, zWidth, params.get("fc.weight"), 0, zWidth, b.h, 0, hidden, n, hidden, zWidth,
                false);
        float[] fcBias = params.get("fc.bias");
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < hidden; o++) {
                b.h[s * hidden + o] = Math.max(0f, b.h[s * hidden + o] + fcBias[o]);
            }
        }
        TrainKernels.matmulNT(b.h, 0, hidden, params.get("out.weight"), 0, hidden, b.logits, 0, actions, n, actions,
                hidden, false);
        addBias(b.logits, params.get("out.bias"), n, actions);
        if (auxHead) {
            int t = NetworkSpec.AUX_TARGETS;
            TrainKernels.matmulNT(b.f, 0, flat, params.get("aux.weight"), 0, flat, b.aux, 0, t, n, t, flat, false);
            addBias(b.aux, params.get("aux.bias"), n, t);
        }
    }

    private static void addBias(float[] x, float[] bias, int n, int width) {
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < width; o++) {
                x[s * width + o] += bias[o];
            }
        }
    }

    /** The weighted cross-entropy and its gradient with respect to the logits (into dLogits). */
    private float lossGradient(Buffers b, int[] labels, float[] targets, float[] weights) {
        int n = b.n;
        int actions = spec.actions();
        float weightSum = 0f;
        for (int s = 0; s < n; s++) {
            weightSum += weights[s];
        }
        weightSum += 1e-6f;
        double loss = 0;
        double[] logp = new double[actions];
        for (int s = 0; s < n; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < actions; a++) {
                max = Math.max(max, b.logits[s * actions + a]);
            }
            double sum = 0;
            for (int a = 0; a < actions; a++) {
                sum += Math.exp(b.logits[s * actions + a] - max);
            }
            double logSum = max + Math.log(sum);
            double targetSum = 0;
            double picked = 0;
            for (int a = 0; a < actions; a++) {
                logp[a] = b.logits[s * actions + a] - logSum;
                double t = target(labels, targets, s, a, actions);
                targetSum += t;
                picked += t * logp[a];
            }
            loss -= weights[s] * picked;
            double scale = weights[s] / weightSum;
            for (int a = 0; a < actions; a++) {
                double t = target(labels, targets, s, a, actions);
                b.dLogits[s * actions + a] = (float) (scale * (Math.exp(logp[a]) * targetSum - t));
            }
        }
        return (float) (loss / weightSum);
    }

    private static double target(int[] labels, float[] targets, int s, int a, int actions) {
        if (targets != null) {
            return targets[s * actions + a];
        }
        return labels[s] == a ? 1 : 0;
    }

    /** The auxiliary mean squared error and its weighted gradient with respect to the head's output (into dA). */
    private float auxGradient(Buffers b, float[] aux) {
        int count = b.n * NetworkSpec.AUX_TARGETS;
        double sum = 0;
        for (int i = 0; i < count; i++) {
            float d = b.aux[i] - aux[i];
            sum += (double) d * d;
            b.dA[i] = auxWeight * 2f * d / count;
        }
        return (float) (sum / count);
    }

    private void backward(Buffers b, boolean auxLoss) {
        int n = b.n;
        int hidden = spec.hidden();
        int actions = spec.actions();
        // Output layer.
        transpose(b.dLogits, n, actions, b.dLogitsT);
        TrainKernels.matmul(b.dLogitsT, 0, n, b.h, 0, hidden, grads.get("out.weight"), 0, hidden, actions, n, hidden,
                null, false, false);
        columnSums(b.dLogits, n, actions, grads.get("out.bias"));
        TrainKernels.matmul(b.dLogits, 0, actions, params.get("out.weight"), 0, hidden, b.dH, 0, hidden, n, actions,
                hidden, null, false, false);
        // Hidden layer (its ReLU, then the product with [features, state]).
        for (int i = 0; i < n * hidden; i++) {
            if (b.h[i] <= 0f) {
                b.dH[i] = 0f;
            }
        }
        columnSums(b.dH, n, hidden, grads.get("fc.bias"));
        transpose(b.dH, n, hidden, b.dHT);
        TrainKernels.matmul(b.dHT, 0, n, b.z, 0, zWidth, grads.get("fc.weight"), 0, zWidth, hidden, n, zWidth, null,
                false, false);
        TrainKernels.matmul(b.dH, 0, hidden, params.get("fc.weight"), 0, zWidth, b.dF, 0, flat, n, hidden, flat,
                null, false, false);
        // The depth-profile head reads the same features.
        if (auxHead) {
            int t = NetworkSpec.AUX_TARGETS;
            if (auxLoss) {
                transpose(b.dA, n, t, b.dAT);
                TrainKernels.matmul(b.dAT, 0, n, b.f, 0, flat, grads.get("aux.weight"), 0, flat, t, n, flat, null,
                        false, false);
                columnSums(b.dA, n, t, grads.get("aux.bias"));
                TrainKernels.matmul(b.dA, 0, t, params.get("aux.weight"), 0, flat, b.dF, 0, flat, n, t, flat, null,
                        false, true);
            } else {
                Arrays.fill(grads.get("aux.weight"), 0f);
                Arrays.fill(grads.get("aux.bias"), 0f);
            }
        }
        // Back to the last convolution's channel-major output (its padding columns stay 0).
        int hw = spec.featureHeight() * spec.featureWidth();
        int c = cout[layers - 1];
        float[] dLast = b.dy[layers - 1];
        int lastStride = TrainKernels.padded(n * hw);
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                System.arraycopy(b.dF, s * flat + ch * hw, dLast, ch * lastStride + s * hw, hw);
            }
        }
        for (int i = layers - 1; i >= 0; i--) {
            int pp = TrainKernels.padded(n * (side[i] / 2) * (sideW[i] / 2));
            int k = cin[i] * 9;
            int layer = i;
            float[] biasGrad = grads.get("conv" + i + ".bias");
            float[] weightGrad = grads.get("conv" + i + ".weight");
            int m = cout[i];
            split.run(m, r -> TrainKernels.reluBackward(b.y[layer], r * pp, b.dy[layer], r * pp, 1, pp, biasGrad, r));
            // The weight gradient in pieces of one reduction chunk each, added up in column order: the same bits
            // on any number of threads.
            int piece = TrainKernels.weightGradChunk();
            int pieces = (pp + piece - 1) / piece;
            int size = m * k;
            split.run(pieces, q -> TrainKernels.convWeightGrad(b.dy[layer], b.cols[layer], b.partial, q * size, m,
                    k, pp, q * piece, Math.min(pp, (q + 1) * piece)));
            Arrays.fill(weightGrad, 0f);
            for (int q = 0; q < pieces; q++) {
                for (int e = 0; e < size; e++) {
                    weightGrad[e] += b.partial[q * size + e];
                }
            }
            if (i > 0) {
                transpose(params.get("conv" + i + ".weight"), cout[i], k, b.wT);
                float[] below = b.dy[i - 1];
                int belowStride = TrainKernels.padded(n * side[i] * sideW[i]);
                int tiles = pp / TrainKernels.tile();
                int chunks = Math.min(tiles, CHUNKS);
                split.run(chunks, q -> TrainKernels.convInputGrad(b.wT, b.dy[layer], b.dcols, m, k, pp,
                        WorkSplit.from(tiles, q, chunks), WorkSplit.from(tiles, q + 1, chunks)));
                Arrays.fill(below, 0f);
                split.run(cin[layer], q -> TrainKernels.col2im(b.dcols, cin[layer], n, side[layer], sideW[layer],
                        below, 0, belowStride, q, q + 1));
            }
        }
    }

    private static void transpose(float[] a, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
    }

    private static void columnSums(float[] a, int rows, int cols, float[] out) {
        Arrays.fill(out, 0f);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c] += a[r * cols + c];
            }
        }
    }

    private static void check(float[] a, int len, String what) {
        if (a == null || a.length < len) {
            throw new IllegalArgumentException("need " + len + " floats of " + what + ", got "
                    + (a == null ? "none" : a.length));
        }
    }

    @Override
    public float stepSequence(float[] images, float[] states, float[] aux, int[] labels, float[] targets,
                              float[] weights, int[] lengths, int windows, int steps) {
        throw new UnsupportedOperationException("the core learner trains feed-forward networks; a recurrent one"
                + " trains with the DJL learner");
    }

    @Override
    public float lastAuxLoss() {
        return lastAuxLoss;
    }

    @Override
    public PolicyWeights weights() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (String name : PolicyWeights.shapes(spec).keySet()) {
            m.put(name, params.get(name));
        }
        return PolicyWeights.of(spec, m);
    }

    @Override
    public void load(PolicyWeights w) {
        if (!w.spec().equals(spec)) {
            throw new IllegalArgumentException("weights are for " + w.spec() + ", this learner is " + spec);
        }
        for (String name : w.names()) {
            System.arraycopy(w.get(name), 0, params.get(name), 0, params.get(name).length);
        }
    }

    @Override
    public String description() {
        return "inference-core kernels (" + TrainKernels.lanes() + "-float vectors, " + split.threads()
                + (split.threads() == 1 ? " thread)" : " threads)");
    }

    @Override
    public void close() {
        buf = null;
        split.close();
    }
}
