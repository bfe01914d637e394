package dev.wayfinder.inference.backend.device;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.KernelSpec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DevicePlan} turned into what any device backend needs: the plan's float weights, int8 weights and integer
 * metadata packed into one array each, and the launches of every step in order (a step may take several, e.g. one
 * per input of a concatenation). Dialect-independent, so the CUDA backend launches exactly what the OpenCL backend
 * runs and tests on PoCL.
 */
public final class DeviceLayout {
    private final FloatList weights = new FloatList();
    private final ByteArrayOutputStream quant = new ByteArrayOutputStream();
    private final IntList meta = new IntList();
    private final List<Launch> launches = new ArrayList<>();
    /** For each launch, the plan step it belongs to. */
    private final List<Integer> stepOf = new ArrayList<>();

    private DeviceLayout() {
    }

    /** The layout of {@code plan}. */
    public static DeviceLayout of(DevicePlan plan) {
        DeviceLayout l = new DeviceLayout();
        for (int i = 0; i < plan.steps().size(); i++) {
            int before = l.launches.size();
            l.lower(plan.steps().get(i));
            for (int j = before; j < l.launches.size(); j++) {
                l.stepOf.add(i);
            }
        }
        return l;
    }

    /** The float weights (at least one value, so every backend can allocate the buffer). */
    public float[] weights() {
        return weights.size == 0 ? new float[1] : weights.toArray();
    }

    /** The int8 weights (at least four bytes). */
    public byte[] quant() {
        byte[] q = quant.toByteArray();
        return q.length == 0 ? new byte[4] : q;
    }

    /** The integer metadata (at least one value). */
    public int[] meta() {
        return meta.size == 0 ? new int[1] : meta.toArray();
    }

    /** Every launch, in order. */
    public List<Launch> launches() {
        return List.copyOf(launches);
    }

    /** The index of the plan step that launch {@code i} belongs to. */
    public int stepOf(int i) {
        return stepOf.get(i);
    }

    private static Launch.Arg i(int v) {
        return new Launch.IntArg(v);
    }

    private static final Launch.Arg ARENA = new Launch.BufferArg(Launch.Buffer.ARENA);
    private static final Launch.Arg WEIGHTS = new Launch.BufferArg(Launch.Buffer.WEIGHTS);

    private static int up(int n, int multiple) {
        return Math.max(1, (n + multiple - 1) / multiple) * multiple;
    }

    private void linear(String kernel, int size, Launch.Arg... args) {
        launches.add(new Launch(kernel, List.of(args), new int[] {up(size, KernelSource.GROUP), 1, 1},
                new int[] {KernelSource.GROUP, 1, 1}));
    }

    private static int code(Activation a) {
        return switch (a.kind()) {
            case NONE -> KernelSource.ACT_NONE;
            case RELU -> KernelSource.ACT_RELU;
            case LEAKY_RELU -> KernelSource.ACT_LEAKY;
            case TANH -> KernelSource.ACT_TANH;
            case SIGMOID -> KernelSource.ACT_SIGMOID;
        };
    }

    private void conv(int in, int out, int n, int c, int h, int w, int m, int kh, int kw, int sh, int sw, int pt, int pl,
                      int dh, int dw, int groups, int oh, int ow, float[] weight, float[] bias, Activation act) {
        int wOff = weights.add(weight);
        int bOff = weights.add(bias);
        int t = KernelSource.TILE;
        List<Launch.Arg> args = List.of(ARENA, WEIGHTS, i(in), i(out), i(wOff), i(bOff), i(n), i(c), i(h), i(w), i(m),
                i(kh), i(kw), i(sh), i(sw), i(pt), i(pl), i(dh), i(dw), i(groups), i(oh), i(ow), i(code(act)),
                new Launch.FloatArg(act.alpha()));
        launches.add(new Launch("conv_gemm", args, new int[] {up(n * oh * ow, t), up(m / groups, t), groups},
                new int[] {t, t, 1}));
    }

    private void lower(DevicePlan.Step step) {
        int[] in = step.inputs();
        int out = step.output();
        switch (step.spec()) {
            case KernelSpec.Conv2d s -> conv(in[0], out, s.n(), s.c(), s.h(), s.w(), s.m(), s.kh(), s.kw(), s.strideH(),
                    s.strideW(), s.padTop(), s.padLeft(), s.dilationH(), s.dilationW(), s.groups(), s.oh(), s.ow(),
                    s.weight(), s.bias(), s.activation());
            // A dense layer is a 1x1 convolution over 1x1 images: x[n][k] is NCHW [n, k, 1, 1], weight [m, k, 1, 1].
            case KernelSpec.Dense s -> conv(in[0], out, s.n(), s.k(), 1, 1, s.m(), 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1,
                    s.weight(), s.bias(), s.activation());
            case KernelSpec.DenseInt8 s -> {
                int qOff = quant.size();
                quant.write(s.q(), 0, s.q().length);
                int sOff = weights.add(s.scale());
                int bOff = weights.add(s.bias());
                linear("dense_int8", s.n() * s.m(), ARENA, WEIGHTS, new Launch.BufferArg(Launch.Buffer.QUANT), i(in[0]),
                        i(out), i(qOff), i(sOff), i(bOff), i(s.n()), i(s.k()), i(s.m()), i(code(s.activation())),
                        new Launch.FloatArg(s.activation().alpha()));
            }
            case KernelSpec.MatMul s -> {
                int t = KernelSource.TILE;
                launches.add(new Launch("matmul", List.of(ARENA, i(in[0]), i(in[1]), i(out), i(s.n()), i(s.k()), i(s.m()),
                        i(s.aBatchStride()), i(s.bBatchStride())), new int[] {up(s.m(), t), up(s.n(), t), s.batch()},
                        new int[] {t, t, 1}));
            }
            case KernelSpec.Binary s -> {
                int[] dims = s.out().dims();
                int metaOff = meta.size;
                meta.add(dims.length);
                for (int d : dims) {
                    meta.add(d);
                }
                for (int st : strides(s.a().dims(), dims)) {
                    meta.add(st);
                }
                for (int st : strides(s.b().dims(), dims)) {
                    meta.add(st);
                }
                linear("binary", s.out().size(), ARENA, new Launch.BufferArg(Launch.Buffer.META), i(metaOff), i(in[0]),
                        i(in[1]), i(out), i(s.out().size()), i(s.op() == KernelSpec.BinaryOp.ADD ? 0 : 1));
            }
            case KernelSpec.Unary s -> linear("unary", s.size(), ARENA, i(in[0]), i(out), i(s.size()),
                    i(code(s.activation())), new Launch.FloatArg(s.activation().alpha()));
            case KernelSpec.Softmax s -> linear("softmax", s.outer() * s.inner(), ARENA, i(in[0]), i(out), i(s.outer()),
                    i(s.axis()), i(s.inner()));
            case KernelSpec.Pool s -> linear("pool", s.n() * s.c() * s.oh() * s.ow(), ARENA, i(in[0]), i(out),
                    i(s.n() * s.c()), i(s.h()), i(s.w()), i(s.kh()), i(s.kw()), i(s.strideH()), i(s.strideW()),
                    i(s.padTop()), i(s.padLeft()), i(s.oh()), i(s.ow()), i(s.max() ? 1 : 0), i(s.countIncludePad() ? 1 : 0));
            case KernelSpec.Concat s -> {
                int total = 0;
                for (int ch : s.chunks()) {
                    total += ch;
                }
                for (int j = 0, at = 0; j < s.chunks().length; j++) {
                    int chunk = s.chunks()[j];
                    linear("copy_rows", s.outer() * chunk, ARENA, i(in[j]), i(out + at), i(s.outer()), i(chunk), i(total));
                    at += chunk;
                }
            }
        }
    }

    /** Strides of {@code dims} aligned right against {@code out}, 0 where the operand broadcasts. */
    static int[] strides(int[] dims, int[] out) {
        int[] st = new int[out.length];
        int stride = 1;
        for (int i = out.length - 1; i >= 0; i--) {
            int j = i - (out.length - dims.length);
            int d = j >= 0 ? dims[j] : 1;
            st[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return st;
    }

    private static final class FloatList {
        float[] data = new float[256];
        int size;

        int add(float[] v) {
            int at = size;
            while (size + v.length > data.length) {
                data = java.util.Arrays.copyOf(data, data.length * 2);
            }
            System.arraycopy(v, 0, data, size, v.length);
            size += v.length;
            return at;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }

    private static final class IntList {
        int[] data = new int[64];
        int size;

        void add(int v) {
            if (size == data.length) {
                data = java.util.Arrays.copyOf(data, size * 2);
            }
            data[size++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(data, size);
        }
    }
}
