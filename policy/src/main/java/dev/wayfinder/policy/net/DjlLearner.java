package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.Features;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * Gradient steps on the policy with DJL (PyTorch engine): weighted cross-entropy against expert labels, Adam.
 * DJL is used for nothing else; rollouts run on inference-core. Owns native memory until {@link #close()}.
 * Not thread-safe.
 */
public final class DjlLearner implements Learner {
    static {
        // Offline and single-threaded unless the user chose otherwise: no model-zoo downloads, and one
        // intra-op thread measured faster than two on a shared two-core machine.
        setDefault("ai.djl.offline", "true");
        setDefault("ai.djl.pytorch.num_threads", "1");
        setDefault("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private final NetworkSpec spec;
    private final NDManager manager;
    private final DjlPolicyBlock block;
    private final ParameterStore store;
    private final Optimizer optimizer;
    private final float auxWeight;
    private float lastAuxLoss = Float.NaN;

    /**
     * @param initial      starting weights
     * @param learningRate Adam step size, &gt; 0
     * @param weightDecay  L2 weight decay, &gt;= 0
     */
    public DjlLearner(PolicyWeights initial, float learningRate, float weightDecay) {
        this(initial, learningRate, weightDecay, 0f);
    }

    /**
     * @param initial      starting weights
     * @param learningRate Adam step size, &gt; 0
     * @param weightDecay  L2 weight decay, &gt;= 0
     * @param auxWeight    weight of the auxiliary depth-profile loss (mean squared error) added to the
     *                     cross-entropy, &gt;= 0; 0 trains without the auxiliary head
     */
    public DjlLearner(PolicyWeights initial, float learningRate, float weightDecay, float auxWeight) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(auxWeight >= 0)) {
            throw new IllegalArgumentException("auxiliary loss weight must be >= 0, got " + auxWeight);
        }
        this.spec = initial.spec();
        this.auxWeight = auxWeight;
        try {
            this.manager = NDManager.newBaseManager();
        } catch (EngineException e) {
            throw TorchUnavailableException.of(e);
        }
        TorchLogLevel.apply();
        this.block = new DjlPolicyBlock(spec, auxWeight > 0);
        block.initialize(manager, DataType.FLOAT32, block.inputShapes(1));
        block.load(initial);
        this.store = new ParameterStore(manager, false);
        this.optimizer = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed(learningRate))
                .optWeightDecays(weightDecay)
                .optClipGrad(5f)
                .build();
    }

    /** The engine's name and version, for logs. */
    public static String engineDescription() {
        Engine e = Engine.getInstance();
        return e.getEngineName() + " " + e.getVersion();
    }

    /**
     * One Adam step on a batch; returns the batch's mean weighted cross-entropy before the step.
     *
     * @param images  n x 3 x H x W floats (see {@link Features})
     * @param states  n x S floats
     * @param labels  n action indices
     * @param weights n sample weights (&gt;= 0, not all 0)
     */
    public float step(float[] images, float[] states, int[] labels, float[] weights, int n) {
        return step(images, states, null, labels, weights, n);
    }

    /**
     * One Adam step on a batch with auxiliary targets; returns the batch's mean weighted cross-entropy before the
     * step (the auxiliary loss is {@link #lastAuxLoss()}).
     *
     * @param aux n x {@link NetworkSpec#AUX_TARGETS} depth-profile targets; may be null (no auxiliary loss this
     *            step), ignored when this learner has no auxiliary head
     */
    public float step(float[] images, float[] states, float[] aux, int[] labels, float[] weights, int n) {
        return step(images, states, aux, labels, null, weights, n);
    }

    /**
     * One Adam step against action target distributions: the loss is the weighted cross-entropy
     * {@code -sum(target * log softmax(logits))}; with {@code targets} null, the labels one-hot.
     *
     * @param targets n x actions floats, each row summing to 1, or null
     */
    @Override
    public float step(float[] images, float[] states, float[] aux, int[] labels, float[] targets, float[] weights,
                      int n) {
        float value = backward(images, states, aux, labels, targets, weights, n);
        applyGradients();
        return value;
    }

    /**
     * The loss of a batch and every trained parameter's gradient by name (the training-only auxiliary head's
     * included), without an update; arguments as {@link #step}. For comparing learners.
     */
    public java.util.Map<String, float[]> gradients(float[] images, float[] states, float[] aux, int[] labels,
                                                    float[] targets, float[] weights, int n) {
        backward(images, states, aux, labels, targets, weights, n);
        java.util.Map<String, float[]> out = new java.util.LinkedHashMap<>();
        java.util.List<Parameter> params = new java.util.ArrayList<>(block.parametersByName().values());
        params.addAll(block.auxParameters());
        for (Parameter p : params) {
            NDArray g = p.getArray().getGradient();
            out.put(p.getName(), g.toFloatArray());
            g.subi(g);
        }
        return out;
    }

    /** Forward and backward pass of a batch: leaves the gradients on the parameters, returns the loss. */
    private float backward(float[] images, float[] states, float[] aux, int[] labels, float[] targets,
                           float[] weights, int n) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            NDArray target = target(sub, labels, targets, n);
            NDArray wt = sub.create(exact(weights, n), new Shape(n));
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forward(store, new NDList(img, st), true);
                NDArray logp = out.get(0).logSoftmax(1);
                NDArray picked = logp.mul(target).sum(new int[] {1});
                NDArray loss = picked.mul(wt).sum().neg().div(wt.sum().add(1e-6f));
                value = loss.getFloat();
                if (auxWeight > 0 && aux != null) {
                    NDArray auxTarget = sub.create(exact(aux, n * NetworkSpec.AUX_TARGETS),
                            new Shape(n, NetworkSpec.AUX_TARGETS));
                    NDArray mse = out.get(1).sub(auxTarget).square().mean();
                    lastAuxLoss = mse.getFloat();
                    loss = loss.add(mse.mul(auxWeight));
                }
                gc.backward(loss);
            }
            return value;
        }
    }

    /** The action targets: {@code targets} (n x actions distributions) when given, else the labels one-hot. */
    private NDArray target(NDManager sub, int[] labels, float[] targets, int n) {
        if (targets != null) {
            return sub.create(exact(targets, n * spec.actions()), new Shape(n, spec.actions()));
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = labels[i];
        }
        return sub.create(l, new Shape(n)).oneHot(spec.actions());
    }

    /** One Adam update of every trained parameter (the auxiliary head's too) from its gradient, then zeroes it. */
    private void applyGradients() {
        java.util.List<Parameter> params = new java.util.ArrayList<>(block.parametersByName().values());
        params.addAll(block.auxParameters());
        for (Parameter p : params) {
            NDArray w = p.getArray();
            NDArray g = w.getGradient();
            optimizer.update(p.getId(), w, g);
            g.subi(g);
        }
    }

    /**
     * One Adam step of truncated backpropagation through time on {@code windows} sequences of up to {@code steps}
     * consecutive samples each, time-major (row {@code t * windows + b} is step t of sequence b; see
     * {@link DjlPolicyBlock#forwardSequence}): the GRU cell is unrolled from each sequence's first stored hidden
     * state, and the loss is the weighted cross-entropy over every step that {@code lengths} marks as present
     * (padding rows count for nothing, also in the auxiliary loss). Returns the mean weighted cross-entropy before
     * the step.
     *
     * @param lengths per sequence, the steps present (1..steps); rows past a sequence's length are padding
     */
    @Override
    public float stepSequence(float[] images, float[] states, float[] aux, int[] labels, float[] targets,
                              float[] weights, int[] lengths, int windows, int steps) {
        int n = windows * steps;
        float[] mask = new float[n];
        for (int b = 0; b < windows; b++) {
            if (lengths[b] < 1 || lengths[b] > steps) {
                throw new IllegalArgumentException("sequence " + b + " has " + lengths[b] + " steps, expected 1.."
                        + steps);
            }
            for (int t = 0; t < lengths[b]; t++) {
                mask[t * windows + b] = 1f;
            }
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            NDArray target = target(sub, labels, targets, n);
            float[] masked = new float[n];
            for (int i = 0; i < n; i++) {
                masked[i] = weights[i] * mask[i];
            }
            NDArray wt = sub.create(masked, new Shape(n));
            NDArray present = sub.create(mask, new Shape(n, 1));
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = block.forwardSequence(store, img, st, steps, windows, true);
                NDArray logp = out.get(0).logSoftmax(1);
                NDArray picked = logp.mul(target).sum(new int[] {1});
                NDArray loss = picked.mul(wt).sum().neg().div(wt.sum().add(1e-6f));
                value = loss.getFloat();
                if (auxWeight > 0 && aux != null) {
                    NDArray auxTarget = sub.create(exact(aux, n * NetworkSpec.AUX_TARGETS),
                            new Shape(n, NetworkSpec.AUX_TARGETS));
                    NDArray mse = out.get(1).sub(auxTarget).square().mul(present).sum()
                            .div(present.sum().mul(NetworkSpec.AUX_TARGETS));
                    lastAuxLoss = mse.getFloat();
                    loss = loss.add(mse.mul(auxWeight));
                }
                gc.backward(loss);
            }
            applyGradients();
            return value;
        }
    }

    /**
     * Logits of {@code windows} sequences of {@code steps} steps, time-major, the GRU unrolled from each sequence's
     * first stored hidden state as in {@link #stepSequence} (no gradient).
     */
    public float[] sequenceLogits(float[] images, float[] states, int windows, int steps) {
        int n = windows * steps;
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            return block.forwardSequence(store, img, st, steps, windows, false).get(0).toFloatArray();
        }
    }

    /**
     * A recurrent network's new hidden state for a batch, n x {@link NetworkSpec#recurrentUnits()} (no gradient).
     *
     * @throws IllegalStateException for a feed-forward network
     */
    public float[] hidden(float[] images, float[] states, int n) {
        if (!spec.recurrent()) {
            throw new IllegalStateException("this network is not recurrent");
        }
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            NDList out = block.forward(store, new NDList(img, st), false);
            return out.get(out.size() - 1).toFloatArray();
        }
    }

    /** Logits of a batch, n x actions (no gradient). */
    public float[] logits(float[] images, float[] states, int n) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            return block.forward(store, new NDList(img, st), false).get(0).toFloatArray();
        }
    }

    /**
     * The predicted depth profile of a batch, n x {@link NetworkSpec#AUX_TARGETS} (no gradient).
     *
     * @throws IllegalStateException when the network has no depth-profile head (no memory, no auxiliary loss)
     */
    public float[] depthProfile(float[] images, float[] states, int n) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray img = sub.create(exact(images, n * spec.imageSize()),
                    new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()));
            NDArray st = sub.create(exact(states, n * spec.stateSize()), new Shape(n, spec.stateSize()));
            NDList out = block.forward(store, new NDList(img, st), false);
            if (out.size() < (spec.recurrent() ? 3 : 2)) {
                throw new IllegalStateException("this network has no depth-profile head");
            }
            return out.get(1).toFloatArray();
        }
    }

    private static float[] exact(float[] a, int len) {
        if (a.length < len) {
            throw new IllegalArgumentException("need " + len + " floats, got " + a.length);
        }
        return a.length == len ? a : java.util.Arrays.copyOf(a, len);
    }

    @Override
    public float lastAuxLoss() {
        return lastAuxLoss;
    }

    @Override
    public PolicyWeights weights() {
        return block.weights();
    }

    @Override
    public void load(PolicyWeights w) {
        block.load(w);
    }

    @Override
    public String description() {
        return engineDescription() + " through DJL";
    }

    @Override
    public void close() {
        manager.close();
    }
}
