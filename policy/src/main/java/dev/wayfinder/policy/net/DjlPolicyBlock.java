package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.PolicyGraph;
import dev.wayfinder.robot.net.Features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The policy network as a DJL block, for gradient steps. Inputs: image [N, 3, H, W] and state [N, S] (see
 * {@link Features}); outputs: logits [N, actions], then the depth profile [N, {@link NetworkSpec#AUX_TARGETS}] when
 * the block has that head, then for a recurrent network the new hidden state h' [N, R]. Its parameters carry the
 * names and layouts of {@link PolicyWeights}, so {@link #load} and {@link #weights()} move values losslessly between
 * DJL and inference-core ({@link PolicyGraph} applies the same operators in the same order).
 *
 * <p>{@link #forwardSequence} unrolls a recurrent network over time for truncated backpropagation through time: the
 * convolutions and the dense layer run on every step at once, the GRU cell step by step from the first step's stored
 * hidden state.
 */
public final class DjlPolicyBlock extends AbstractBlock {
    private static final Shape STRIDE = new Shape(2, 2);
    private static final Shape PAD = new Shape(1, 1);
    private static final Shape DILATION = new Shape(1, 1);

    private final NetworkSpec spec;
    private final Map<String, Parameter> byName = new LinkedHashMap<>();
    private final Parameter auxWeight;
    private final Parameter auxBias;

    /** A block of {@code spec} without the auxiliary head. */
    public DjlPolicyBlock(NetworkSpec spec) {
        this(spec, false);
    }

    /**
     * A block of {@code spec} with zero parameters; initialize it, then {@link #load} weights.
     *
     * @param auxHead also a linear head from the flattened image features to the
     *                {@link NetworkSpec#AUX_TARGETS} auxiliary depth-profile targets (training only: its
     *                parameters are not part of {@link PolicyWeights}, nothing else runs it); a network with
     *                obstacle memory always has it, as part of its weights
     */
    public DjlPolicyBlock(NetworkSpec spec, boolean auxHead) {
        super((byte) 1);
        this.spec = spec;
        for (Map.Entry<String, int[]> e : PolicyWeights.shapes(spec).entrySet()) {
            long[] d = new long[e.getValue().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = e.getValue()[i];
            }
            Parameter p = addParameter(Parameter.builder()
                    .setName(e.getKey())
                    .setType(PolicyWeights.isWeight(e.getKey()) ? Parameter.Type.WEIGHT : Parameter.Type.BIAS)
                    .optShape(new Shape(d))
                    .optInitializer(Initializer.ZEROS)
                    .build());
            byName.put(e.getKey(), p);
        }
        if (spec.memorySectors() > 0) {
            // Part of the policy's weights (it feeds the obstacle memory), so always present and saved.
            auxWeight = byName.get("aux.weight");
            auxBias = byName.get("aux.bias");
        } else if (auxHead) {
            auxWeight = addParameter(Parameter.builder().setName("aux.weight").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(NetworkSpec.AUX_TARGETS, spec.flatFeatures()))
                    .optInitializer(Initializer.ZEROS).build());
            auxBias = addParameter(Parameter.builder().setName("aux.bias").setType(Parameter.Type.BIAS)
                    .optShape(new Shape(NetworkSpec.AUX_TARGETS)).optInitializer(Initializer.ZEROS).build());
        } else {
            auxWeight = null;
            auxBias = null;
        }
    }

    /**
     * The training-only auxiliary head's parameters (weight, bias); empty without one, and empty for a network with
     * obstacle memory, whose head is among {@link #parametersByName()}.
     */
    public java.util.List<Parameter> auxParameters() {
        return auxWeight == null || spec.memorySectors() > 0 ? java.util.List.of()
                : java.util.List.of(auxWeight, auxBias);
    }

    /** The network shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The parameters by {@link PolicyWeights} name, in order. */
    public Map<String, Parameter> parametersByName() {
        return byName;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray state = inputs.get(1);
        NDList out = forwardSequence(ps, inputs.get(0), state, 1, (int) state.getShape().get(0), training);
        if (!spec.recurrent()) {
            return out;
        }
        NDList withHidden = new NDList(out);
        withHidden.add(lastHidden);
        return withHidden;
    }

    /** The hidden state after the last step of the last {@link #forwardSequence}; set by it. */
    private NDArray lastHidden;

    /**
     * The network over {@code steps} time steps of {@code windows} sequences, time-major (row {@code t * windows + b}
     * is step t of sequence b). A feed-forward network treats every row alone (as {@link #forward}); a recurrent one
     * starts each sequence from the hidden state stored in its first step's state and carries its own h' from step to
     * step, ignoring the hidden state stored in the later steps' states. Outputs: logits [steps * windows, actions],
     * then the depth profile when the block has that head.
     */
    public NDList forwardSequence(ParameterStore ps, NDArray images, NDArray states, int steps, int windows,
                                  boolean training) {
        NDArray x = images;
        Device dev = x.getDevice();
        for (int i = 0; i < spec.convChannels().size(); i++) {
            NDArray w = ps.getValue(byName.get("conv" + i + ".weight"), dev, training);
            NDArray b = ps.getValue(byName.get("conv" + i + ".bias"), dev, training);
            x = Activation.relu(Conv2d.conv2d(x, w, b, STRIDE, PAD, DILATION, 1).singletonOrThrow());
        }
        x = x.reshape(new Shape(x.getShape().get(0), -1));
        NDArray aux = auxWeight == null ? null : Linear.linear(x, ps.getValue(auxWeight, dev, training),
                ps.getValue(auxBias, dev, training)).singletonOrThrow();
        NDArray inputState = spec.recurrent() ? states.get(":, 0:" + spec.hiddenOffset()) : states;
        x = NDArrays.concat(new NDList(x, inputState), 1);
        x = Activation.relu(Linear.linear(x, ps.getValue(byName.get("fc.weight"), dev, training),
                ps.getValue(byName.get("fc.bias"), dev, training)).singletonOrThrow());
        if (spec.recurrent()) {
            x = unroll(ps, x, states, steps, windows, dev, training);
        }
        x = Linear.linear(x, ps.getValue(byName.get("out.weight"), dev, training),
                ps.getValue(byName.get("out.bias"), dev, training)).singletonOrThrow();
        return aux == null ? new NDList(x) : new NDList(x, aux);
    }

    /** The GRU cell over the steps; returns every step's h', time-major. */
    private NDArray unroll(ParameterStore ps, NDArray x, NDArray states, int steps, int windows, Device dev,
                           boolean training) {
        NDArray wz = gru(ps, "gru.wz", dev, training);
        NDArray wr = gru(ps, "gru.wr", dev, training);
        NDArray wn = gru(ps, "gru.wn", dev, training);
        NDArray uz = gru(ps, "gru.uz", dev, training);
        NDArray ur = gru(ps, "gru.ur", dev, training);
        NDArray un = gru(ps, "gru.un", dev, training);
        NDArray bz = gru(ps, "gru.bz", dev, training);
        NDArray br = gru(ps, "gru.br", dev, training);
        NDArray bnIn = gru(ps, "gru.bn_in", dev, training);
        NDArray bnH = gru(ps, "gru.bn_h", dev, training);
        // The input-side products of every step at once.
        NDArray xz = Linear.linear(x, wz, bz).singletonOrThrow();
        NDArray xr = Linear.linear(x, wr, br).singletonOrThrow();
        NDArray xn = Linear.linear(x, wn, bnIn).singletonOrThrow();
        NDArray h = states.get("0:" + windows + ", " + spec.hiddenOffset() + ":");
        NDList out = new NDList();
        for (int t = 0; t < steps; t++) {
            String rows = t * windows + ":" + (t + 1) * windows;
            NDArray z = Activation.sigmoid(xz.get(rows).add(Linear.linear(h, uz).singletonOrThrow()));
            NDArray r = Activation.sigmoid(xr.get(rows).add(Linear.linear(h, ur).singletonOrThrow()));
            NDArray n = Activation.tanh(xn.get(rows).add(r.mul(Linear.linear(h, un, bnH).singletonOrThrow())));
            // h' = (1 - z) n + z h
            h = n.add(z.mul(h.sub(n)));
            out.add(h);
        }
        lastHidden = h;
        return steps == 1 ? h : NDArrays.concat(out, 0);
    }

    private NDArray gru(ParameterStore ps, String name, Device dev, boolean training) {
        return ps.getValue(byName.get(name), dev, training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape logits = new Shape(inputShapes[0].get(0), spec.actions());
        java.util.List<Shape> out = new java.util.ArrayList<>(java.util.List.of(logits));
        if (auxWeight != null) {
            out.add(new Shape(inputShapes[0].get(0), NetworkSpec.AUX_TARGETS));
        }
        if (spec.recurrent()) {
            out.add(new Shape(inputShapes[0].get(0), spec.recurrentUnits()));
        }
        return out.toArray(new Shape[0]);
    }

    /** Input shapes for {@link #initialize} at batch {@code n}. */
    public Shape[] inputShapes(int n) {
        return new Shape[] {new Shape(n, NetworkSpec.IMAGE_CHANNELS, spec.height(), spec.width()),
                new Shape(n, spec.stateSize())};
    }

    /** Overwrites the (initialized) parameters with {@code w}, which must be of this block's spec. */
    public void load(PolicyWeights w) {
        if (!w.spec().equals(spec)) {
            throw new IllegalArgumentException("weights are for " + w.spec() + ", this block is " + spec);
        }
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            e.getValue().getArray().set(FloatBuffer.wrap(w.get(e.getKey())));
        }
    }

    /** A snapshot of the current parameter values. */
    public PolicyWeights weights() {
        Map<String, float[]> m = new LinkedHashMap<>();
        for (Map.Entry<String, Parameter> e : byName.entrySet()) {
            m.put(e.getKey(), e.getValue().getArray().toFloatArray());
        }
        return PolicyWeights.of(spec, m);
    }
}
