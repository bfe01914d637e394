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
 * and in where a tile's first input lies, which the tile walks here take as arguments: along output rows
 * ({@link #block8Rows}, {@link #singleRows}: ceil(ow / L) tiles per row, masked at the row end) or over the
 * flattened output plane ({@link #block8Flat}, {@link #singleFlat}: masked at the plane end).
 *
 * <p>Eight output channels of two tiles take 16 accumulators, started from the bias, with ReLU applied in registers.
 * The kernels take and return only offsets, never vectors or masks (a vector argument of a call that is not
 * inlined is boxed), and stay separate small methods so that C1 and C2 both compile them.
 */
final class ConvTiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Output channels of one register block. */
    static final int BLOCK = 8;
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
    /** Output rows and columns, and floats per output channel (outHeight x outWidth). */
    private final int outHeight;
    private final int outWidth;
    private final int outPlane;

    ConvTiles(KernelSpec.Conv2d spec, int[] tapOffsets) {
        this.tapOffsets = tapOffsets;
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
     * Channels {@code m..m+7} (weights from {@code w0}) of one output plane at {@code out}, tiles along output rows:
     * the tile at output row oy, column ox reads its inputs from {@code in + oy * inRowStep + ox}.
     */
    void block8Rows(float[] a, int in, int out, int w0, int m, int inRowStep) {
        int ow = outWidth;
        int tilesPerRow = (ow + L - 1) / L;
        int tiles = outHeight * tilesPerRow;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int oy1 = t / tilesPerRow;
            int ox1 = (t % tilesPerRow) * L;
            int oy2 = (t + 1) / tilesPerRow;
            int ox2 = ((t + 1) % tilesPerRow) * L;
            pair(a, in + oy1 * inRowStep + ox1, in + oy2 * inRowStep + ox2, w0, m, out + oy1 * ow + ox1, ox1,
                    out + oy2 * ow + ox2, ox2, ow);
        }
        if (t < tiles) {
            int oy = t / tilesPerRow;
            int ox = (t % tilesPerRow) * L;
            one(a, in + oy * inRowStep + ox, w0, m, out + oy * ow + ox, ox, ow);
        }
    }

    /**
     * Channels {@code m..m+7} (weights from {@code w0}) of one output plane at {@code out}, tiles over the flattened
     * plane: output pixel q reads its inputs from {@code in + q}.
     */
    void block8Flat(float[] a, int in, int out, int w0, int m) {
        int plane = outPlane;
        int tiles = (plane + L - 1) / L;
        int t = 0;
        for (; t + 2 <= tiles; t += 2) {
            int q1 = t * L;
            int q2 = q1 + L;
            pair(a, in + q1, in + q2, w0, m, out + q1, q1, out + q2, q2, plane);
        }
        if (t < tiles) {
            int q = t * L;
            one(a, in + q, w0, m, out + q, q, plane);
        }
    }

    /** {@link #block8Rows} for the single channel {@code m}. */
    void singleRows(float[] a, int in, int out, int w0, int m, int inRowStep) {
        int ow = outWidth;
        int[] toff = tapOffsets;
        int taps = toff.length;
        int tilesPerRow = (ow + L - 1) / L;
        int tiles = outHeight * tilesPerRow;
        for (int t = 0; t < tiles; t++) {
            int oy = t / tilesPerRow;
            int ox = (t % tilesPerRow) * L;
            int in1 = in + oy * inRowStep + ox;
            FloatVector c0 = FloatVector.broadcast(S, bias[m]);
            for (int i = 0; i < taps; i++) {
                c0 = FloatVector.fromArray(S, a, in1 + toff[i]).fma(FloatVector.broadcast(S, packedWeights[w0 + i]), c0);
            }
            if (relu) {
                c0 = c0.max(0f);
            }
            c0.intoArray(a, out + oy * ow + ox, S.indexInRange(ox, ow));
        }
    }

    /** {@link #block8Flat} for the single channel {@code m}. */
    void singleFlat(float[] a, int in, int out, int w0, int m) {
        int plane = outPlane;
        int[] toff = tapOffsets;
        int taps = toff.length;
        int tiles = (plane + L - 1) / L;
        for (int t = 0; t < tiles; t++) {
            int q = t * L;
            int in1 = in + q;
            FloatVector c0 = FloatVector.broadcast(S, bias[m]);
            for (int i = 0; i < taps; i++) {
                c0 = FloatVector.fromArray(S, a, in1 + toff[i]).fma(FloatVector.broadcast(S, packedWeights[w0 + i]), c0);
            }
            if (relu) {
                c0 = c0.max(0f);
            }
            c0.intoArray(a, out + q, S.indexInRange(q, plane));
        }
    }

    /**
     * Eight output channels of two output tiles (16 accumulators). Tile k reads its inputs from {@code ink} and
     * stores channel m + j at {@code outk + j * outPlane}, lanes from {@code firstk} on masked at {@code limit}.
     * Kept small so C1 and C2 both compile it.
     */
    private void pair(float[] a, int in1, int in2, int w0, int m, int out1, int first1, int out2, int first2,
                      int limit) {
        int plane = outPlane;
        int[] toff = tapOffsets;
        float[] wp = packedWeights;
        int taps = toff.length;
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
            FloatVector x1 = FloatVector.fromArray(S, a, in1 + toff[i]);
            FloatVector x2 = FloatVector.fromArray(S, a, in2 + toff[i]);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            c0 = x1.fma(w, c0);
            d0 = x2.fma(w, d0);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            c1 = x1.fma(w, c1);
            d1 = x2.fma(w, d1);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            c2 = x1.fma(w, c2);
            d2 = x2.fma(w, d2);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            c3 = x1.fma(w, c3);
            d3 = x2.fma(w, d3);
            w = FloatVector.broadcast(S, wp[wi + 4]);
            c4 = x1.fma(w, c4);
            d4 = x2.fma(w, d4);
            w = FloatVector.broadcast(S, wp[wi + 5]);
            c5 = x1.fma(w, c5);
            d5 = x2.fma(w, d5);
            w = FloatVector.broadcast(S, wp[wi + 6]);
            c6 = x1.fma(w, c6);
            d6 = x2.fma(w, d6);
            w = FloatVector.broadcast(S, wp[wi + 7]);
            c7 = x1.fma(w, c7);
            d7 = x2.fma(w, d7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
            d0 = d0.max(0f); d1 = d1.max(0f); d2 = d2.max(0f); d3 = d3.max(0f);
            d4 = d4.max(0f); d5 = d5.max(0f); d6 = d6.max(0f); d7 = d7.max(0f);
        }
        int dst = out1;
        var mask = S.indexInRange(first1, limit);
        c0.intoArray(a, dst, mask);
        c1.intoArray(a, dst + plane, mask);
        c2.intoArray(a, dst + 2 * plane, mask);
        c3.intoArray(a, dst + 3 * plane, mask);
        c4.intoArray(a, dst + 4 * plane, mask);
        c5.intoArray(a, dst + 5 * plane, mask);
        c6.intoArray(a, dst + 6 * plane, mask);
        c7.intoArray(a, dst + 7 * plane, mask);
        dst = out2;
        mask = S.indexInRange(first2, limit);
        d0.intoArray(a, dst, mask);
        d1.intoArray(a, dst + plane, mask);
        d2.intoArray(a, dst + 2 * plane, mask);
        d3.intoArray(a, dst + 3 * plane, mask);
        d4.intoArray(a, dst + 4 * plane, mask);
        d5.intoArray(a, dst + 5 * plane, mask);
        d6.intoArray(a, dst + 6 * plane, mask);
        d7.intoArray(a, dst + 7 * plane, mask);
    }

    /** Eight output channels of one output tile: {@link #pair} with one tile. */
    private void one(float[] a, int in1, int w0, int m, int out1, int first1, int limit) {
        int plane = outPlane;
        int[] toff = tapOffsets;
        float[] wp = packedWeights;
        int taps = toff.length;
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
            FloatVector x1 = FloatVector.fromArray(S, a, in1 + toff[i]);
            c0 = x1.fma(FloatVector.broadcast(S, wp[wi]), c0);
            c1 = x1.fma(FloatVector.broadcast(S, wp[wi + 1]), c1);
            c2 = x1.fma(FloatVector.broadcast(S, wp[wi + 2]), c2);
            c3 = x1.fma(FloatVector.broadcast(S, wp[wi + 3]), c3);
            c4 = x1.fma(FloatVector.broadcast(S, wp[wi + 4]), c4);
            c5 = x1.fma(FloatVector.broadcast(S, wp[wi + 5]), c5);
            c6 = x1.fma(FloatVector.broadcast(S, wp[wi + 6]), c6);
            c7 = x1.fma(FloatVector.broadcast(S, wp[wi + 7]), c7);
        }
        if (relu) {
            c0 = c0.max(0f); c1 = c1.max(0f); c2 = c2.max(0f); c3 = c3.max(0f);
            c4 = c4.max(0f); c5 = c5.max(0f); c6 = c6.max(0f); c7 = c7.max(0f);
        }
        int dst = out1;
        var mask = S.indexInRange(first1, limit);
        c0.intoArray(a, dst, mask);
        c1.intoArray(a, dst + plane, mask);
        c2.intoArray(a, dst + 2 * plane, mask);
        c3.intoArray(a, dst + 3 * plane, mask);
        c4.intoArray(a, dst + 4 * plane, mask);
        c5.intoArray(a, dst + 5 * plane, mask);
        c6.intoArray(a, dst + 6 * plane, mask);
        c7.intoArray(a, dst + 7 * plane, mask);
    }

    /**
     * {@link #pair} for one output row of exactly two vectors (tiles at {@code in} and {@code in + L}), stored split
     * into even and odd columns: channel m + j's even columns at {@code even + j * channelStep}, its odd columns at
     * {@code odd + j * channelStep}, unmasked. This is how a linked output lands in the consumer's phase-split copy.
     */
    void pairUnzipped(float[] a, int in, int w0, int m, int even, int odd, int channelStep) {
        int[] toff = tapOffsets;
        float[] wp = packedWeights;
        int taps = toff.length;
        int in2 = in + L;
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
            FloatVector x1 = FloatVector.fromArray(S, a, in + toff[i]);
            FloatVector x2 = FloatVector.fromArray(S, a, in2 + toff[i]);
            FloatVector w = FloatVector.broadcast(S, wp[wi]);
            c0 = x1.fma(w, c0);
            d0 = x2.fma(w, d0);
            w = FloatVector.broadcast(S, wp[wi + 1]);
            c1 = x1.fma(w, c1);
            d1 = x2.fma(w, d1);
            w = FloatVector.broadcast(S, wp[wi + 2]);
            c2 = x1.fma(w, c2);
            d2 = x2.fma(w, d2);
            w = FloatVector.broadcast(S, wp[wi + 3]);
            c3 = x1.fma(w, c3);
            d3 = x2.fma(w, d3);
            w = FloatVector.broadcast(S, wp[wi + 4]);
            c4 = x1.fma(w, c4);
            d4 = x2.fma(w, d4);
            w = FloatVector.broadcast(S, wp[wi + 5]);
            c5 = x1.fma(w, c5);
            d5 = x2.fma(w, d5);
            w = FloatVector.broadcast(S, wp[wi + 6]);
            c6 = x1.fma(w, c6);
            d6 = x2.fma(w, d6);
            w = FloatVector.broadcast(S, wp[wi + 7]);
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
