package dev.wayfinder.robot.net;

import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.tensor.Tensor;

/**
 * Builds the inference-core graph of a policy from its {@link PolicyWeights}: inputs {@code image}
 * [N, 3, H, W] and {@code state} [N, S], output {@code logits} [N, actions]; with obstacle memory a second output,
 * the predicted depth profile [N, {@link NetworkSpec#AUX_TARGETS}]; for a recurrent network a last output, the new
 * hidden state h' [N, R]. The same operators, in the same order and layouts, as {@code DjlPolicyBlock}.
 *
 * <p>The GRU cell is built from ONNX's plain operators (Gemm, Concat, Sigmoid, Tanh, Mul, Add), so the ONNX export
 * needs nothing else. The previous hidden state h is the state input's tail; without a slicing operator it is read by
 * constant matrices instead: the dense layer's weight and the recurrent weights are widened with zero columns to the
 * whole state, and h itself is the state times a constant selector (exact: one product by 1 and zeros). 1 − z is
 * σ(−a_z), so the update gate is computed twice, from negated constants, and no subtraction is needed.
 */
public final class PolicyGraph {
    /** Name of the image input. */
    public static final String IMAGE = "image";
    /** Name of the state input. */
    public static final String STATE = "state";

    private PolicyGraph() {
    }

    /** The graph with a dynamic batch dimension. */
    public static Graph build(PolicyWeights w) {
        NetworkSpec s = w.spec();
        GraphBuilder b = new GraphBuilder("wayfinder-policy");
        String x = b.input(IMAGE, -1, NetworkSpec.IMAGE_CHANNELS, s.height(), s.width());
        String state = b.input(STATE, -1, s.stateSize());
        for (int i = 0; i < s.convChannels().size(); i++) {
            x = b.relu(b.conv(x, tensor(w, "conv" + i + ".weight"), tensor(w, "conv" + i + ".bias"), 2, 1));
        }
        x = b.flatten(x);
        String features = x;
        x = b.apply(new Op.Concat(1), x, state);
        Tensor fc = tensor(w, "fc.weight");
        if (s.recurrent()) {
            // The dense layer does not read h: zero columns for it.
            fc = widen(w.get("fc.weight"), s.hidden(), s.flatFeatures() + s.inputStateSize(), 0,
                    s.flatFeatures() + s.stateSize());
        }
        x = b.relu(b.dense(x, fc, tensor(w, "fc.bias")));
        String hidden = null;
        if (s.recurrent()) {
            hidden = gru(b, w, x, state);
            x = hidden;
        }
        x = b.dense(x, tensor(w, "out.weight"), tensor(w, "out.bias"));
        b.output(x);
        if (s.memorySectors() > 0) {
            b.output(b.dense(features, tensor(w, "aux.weight"), tensor(w, "aux.bias")));
        }
        if (hidden != null) {
            b.output(hidden);
        }
        return b.build();
    }

    /** The GRU cell on input {@code x} [N, hidden] and the hidden state at the tail of {@code state}; returns h'. */
    private static String gru(GraphBuilder b, PolicyWeights w, String x, String state) {
        NetworkSpec s = w.spec();
        int r = s.recurrentUnits();
        int in = s.hidden();
        int st = s.stateSize();
        int h0 = s.hiddenOffset();
        // One input for the gates that read x and h together: [x | state], with h at columns in + h0.
        String xs = b.apply(new Op.Concat(1), x, state);
        Tensor az = gate(w.get("gru.wz"), w.get("gru.uz"), r, in, st, h0, 1f);
        Tensor azNeg = gate(w.get("gru.wz"), w.get("gru.uz"), r, in, st, h0, -1f);
        Tensor ar = gate(w.get("gru.wr"), w.get("gru.ur"), r, in, st, h0, 1f);
        float[] bz = w.get("gru.bz");
        float[] bzNeg = new float[r];
        for (int i = 0; i < r; i++) {
            bzNeg[i] = -bz[i];
        }
        String z = b.apply(new Op.Sigmoid(), b.dense(xs, az, Tensor.of(bz, r)));
        String oneMinusZ = b.apply(new Op.Sigmoid(), b.dense(xs, azNeg, Tensor.of(bzNeg, r)));
        String reset = b.apply(new Op.Sigmoid(), b.dense(xs, ar, tensor(w, "gru.br")));
        String nx = b.dense(x, tensor(w, "gru.wn"), tensor(w, "gru.bn_in"));
        String nh = b.dense(state, widen(w.get("gru.un"), r, r, h0, st), tensor(w, "gru.bn_h"));
        String n = b.apply(new Op.Tanh(), b.apply(new Op.Add(), nx, b.apply(new Op.Mul(), reset, nh)));
        float[] select = new float[r * st];
        for (int i = 0; i < r; i++) {
            select[i * st + h0 + i] = 1f;
        }
        String h = b.apply(new Op.Gemm(1f, 1f, false, true), state, b.constant(Tensor.of(select, r, st)));
        return b.apply(new Op.Add(), b.apply(new Op.Mul(), oneMinusZ, n), b.apply(new Op.Mul(), z, h));
    }

    /** [R, in + st]: {@code sign} times W in the first {@code in} columns, U at columns {@code in + h0 ..}. */
    private static Tensor gate(float[] wx, float[] uh, int r, int in, int st, int h0, float sign) {
        int cols = in + st;
        float[] out = new float[r * cols];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < in; j++) {
                out[i * cols + j] = sign * wx[i * in + j];
            }
            for (int j = 0; j < r; j++) {
                out[i * cols + in + h0 + j] = sign * uh[i * r + j];
            }
        }
        return Tensor.of(out, r, cols);
    }

    /** The [rows, cols] matrix {@code m} placed at column {@code at} of a zero [rows, width] matrix. */
    private static Tensor widen(float[] m, int rows, int cols, int at, int width) {
        float[] out = new float[rows * width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(m, i * cols, out, i * width + at, cols);
        }
        return Tensor.of(out, rows, width);
    }

    private static Tensor tensor(PolicyWeights w, String name) {
        return Tensor.of(w.get(name), w.shape(name));
    }
}
