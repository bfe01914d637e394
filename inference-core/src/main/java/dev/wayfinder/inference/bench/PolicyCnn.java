package dev.wayfinder.inference.bench;

import dev.wayfinder.inference.graph.Graph;
import dev.wayfinder.inference.graph.GraphBuilder;
import dev.wayfinder.inference.tensor.Tensor;

import java.util.SplittableRandom;

/**
 * The reference camera policy network: 3x64x64 image, three 3x3 stride-2 convolutions (16, 32, 32 channels,
 * padding 1, ReLU), flatten (2048), dense 128 (ReLU), dense 4 (action logits). About 277k parameters and 5 MFLOP
 * per image. Weights are He-initialised from a seed, so the same seed gives the same network.
 */
public final class PolicyCnn {

    /** Input channels, height and width. */
    public static final int C = 3, H = 64, W = 64;
    /** Number of outputs. */
    public static final int ACTIONS = 4;

    private PolicyCnn() {
    }

    /** The network with a dynamic batch dimension and weights drawn from {@code seed}. */
    public static Graph build(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder("policy-cnn");
        String x = b.input("image", -1, C, H, W);
        x = b.relu(b.conv(x, he(rnd, 3 * 9, 16, 3, 3, 3), he(rnd, 0, 16), 2, 1));
        x = b.relu(b.conv(x, he(rnd, 16 * 9, 32, 16, 3, 3), he(rnd, 0, 32), 2, 1));
        x = b.relu(b.conv(x, he(rnd, 32 * 9, 32, 32, 3, 3), he(rnd, 0, 32), 2, 1));
        x = b.flatten(x);
        x = b.relu(b.dense(x, he(rnd, 2048, 128, 2048), he(rnd, 0, 128)));
        x = b.dense(x, he(rnd, 128, ACTIONS, 128), he(rnd, 0, ACTIONS));
        return b.output(x).build();
    }

    /** A tensor of normal values with variance 2/fanIn (or 0.01 for biases, fanIn 0). */
    static Tensor he(SplittableRandom rnd, int fanIn, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        double std = fanIn > 0 ? Math.sqrt(2.0 / fanIn) : 0.1;
        for (int i = 0; i < n; i++) {
            v[i] = (float) (gaussian(rnd) * std);
        }
        return Tensor.of(v, dims);
    }

    /** A seeded batch of images with values in [0, 1). */
    public static float[] images(long seed, int batch) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[batch * C * H * W];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        return x;
    }

    private static double gaussian(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
