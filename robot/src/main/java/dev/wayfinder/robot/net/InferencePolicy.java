package dev.wayfinder.robot.net;

import dev.wayfinder.inference.compile.Calibration;
import dev.wayfinder.inference.compile.ExecutionContext;
import dev.wayfinder.inference.compile.ExecutionPlan;
import dev.wayfinder.inference.graph.Graph;

/**
 * A policy compiled for inference-core at a fixed batch size: fill {@link #images()} and {@link #states()}
 * (see {@link Features}), {@link #run()}, read {@link #logits()} (and, for a network with obstacle memory,
 * {@link #depthProfile()}; for a recurrent network {@link #hidden()}, the new hidden state that the next step's state
 * vector carries). Not thread-safe (one context).
 */
public final class InferencePolicy {
    private final NetworkSpec spec;
    private final Graph graph;
    private final ExecutionContext context;
    private final float[] images;
    private final float[] states;
    private final float[] logits;
    private final float[] depth;
    private final float[] hidden;
    private final int hiddenOutput;
    private final int batch;

    /**
     * Compiles {@code weights} for {@code batch} (&gt;= 1) on the backend {@link Calibration} picks (the CPU unless a
     * GPU backend is available and measured faster, or {@code -Dwayfinder.inference.backend} names one).
     */
    public InferencePolicy(PolicyWeights weights, int batch) {
        this(PolicyGraph.build(weights), weights.spec(), batch);
    }

    /** Compiles {@code graph} (of {@code spec}'s layout, e.g. read from a model file) for {@code batch}. */
    public InferencePolicy(Graph graph, NetworkSpec spec, int batch) {
        this.spec = spec;
        this.graph = graph;
        this.batch = batch;
        ExecutionPlan plan;
        try {
            plan = Calibration.compile(graph, batch);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("policy graph does not compile: " + e.getMessage(), e);
        }
        this.context = plan.newContext();
        this.images = new float[batch * spec.imageSize()];
        this.states = new float[batch * spec.stateSize()];
        this.logits = new float[batch * spec.actions()];
        this.depth = spec.memorySectors() > 0 ? new float[batch * NetworkSpec.AUX_TARGETS] : new float[0];
        this.hidden = new float[batch * spec.recurrentUnits()];
        this.hiddenOutput = spec.memorySectors() > 0 ? 2 : 1;
        int outputs = 1 + (spec.memorySectors() > 0 ? 1 : 0) + (spec.recurrent() ? 1 : 0);
        if (graph.outputs().size() != outputs) {
            throw new IllegalArgumentException("a policy graph of " + spec + " has " + outputs + " outputs, this one has "
                    + graph.outputs().size());
        }
    }

    /** The network shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** Batch size. */
    public int batch() {
        return batch;
    }

    /**
     * The same network compiled anew for {@code batch} rows, with its own inputs and outputs (to run beside this one
     * on another thread). On the CPU backend each row's outputs do not depend on the batch when both batches are
     * multiples of 4.
     */
    public InferencePolicy withBatch(int batch) {
        return new InferencePolicy(graph, spec, batch);
    }

    /** Input images, batch x 3 x H x W; live. */
    public float[] images() {
        return images;
    }

    /** Input states, batch x S; live. */
    public float[] states() {
        return states;
    }

    /** Runs the network; returns the live logits, batch x actions. */
    public float[] run() {
        context.setInput(0, images);
        context.setInput(1, states);
        context.run();
        context.getOutput(0, logits);
        if (depth.length > 0) {
            context.getOutput(1, depth);
        }
        if (hidden.length > 0) {
            context.getOutput(hiddenOutput, hidden);
        }
        return logits;
    }

    /**
     * The new hidden state h' of the last run, batch x {@link NetworkSpec#recurrentUnits()}: what the next step's
     * state vector carries at {@link NetworkSpec#hiddenOffset()}; live. Empty for a feed-forward network.
     */
    public float[] hidden() {
        return hidden;
    }

    /**
     * The depth profile predicted in the last run, batch x {@link NetworkSpec#AUX_TARGETS} (see
     * {@link dev.wayfinder.robot.perception.DepthObstacles}); live. Empty for a network without obstacle memory.
     */
    public float[] depthProfile() {
        return depth;
    }

    /** Logits of the last run; live. */
    public float[] logits() {
        return logits;
    }

    /** The index of the largest logit of row {@code row} of the last run. */
    public int argmax(int row) {
        int a = spec.actions();
        int best = 0;
        for (int i = 1; i < a; i++) {
            if (logits[row * a + i] > logits[row * a + best]) {
                best = i;
            }
        }
        return best;
    }
}
