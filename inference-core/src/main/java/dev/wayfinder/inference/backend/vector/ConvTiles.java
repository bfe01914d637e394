package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tile kernels all convolution input layouts share, with the packed weights they read. A tile is one
 * vector of consecutive output values of one channel; whatever the layout, for every kernel tap the inputs of a
 * tile's lanes are one vector load away, at the tile's first input plus the tap's entry in {@link #tapOffsets}.
 * The layouts ({@link PhaseSplitConv}, {@link TapColumnsConv}, {@link RowGroupedConv}) differ only in those offsets
 * and in how tiles walk the output plane: along output rows (ceil(ow / L) tiles per row, masked at the row end)
 * or over the flattened plane ({@link #flat}: masked at the plane end).
 *
 * <p>Eight output channels of two tiles take 16 accumulators, started from the bias, with ReLU applied in registers
 * (where there are 32 vector registers; with 16, two passes of four channels take 8 each).
 * The kernels take only offsets, never vectors or masks (a vector argument of a call that is not inlined is
 * boxed), and stay separate small methods so that C1 and C2 both compile them. They compute a tile's position
 * themselves from its index: passing the positions in as arguments instead made them about 15 % slower.
 */
final class ConvTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels of one register block. */
    static final int BLOCK = 8;
    /**
     * Whether the machine has 16 vector registers, not 32: an x86 machine without AVX-512 (AArch64 has 32 at every
     * width). There {@link #pair}'s 16 accumulators do not fit, and it runs as two {@link #half halves} of four
     * channels instead: the same operations on each accumulator, so the same bits.
     */
    private static final boolean NARROW = S.vectorBitSize() < 512
            && System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i386");
    private static final VectorShuffle<Float> UNZIP_EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> UNZIP_ODD = VectorShuffle.makeUnzip(S, 1);

    /**
     * Per tap (input channel of the group, ky, kx) in weight order: where its inputs lie relative to the tile's first
     * input in the layout's copy, in floats.
     */
    private final int[] tapOffsets;
    /** Weights in run order: per group, blocks of eight channels as [ci][ky][kx][8], then single channels. */
    private final float[] packedWeights;
    /** Per output channel. */
    private final float[] bias;
    /** Whether ReLU is applied in registers (other activations run as an {@link Epilogue}). */
    private final boolean relu;
    /**
     * Whether tiles run over the flattened output plane (output pixel q reads from the image's copy + q), rather than
     * along output rows (the tile at output row oy, column ox reads from the copy + oy x inRowStep + ox).
     */
    private final boolean flat;
    /** Floats between the inputs of two consecutive output rows, for tiles along rows. */
    private final int inRowStep;
    /** Output rows and columns, and floats per output channel (outHeight x outWidth). */
    private final int outHeight;
    private final int outWidth;
    private final int outPlane;

    ConvTiles(KernelSpec.Conv2d spec, int[] tapOffsets, boolean flat, int inRowStep) {
        this.tapOffsets = tapOffsets;
        this.flat = flat;
        this.inRowStep = inRowStep;
        packedWeights = pack(spec);
        bias = spec.bias().clone();
        relu = spec.activation().kind() == Activation.Kind.RELU;
        outHeight = spec.oh();
        outWidth = spec.ow();
        outPlane = outHeight * outWidth;
    }

    /** Weights in run order: per group, blocks of 8 channels as [ci][ky][kx][8], then single channels. */
    private static float[] pack(KernelSpec.Conv2d s) {
        int mg = s.m() / s.groups();
        int taps = s.c() / s.groups() * s.kh() * s.kw();
        float[] src = s.weight();
        float[] dst = new float[src.length];
        int d = 0;
        for (int g = 0; g < s.groups(); g++) {
            int mb = 0;
            for (; mb + BLOCK <= mg; mb += BLOCK) {
                for (int t = 0; t < taps; t++) {
                    for (int q = 0; q < BLOCK; q++) {
                        dst[d++] = src[(g * mg + mb + q) * taps + t];
                    }
                }
            }
            for (; mb < mg; mb++) {
                for (int t = 0; t < taps; t++) {
                    dst[d++] = src[(g * mg + mb) * taps + t];
                }
            }
        }
        return dst;
    }

    /**
     * Channels {@code m..m+7} (weights from {@code w0}) of one output plane at {@code o}, from the group's part of
     * the copy at {@code sc}: tile pairs, then one tile.
     */
    void block8(float[] a, int sc, int o, int w0, int m) {
        int tilesPerRow = (outWidth + L - 1) / L;
        int tiles = flat ? (outPlane + L - 1) / L : outHeight * tilesPerRow;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            pair(a, sc, o, w0, m, t, tilesPerRow);
        }
        if (t < tiles) {
            one(a, sc, o, w0, m, t, tilesPerRow);
        }
    }

    /** Eight output channels of two output tiles (16 accumulators). Kept small so C1 and C2 both compile it. */
    private void pair(float[] a, int sc, int o, int w0, int m, int t, int tilesPerRow) {
        int ow = outWidth;
        int plane = outPlane;
        int rowStep = inRowStep;
        int taps = tapOffsets.length;
        int in1, in2, q1, q2, m1, m2, lim;
        if (flat) {
            q1 = t * L;
            q2 = q1 + L;
            in1 = sc + q1;
            in2 = sc + q2;
            m1 = q1;
            m2 = q2;
            lim = plane;
        } else {
            int oy1 = t / tilesPerRow;
            int ox1 = (t % tilesPerRow) * L;
            int oy2 = (t + 1) / tilesPerRow;
            int ox2 = ((t + 1) % tilesPerRow) * L;
            in1 = sc + oy1 * rowStep + ox1;
            in2 = sc + oy2 * rowStep + ox2;
            q1 = oy1 * ow + ox1;
            q2 = oy2 * ow + ox2;
            m1 = ox1;
            m2 = ox2;
            lim = ow;
        }
        if (NARROW) {
            half(a, in1, in2, w0, m, 0, false, o + q1, o + q2, plane, m1, m2, lim);
            half(a, in1, in2, w0, m, 4, false, o + q1 + 4 * plane, o + q2 + 4 * plane, plane, m1, m2, lim);
            return;
        }
        FloatVector c0 = FloatVector.broadcast(S, bias[m]);
        FloatVector c1 = FloatVector.broadcast(S, bias[m + 1]);
        FloatVector c2 = FloatVector.broadcast(S, bias[m + 2]);
        FloatVector c3 = FloatVector.broadcast(S, bias[m + 3]);
        FloatVector c4 = FloatVector.broadcast(S, bias[m + 4]);
        FloatVector c5 = FloatVector.broadcast(S, bias[m + 5]);
        FloatVector c6 = FloatVector.broadcast(S, bias[m + 6]);
        FloatVector c7 = FloatVector.broadcast(S, bias[m + 7]);
        FloatVector d0 = c0, d1 = c1, d2 = c2, d3 = c3, d4 = c4, d5 = c5, d6 = c6, d7 = c7;
        for (int i = 0; i < taps; i++) {
            int wi = w0 + i * BLOCK;
            FloatVector x1 = FloatVector.fromArray(S, a, in1 + tapOffsets[i]);
            FloatVector x2 = FloatVector.fromArray(S, a, in2 + tapOffsets[i]);
            FloatVector w = FloatVector.broadcast(S, packedWeights[wi]);
            c0 = x1.fma(w, c0);
            d0 = x2.fma(w, d0);
            w = FloatVector.broadcast(S, packedWeights[wi + 1]);
            c1 = x1.fma(w, c1);
            d1 = x2.fma(w, d1);
            w = FloatVector.broadcast(S, packedWeights[wi + 2]);
            c2 = x1.fma(w, c2);
            d2 = x2.fma(w, d2);
            w = FloatVector.broadcast(S, packedWeights[wi + 3]);
            c3 = x1.fma(w, c3);
            d3 = x2.fma(w, d3);
            w = FloatVector.broadcast(S, packedWeights[wi + 4]);
            c4 = x1.fma(w, c4);
            d4 = x2.fma(w, d4);
            w = FloatVector.broadcast(S, packedWeights[wi + 5]);
            c5 = x1.fma(w, c5);
            d5 = x2.fma(w, d5);
            w = FloatVector.broadcast(S, packedWeights[wi + 6]);
            c6 = x1.fma(w, c6);
            d6 = x2.fma(w, d6);
            w = FloatVector.broadcast(S, packedWeights[wi + 7]);
            c7 = x1.fma(w, c7);
            d7 = x2.fma(w, d7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
            d0 = d0.max(0f); d1 = d1.max(0f); d2 = d2.max(0f); d3 = d3.max(0f);
            d4 = d4.max(0f); d5 = d5.max(0f); d6 = d6.max(0f); d7 = d7.max(0f);
        }
        int dst = o + q1;
        var mask = S.indexInRange(m1, lim);
        c0.intoArray(a, dst, mask);
        c1.intoArray(a, dst + plane, mask);
        c2.intoArray(a, dst + 2 * plane, mask);
        c3.intoArray(a, dst + 3 * plane, mask);
        c4.intoArray(a, dst + 4 * plane, mask);
        c5.intoArray(a, dst + 5 * plane, mask);
        c6.intoArray(a, dst + 6 * plane, mask);
        c7.intoArray(a, dst + 7 * plane, mask);
        dst = o + q2;
        mask = S.indexInRange(m2, lim);
        d0.intoArray(a, dst, mask);
        d1.intoArray(a, dst + plane, mask);
        d2.intoArray(a, dst + 2 * plane, mask);
        d3.intoArray(a, dst + 3 * plane, mask);
        d4.intoArray(a, dst + 4 * plane, mask);
        d5.intoArray(a, dst + 5 * plane, mask);
        d6.intoArray(a, dst + 6 * plane, mask);
        d7.intoArray(a, dst + 7 * plane, mask);
    }

    /**
     * Four of {@link #pair}'s channels, {@code m + h .. m + h + 3}, for a machine with 16 vector registers (8
     * accumulators, two inputs and a weight: nothing kept on the stack, where {@link #pair}'s 16 accumulators would
     * be). Stores as {@link #pair} (channel j's tiles at {@code dst1 + j * stride} and {@code dst2 + j * stride},
     * masked from {@code m1} and {@code m2} below {@code lim}) or, with {@code unzip}, as {@link #pairUnzipped}
     * (channel j's even columns at {@code dst1 + j * stride}, its odd ones at {@code dst2 + j * stride}).
     */
    private void half(float[] a, int in1, int in2, int w0, int m, int h, boolean unzip, int dst1, int dst2,
                      int stride, int m1, int m2, int lim) {
        int taps = tapOffsets.length;
        FloatVector c0 = FloatVector.broadcast(S, bias[m + h]);
        FloatVector c1 = FloatVector.broadcast(S, bias[m + h + 1]);
        FloatVector c2 = FloatVector.broadcast(S, bias[m + h + 2]);
        FloatVector c3 = FloatVector.broadcast(S, bias[m + h + 3]);
        FloatVector d0 = c0, d1 = c1, d2 = c2, d3 = c3;
        for (int i = 0; i < taps; i++) {
            int wi = w0 + i * BLOCK + h;
            FloatVector x1 = FloatVector.fromArray(S, a, in1 + tapOffsets[i]);
            FloatVector x2 = FloatVector.fromArray(S, a, in2 + tapOffsets[i]);
            FloatVector w = FloatVector.broadcast(S, packedWeights[wi]);
            c0 = x1.fma(w, c0);
            d0 = x2.fma(w, d0);
            w = FloatVector.broadcast(S, packedWeights[wi + 1]);
            c1 = x1.fma(w, c1);
            d1 = x2.fma(w, d1);
            w = FloatVector.broadcast(S, packedWeights[wi + 2]);
            c2 = x1.fma(w, c2);
            d2 = x2.fma(w, d2);
            w = FloatVector.broadcast(S, packedWeights[wi + 3]);
            c3 = x1.fma(w, c3);
            d3 = x2.fma(w, d3);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            d0 = d0.max(0f); d1 = d1.max(0f); d2 = d2.max(0f); d3 = d3.max(0f);
        }
        if (unzip) {
            c0.rearrange(UNZIP_EVEN, d0).intoArray(a, dst1);
            c0.rearrange(UNZIP_ODD, d0).intoArray(a, dst2);
            c1.rearrange(UNZIP_EVEN, d1).intoArray(a, dst1 + stride);
            c1.rearrange(UNZIP_ODD, d1).intoArray(a, dst2 + stride);
            c2.rearrange(UNZIP_EVEN, d2).intoArray(a, dst1 + 2 * stride);
            c2.rearrange(UNZIP_ODD, d2).intoArray(a, dst2 + 2 * stride);
            c3.rearrange(UNZIP_EVEN, d3).intoArray(a, dst1 + 3 * stride);
            c3.rearrange(UNZIP_ODD, d3).intoArray(a, dst2 + 3 * stride);
            return;
        }
        var mask = S.indexInRange(m1, lim);
        c0.intoArray(a, dst1, mask);
        c1.intoArray(a, dst1 + stride, mask);
        c2.intoArray(a, dst1 + 2 * stride, mask);
        c3.intoArray(a, dst1 + 3 * stride, mask);
        mask = S.indexInRange(m2, lim);
        d0.intoArray(a, dst2, mask);
        d1.intoArray(a, dst2 + stride, mask);
        d2.intoArray(a, dst2 + 2 * stride, mask);
        d3.intoArray(a, dst2 + 3 * stride, mask);
    }

    /** Eight output channels of one output tile. */
    private void one(float[] a, int sc, int o, int w0, int m, int t, int tilesPerRow) {
        int ow = outWidth;
        int plane = outPlane;
        int rowStep = inRowStep;
        int taps = tapOffsets.length;
        int in1, d1, m1, lim;
        if (flat) {
            d1 = t * L;
            in1 = sc + d1;
            m1 = d1;
            lim = plane;
        } else {
            int oy = t / tilesPerRow;
            int ox = (t % tilesPerRow) * L;
            in1 = sc + oy * rowStep + ox;
            d1 = oy * ow + ox;
            m1 = ox;
            lim = ow;
        }
        FloatVector c0 = FloatVector.broadcast(S, bias[m]);
        FloatVector c1 = FloatVector.broadcast(S, bias[m + 1]);
        FloatVector c2 = FloatVector.broadcast(S, bias[m + 2]);
        FloatVector c3 = FloatVector.broadcast(S, bias[m + 3]);
        FloatVector c4 = FloatVector.broadcast(S, bias[m + 4]);
        FloatVector c5 = FloatVector.broadcast(S, bias[m + 5]);
        FloatVector c6 = FloatVector.broadcast(S, bias[m + 6]);
        FloatVector c7 = FloatVector.broadcast(S, bias[m + 7]);
        for (int i = 0; i < taps; i++) {
            int wi = w0 + i * BLOCK;
            FloatVector x1 = FloatVector.fromArray(S, a, in1 + tapOffsets[i]);
            c0 = x1.fma(FloatVector.broadcast(S, packedWeights[wi]), c0);
            c1 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 1]), c1);
            c2 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 2]), c2);
            c3 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 3]), c3);
            c4 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 4]), c4);
            c5 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 5]), c5);
            c6 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 6]), c6);
            c7 = x1.fma(FloatVector.broadcast(S, packedWeights[wi + 7]), c7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
        }
        int dst = o + d1;
        var mask = S.indexInRange(m1, lim);
        c0.intoArray(a, dst, mask);
        c1.intoArray(a, dst + plane, mask);
        c2.intoArray(a, dst + 2 * plane, mask);
        c3.intoArray(a, dst + 3 * plane, mask);
        c4.intoArray(a, dst + 4 * plane, mask);
        c5.intoArray(a, dst + 5 * plane, mask);
        c6.intoArray(a, dst + 6 * plane, mask);
        c7.intoArray(a, dst + 7 * plane, mask);
    }

    /** {@link #block8} for the single channel {@code m}, one tile at a time. */
    void single(float[] a, int sc, int o, int w0, int m) {
        int ow = outWidth;
        int plane = outPlane;
        int rowStep = inRowStep;
        int taps = tapOffsets.length;
        int tilesPerRow = (ow + L - 1) / L;
        int tiles = flat ? (plane + L - 1) / L : outHeight * tilesPerRow;
        for (int t = 0; t < tiles; t++) {
            int in1, d1, m1, lim;
            if (flat) {
                d1 = t * L;
                in1 = sc + d1;
                m1 = d1;
                lim = plane;
            } else {
                int oy = t / tilesPerRow;
                int ox = (t % tilesPerRow) * L;
                in1 = sc + oy * rowStep + ox;
                d1 = oy * ow + ox;
                m1 = ox;
                lim = ow;
            }
            FloatVector c0 = FloatVector.broadcast(S, bias[m]);
            for (int i = 0; i < taps; i++) {
                c0 = FloatVector.fromArray(S, a, in1 + tapOffsets[i]).fma(FloatVector.broadcast(S, packedWeights[w0 + i]), c0);
            }
            if (relu) {
                c0 = c0.max(0f);
            }
            c0.intoArray(a, o + d1, S.indexInRange(m1, lim));
        }
    }
    /**
     * {@link #pair} for one output row of exactly two vectors (tiles at {@code in} and {@code in + L}), stored split
     * into even and odd columns: channel m + j's even columns at {@code even + j * channelStep}, its odd columns at
     * {@code odd + j * channelStep}, unmasked. This is how a linked output lands in the consumer's phase-split copy.
     */
    void pairUnzipped(float[] a, int in, int w0, int m, int even, int odd, int channelStep) {
        int taps = tapOffsets.length;
        int in2 = in + L;
        if (NARROW) {
            half(a, in, in2, w0, m, 0, true, even, odd, channelStep, 0, 0, 0);
            half(a, in, in2, w0, m, 4, true, even + 4 * channelStep, odd + 4 * channelStep, channelStep, 0, 0, 0);
            return;
        }
        FloatVector c0 = FloatVector.broadcast(S, bias[m]);
        FloatVector c1 = FloatVector.broadcast(S, bias[m + 1]);
        FloatVector c2 = FloatVector.broadcast(S, bias[m + 2]);
        FloatVector c3 = FloatVector.broadcast(S, bias[m + 3]);
        FloatVector c4 = FloatVector.broadcast(S, bias[m + 4]);
        FloatVector c5 = FloatVector.broadcast(S, bias[m + 5]);
        FloatVector c6 = FloatVector.broadcast(S, bias[m + 6]);
        FloatVector c7 = FloatVector.broadcast(S, bias[m + 7]);
        FloatVector d0 = c0, d1 = c1, d2 = c2, d3 = c3, d4 = c4, d5 = c5, d6 = c6, d7 = c7;
        for (int i = 0; i < taps; i++) {
            int wi = w0 + i * BLOCK;
            FloatVector x1 = FloatVector.fromArray(S, a, in + tapOffsets[i]);
            FloatVector x2 = FloatVector.fromArray(S, a, in2 + tapOffsets[i]);
            FloatVector w = FloatVector.broadcast(S, packedWeights[wi]);
            c0 = x1.fma(w, c0);
            d0 = x2.fma(w, d0);
            w = FloatVector.broadcast(S, packedWeights[wi + 1]);
            c1 = x1.fma(w, c1);
            d1 = x2.fma(w, d1);
            w = FloatVector.broadcast(S, packedWeights[wi + 2]);
            c2 = x1.fma(w, c2);
            d2 = x2.fma(w, d2);
            w = FloatVector.broadcast(S, packedWeights[wi + 3]);
            c3 = x1.fma(w, c3);
            d3 = x2.fma(w, d3);
            w = FloatVector.broadcast(S, packedWeights[wi + 4]);
            c4 = x1.fma(w, c4);
            d4 = x2.fma(w, d4);
            w = FloatVector.broadcast(S, packedWeights[wi + 5]);
            c5 = x1.fma(w, c5);
            d5 = x2.fma(w, d5);
            w = FloatVector.broadcast(S, packedWeights[wi + 6]);
            c6 = x1.fma(w, c6);
            d6 = x2.fma(w, d6);
            w = FloatVector.broadcast(S, packedWeights[wi + 7]);
            c7 = x1.fma(w, c7);
            d7 = x2.fma(w, d7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
            d0 = d0.max(0f); d1 = d1.max(0f); d2 = d2.max(0f); d3 = d3.max(0f);
            d4 = d4.max(0f); d5 = d5.max(0f); d6 = d6.max(0f); d7 = d7.max(0f);
        }
        int tp = channelStep;
        int ev = even;
        int od = odd;
        c0.rearrange(UNZIP_EVEN, d0).intoArray(a, ev);
        c0.rearrange(UNZIP_ODD, d0).intoArray(a, od);
        c1.rearrange(UNZIP_EVEN, d1).intoArray(a, ev + tp);
        c1.rearrange(UNZIP_ODD, d1).intoArray(a, od + tp);
        c2.rearrange(UNZIP_EVEN, d2).intoArray(a, ev + 2 * tp);
        c2.rearrange(UNZIP_ODD, d2).intoArray(a, od + 2 * tp);
        c3.rearrange(UNZIP_EVEN, d3).intoArray(a, ev + 3 * tp);
        c3.rearrange(UNZIP_ODD, d3).intoArray(a, od + 3 * tp);
        c4.rearrange(UNZIP_EVEN, d4).intoArray(a, ev + 4 * tp);
        c4.rearrange(UNZIP_ODD, d4).intoArray(a, od + 4 * tp);
        c5.rearrange(UNZIP_EVEN, d5).intoArray(a, ev + 5 * tp);
        c5.rearrange(UNZIP_ODD, d5).intoArray(a, od + 5 * tp);
        c6.rearrange(UNZIP_EVEN, d6).intoArray(a, ev + 6 * tp);
        c6.rearrange(UNZIP_ODD, d6).intoArray(a, od + 6 * tp);
        c7.rearrange(UNZIP_EVEN, d7).intoArray(a, ev + 7 * tp);
        c7.rearrange(UNZIP_ODD, d7).intoArray(a, od + 7 * tp);
    }
}
