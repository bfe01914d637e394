package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The phase-split copy of one input image, (channels x padded rows x strideW phases x slots): the image
 * zero-padded and split by column phase, column {@code x} of a padded row going to phase {@code x % strideW}, slot
 * {@code x / strideW}. Then for every kernel tap the inputs of consecutive output columns are consecutive floats.
 * Read directly by {@link PhaseSplitConv} and gathered into tap columns by {@link TapColumnsConv}; a linked producer
 * writes it through {@link ConvTiles#pairUnzipped} at {@link #evenOffset} and {@link #oddOffset}. Immutable.
 */
final class PhaseSplitCopy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorShuffle<Float> UNZIP_EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> UNZIP_ODD = VectorShuffle.makeUnzip(S, 1);
    private static final VectorMask<Float> HALF = S.indexInRange(0, L / 2);

    private final KernelSpec.Conv2d spec;
    /** Padded input rows the output reads: (oh - 1) x strideH + (kh - 1) x dilationH + 1. */
    final int paddedRows;
    /**
     * Slots per phase of a padded row: the output width rounded up to whole vectors, plus the largest column
     * shift of a tap ((kw - 1) x dilationW / strideW), so that every tile's load stays inside its row.
     */
    final int phaseSlots;
    /** Floats per padded row (strideW phases x phaseSlots). */
    final int rowFloats;
    /** Floats per channel (paddedRows x rowFloats). */
    final int channelFloats;
    /** Source columns below this are split with vectors (stride 2 only); every slot they fill is below phaseSlots. */
    private final int vectorEnd;
    /** Whether every row splits into pairs of whole vectors, so that {@link #fill} runs as {@link #fillPairs}. */
    final boolean pairsOnly;
    /** Where a padded row's even and odd source columns start in its phase-split row (stride 2), in floats. */
    final int evenOffset;
    final int oddOffset;

    PhaseSplitCopy(KernelSpec.Conv2d spec) {
        this.spec = spec;
        paddedRows = (spec.oh() - 1) * spec.strideH() + (spec.kh() - 1) * spec.dilationH() + 1;
        int owp = (spec.ow() + L - 1) / L * L;
        int maxShift = (spec.kw() - 1) * spec.dilationW() / spec.strideW();
        phaseSlots = owp + maxShift;
        rowFloats = spec.strideW() * phaseSlots;
        channelFloats = paddedRows * rowFloats;
        int ve = 0;
        while (spec.strideW() == 2 && ve + L <= spec.w() && ((ve + L - 1 + spec.padLeft()) >> 1) < phaseSlots) {
            ve += L;
        }
        vectorEnd = ve;
        pairsOnly = spec.strideW() == 2 && vectorEnd == spec.w() && spec.w() % (2 * L) == 0;
        int pl = spec.padLeft();
        evenOffset = (pl & 1) * phaseSlots + (pl >> 1);
        oddOffset = (1 - (pl & 1)) * phaseSlots + ((pl + 1) >> 1);
    }

    /** Floats of one image's copy (channels x channelFloats). */
    int imageFloats() {
        return spec.c() * channelFloats;
    }

    /** Floats between the inputs of two consecutive output rows (strideH padded rows). */
    int outputRowStep() {
        return spec.strideH() * rowFloats;
    }

    /** Where the inputs of tap (channel, ky, kx) for output pixel (0, 0) lie, relative to the copy's start. */
    int tapOffset(int channel, int ky, int kx) {
        int col = kx * spec.dilationW();
        int row = ky * spec.dilationH();
        return channel * channelFloats + row * rowFloats + (col % spec.strideW()) * phaseSlots + col / spec.strideW();
    }

    /** {@link #tapOffset} for every tap of one group, (channels of a group x kh x kw) in weight order. */
    int[] groupTapOffsets() {
        int cg = spec.c() / spec.groups();
        int[] offsets = new int[cg * spec.kh() * spec.kw()];
        for (int ci = 0, i = 0; ci < cg; ci++) {
            for (int ky = 0; ky < spec.kh(); ky++) {
                for (int kx = 0; kx < spec.kw(); kx++, i++) {
                    offsets[i] = tapOffset(ci, ky, kx);
                }
            }
        }
        return offsets;
    }

    /**
     * Copies the image at {@code x} (channels x height x width) into the copy at {@code sc}. Only slots that hold
     * input values are written: the padding slots are never written by anyone (the copy lives in persistent
     * scratch or a linked buffer), so they stay zero from the arena's creation.
     */
    void fill(float[] a, int x, int sc) {
        if (pairsOnly) {
            fillPairs(a, x, sc);
            return;
        }
        KernelSpec.Conv2d s = spec;
        int rl = phaseSlots;
        int sw = s.strideW();
        int w = s.w();
        int rowFirst = Math.max(0, s.padTop());
        int rowEnd = Math.min(paddedRows, s.h() + s.padTop());
        for (int c = 0; c < s.c(); c++) {
            for (int r = rowFirst; r < rowEnd; r++) {
                int row = sc + c * channelFloats + r * rowFloats;
                int src = x + (c * s.h() + r - s.padTop()) * w;
                if (sw == 1) {
                    int lo = Math.max(0, s.padLeft());
                    int hi = Math.min(rl, w + s.padLeft());
                    System.arraycopy(a, src + lo - s.padLeft(), a, row + lo, hi - lo);
                    continue;
                }
                // Split pairs of full vectors of source columns into even and odd padded columns: one full
                // store per phase (the same slots the single-vector form below writes with two half stores).
                int sx0 = 0;
                for (; sx0 + 2 * L <= vectorEnd; sx0 += 2 * L) {
                    FloatVector v1 = FloatVector.fromArray(S, a, src + sx0);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + sx0 + L);
                    int pc = sx0 + s.padLeft();
                    int evenPhase = pc & 1;
                    v1.rearrange(UNZIP_EVEN, v2).intoArray(a, row + evenPhase * rl + (pc >> 1));
                    v1.rearrange(UNZIP_ODD, v2).intoArray(a, row + (1 - evenPhase) * rl + ((pc + 1) >> 1));
                }
                // Split full vectors of source columns into even and odd padded columns.
                for (int sx = sx0; sx < vectorEnd; sx += L) {
                    FloatVector v = FloatVector.fromArray(S, a, src + sx);
                    int pc = sx + s.padLeft();
                    int evenPhase = pc & 1;
                    v.rearrange(UNZIP_EVEN, v).intoArray(a, row + evenPhase * rl + (pc >> 1), HALF);
                    v.rearrange(UNZIP_ODD, v).intoArray(a, row + (1 - evenPhase) * rl + ((pc + 1) >> 1), HALF);
                }
                for (int sx = vectorEnd; sx < w; sx++) {
                    int pc = sx + s.padLeft();
                    int slot = pc / sw;
                    if (slot < rl) {
                        a[row + (pc % sw) * rl + slot] = a[src + sx];
                    }
                }
            }
        }
    }

    /**
     * {@link #fill} when every row splits into pairs of full vectors (stride 2, width a multiple of two vectors):
     * the same stores without the per-row index arithmetic, which cost more than the copying.
     */
    private void fillPairs(float[] a, int x, int sc) {
        KernelSpec.Conv2d s = spec;
        int w = s.w();
        int rows = Math.min(paddedRows, s.h() + s.padTop()) - s.padTop();
        int evenOff = evenOffset;
        int oddOff = oddOffset;
        int rs = rowFloats;
        int cs = channelFloats;
        if (w == 2 * L) {
            // One pair per row: no inner loop (the JIT's loop set-up for a single trip costs more than the copy).
            for (int c = 0; c < s.c(); c++) {
                int row = sc + c * cs + s.padTop() * rs;
                int src = x + c * s.h() * w;
                for (int i = 0; i < rows; i++, row += rs, src += w) {
                    FloatVector v1 = FloatVector.fromArray(S, a, src);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + L);
                    v1.rearrange(UNZIP_EVEN, v2).intoArray(a, row + evenOff);
                    v1.rearrange(UNZIP_ODD, v2).intoArray(a, row + oddOff);
                }
            }
            return;
        }
        if (w == 4 * L) {
            for (int c = 0; c < s.c(); c++) {
                int row = sc + c * cs + s.padTop() * rs;
                int src = x + c * s.h() * w;
                for (int i = 0; i < rows; i++, row += rs, src += w) {
                    FloatVector v1 = FloatVector.fromArray(S, a, src);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + L);
                    FloatVector v3 = FloatVector.fromArray(S, a, src + 2 * L);
                    FloatVector v4 = FloatVector.fromArray(S, a, src + 3 * L);
                    v1.rearrange(UNZIP_EVEN, v2).intoArray(a, row + evenOff);
                    v1.rearrange(UNZIP_ODD, v2).intoArray(a, row + oddOff);
                    v3.rearrange(UNZIP_EVEN, v4).intoArray(a, row + evenOff + L);
                    v3.rearrange(UNZIP_ODD, v4).intoArray(a, row + oddOff + L);
                }
            }
            return;
        }
        for (int c = 0; c < s.c(); c++) {
            int row = sc + c * cs + s.padTop() * rs;
            int src = x + c * s.h() * w;
            for (int i = 0; i < rows; i++, row += rs, src += w) {
                for (int j = 0; j < w; j += 2 * L) {
                    FloatVector v1 = FloatVector.fromArray(S, a, src + j);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + j + L);
                    v1.rearrange(UNZIP_EVEN, v2).intoArray(a, row + evenOff + (j >> 1));
                    v1.rearrange(UNZIP_ODD, v2).intoArray(a, row + oddOff + (j >> 1));
                }
            }
        }
    }
}
