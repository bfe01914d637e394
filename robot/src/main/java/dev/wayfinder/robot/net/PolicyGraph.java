package dev.wayfinder.robot.net;

import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.graph.Op;
import dev.wayfinder.inference.tensor.Tensor;

/**
 * Builds the inference-core graph of a policy from its {@link PolicyWeights}: inputs {@code image}
 * [N, 3, H, W] and {@code state} [N, S], output {@code logits} [N, actions]; with obstacle memory a second output,
 * the predicted depth profile [N, {@link NetworkSpec#AUX_TARGETS}]. The same operators, in the same order and
 * layouts, as {@link DjlPolicyBlock}.
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
        x = b.relu(b.dense(x, tensor(w, "fc.weight"), tensor(w, "fc.bias")));
        x = b.dense(x, tensor(w, "out.weight"), tensor(w, "out.bias"));
        b.output(x);
        if (s.memorySectors() > 0) {
            b.output(b.dense(features, tensor(w, "aux.weight"), tensor(w, "aux.bias")));
        }
        return b.build();
    }

    private static Tensor tensor(PolicyWeights w, String name) {
        return Tensor.of(w.get(name), w.shape(name));
    }
}
