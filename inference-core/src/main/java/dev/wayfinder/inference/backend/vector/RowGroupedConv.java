package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution over a row-grouped copy, for output rows much narrower than a vector whose width divides the vector
 * length: one vector then holds {@code L / ow} whole output rows, and the input is copied once per kernel column
 * into segments of (channels x kw x strideH row phases) x (segmentRows x ow), so that for every tap the inputs of
 * those output rows are consecutive floats. Tiles run over the flattened output pixels. The copy is about a third
 * of the size of {@link TapColumnsConv}'s gathered columns.
 */
final class RowGroupedConv extends VectorConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorShuffle<Float> UNZIP_EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> UNZIP_ODD = VectorShuffle.makeUnzip(S, 1);

    /** Rows per segment: the output rows plus the largest row shift of a tap ((kh - 1) x dilationH / strideH). */
    private final int segmentRows;
    /** Floats per segment (segmentRows x ow). */
    private final int segmentFloats;
    /**
     * Stride-2 columns, per kernel column kx: where the split even or odd source columns are stored relative to the
     * segment row ({@code kx * strideH * segmentFloats - e}), and which lanes hold a slot: lanes lo..hi-1 as bits,
     * with the sign bit set when the odd columns are meant; 0 when none.
     */
    private final int[] kernelColumnOffset;
    private final long[] kernelColumnLanes;

    RowGroupedConv(KernelSpec.Conv2d spec) {
        super(spec, tapOffsets(spec), true, 0);
        segmentRows = segmentRows(spec);
        segmentFloats = segmentRows * spec.ow();
        kernelColumnOffset = new int[spec.kw()];
        kernelColumnLanes = new long[spec.kw()];
        for (int kx = 0; kx < spec.kw(); kx++) {
            // Slot ox takes source column 2 * ox + d: lane ox + e of the even (d = 2e) or odd (d = 2e + 1)
            // columns, for the lanes that hold a source column.
            int d = kx * spec.dilationW() - spec.padLeft();
            int e = Math.floorDiv(d, 2);
            boolean odd = (d & 1) != 0;
            int have = odd ? spec.w() / 2 : (spec.w() + 1) / 2;
            int lo = Math.max(0, e);
            int hi = Math.min(Math.min(have, e + spec.ow()), L);
            kernelColumnOffset[kx] = kx * spec.strideH() * segmentFloats - e;
            kernelColumnLanes[kx] = lo < hi ? ((-1L << lo) & ((1L << hi) - 1)) | (odd ? Long.MIN_VALUE : 0) : 0;
        }
    }

    private static int segmentRows(KernelSpec.Conv2d spec) {
        return spec.oh() + (spec.kh() - 1) * spec.dilationH() / spec.strideH();
    }

    /**
     * Tap (ci, ky, kx) reads segment (ci, kx, row phase ky * dilationH % strideH) from segment row
     * ky * dilationH / strideH on.
     */
    private static int[] tapOffsets(KernelSpec.Conv2d spec) {
        int cg = spec.c() / spec.groups();
        int segmentFloats = segmentRows(spec) * spec.ow();
        int[] offsets = new int[cg * spec.kh() * spec.kw()];
        for (int ci = 0, i = 0; ci < cg; ci++) {
            for (int ky = 0; ky < spec.kh(); ky++) {
                for (int kx = 0; kx < spec.kw(); kx++, i++) {
                    int row = ky * spec.dilationH();
                    offsets[i] = ((ci * spec.kw() + kx) * spec.strideH() + row % spec.strideH()) * segmentFloats
                            + row / spec.strideH() * spec.ow();
                }
            }
        }
        return offsets;
    }

    @Override
    int prepare(float[] a, int input, int img, int scratch) {
        fill(a, input + img * inImage, scratch);
        return scratch;
    }

    @Override
    int groupFloats() {
        return spec.c() / spec.groups() * spec.kw() * spec.strideH() * segmentFloats;
    }

    @Override
    public int scratchFloats() {
        return spec.c() * spec.kw() * spec.strideH() * segmentFloats + L;
    }

    @Override
    public boolean persistentScratch() {
        return true;
    }

    /**
     * The row-grouped copy: segment (c, kx, q) row h, column ox holds the padded input at row h * strideH + q,
     * column ox * strideW + kx * dilationW. As in {@link PhaseSplitCopy#fill}, padding slots are never written and stay zero.
     * Stride-2 rows no wider than a vector are split into even and odd columns with one shuffle pair and written
     * with one masked store per kernel column; other shapes copy element by element.
     */
    private void fill(float[] a, int x, int sc) {
        int sh = spec.strideH();
        int w = spec.w();
        int ow = spec.ow();
        int kw = spec.kw();
        int hIn = spec.h();
        int chanStep = kw * sh * segmentFloats;
        boolean fast = spec.strideW() == 2 && w <= L;
        if (fast && kw == 3 && w == L && 2 * ow == L) {
            fillThreeColumnPairs(a, x, sc);
            return;
        }
        if (fast && kw == 3) {
            fillThreeColumns(a, x, sc);
            return;
        }
        VectorMask<Float> rowMask = S.indexInRange(0, w);
        int[] off = kernelColumnOffset;
        long[] bits = kernelColumnLanes;
        for (int c = 0; c < spec.c(); c++) {
            // Padded row r = iy + padTop lies in phase q = r % sh, segment row h = r / sh: counted, not divided.
            int q = spec.padTop() % sh;
            int h = spec.padTop() / sh;
            int src = x + c * hIn * w;
            for (int iy = 0; iy < hIn && h < segmentRows; iy++, src += w) {
                int row = sc + c * chanStep + q * segmentFloats + h * ow;
                if (fast) {
                    FloatVector v = FloatVector.fromArray(S, a, src, rowMask);
                    FloatVector even = v.rearrange(UNZIP_EVEN, v);
                    FloatVector odd = v.rearrange(UNZIP_ODD, v);
                    for (int kx = 0; kx < kw; kx++) {
                        long b = bits[kx];
                        // Two calls rather than one on a chosen vector: a merge of vectors can box them.
                        if (b > 0) {
                            even.intoArray(a, row + off[kx], VectorMask.fromLong(S, b));
                        } else if (b < 0) {
                            odd.intoArray(a, row + off[kx], VectorMask.fromLong(S, b & Long.MAX_VALUE));
                        }
                    }
                } else {
                    for (int kx = 0; kx < kw; kx++) {
                        int dst = row + kx * sh * segmentFloats;
                        int d = kx * spec.dilationW() - spec.padLeft();
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * spec.strideW() + d;
                            if (ix >= 0 && ix < w) {
                                a[dst + ox] = a[src + ix];
                            }
                        }
                    }
                }
                if (++q == sh) {
                    q = 0;
                    h++;
                }
            }
        }
    }

    /**
     * {@link #fill} for three kernel columns and stride-2 rows up to a vector wide, unrolled: each store
     * takes the even or odd columns through a constant blend rather than a branch.
     */
    private void fillThreeColumns(float[] a, int x, int sc) {
        int sh = spec.strideH();
        int w = spec.w();
        int ow = spec.ow();
        int hIn = spec.h();
        int chanStep = 3 * sh * segmentFloats;
        long b0 = kernelColumnLanes[0], b1 = kernelColumnLanes[1], b2 = kernelColumnLanes[2];
        // Masks are made here, not passed in: a vector or mask argument of a call that is not inlined is boxed.
        VectorMask<Float> rowMask = S.indexInRange(0, w);
        VectorMask<Float> m0 = VectorMask.fromLong(S, b0 & Long.MAX_VALUE);
        VectorMask<Float> m1 = VectorMask.fromLong(S, b1 & Long.MAX_VALUE);
        VectorMask<Float> m2 = VectorMask.fromLong(S, b2 & Long.MAX_VALUE);
        VectorMask<Float> odd0 = VectorMask.fromLong(S, b0 < 0 ? -1L : 0L);
        VectorMask<Float> odd1 = VectorMask.fromLong(S, b1 < 0 ? -1L : 0L);
        VectorMask<Float> odd2 = VectorMask.fromLong(S, b2 < 0 ? -1L : 0L);
        int o0 = kernelColumnOffset[0], o1 = kernelColumnOffset[1], o2 = kernelColumnOffset[2];
        int q0 = spec.padTop() % sh;
        int h0 = spec.padTop() / sh;
        for (int c = 0; c < spec.c(); c++) {
            int q = q0;
            int h = h0;
            int src = x + c * hIn * w;
            int base = sc + c * chanStep;
            for (int iy = 0; iy < hIn && h < segmentRows; iy++, src += w) {
                int row = base + q * segmentFloats + h * ow;
                FloatVector v = FloatVector.fromArray(S, a, src, rowMask);
                FloatVector even = v.rearrange(UNZIP_EVEN, v);
                FloatVector odd = v.rearrange(UNZIP_ODD, v);
                even.blend(odd, odd0).intoArray(a, row + o0, m0);
                even.blend(odd, odd1).intoArray(a, row + o1, m1);
                even.blend(odd, odd2).intoArray(a, row + o2, m2);
                if (++q == sh) {
                    q = 0;
                    h++;
                }
            }
        }
    }

    /**
     * {@link #fillThreeColumns} for rows of one vector and output rows of half a vector: input rows iy and
     * iy + strideH fill consecutive segment rows of the same phase, so one two-source shuffle splits both and one
     * store per kernel column writes both (the mask repeated in each half).
     */
    private void fillThreeColumnPairs(float[] a, int x, int sc) {
        int sh = spec.strideH();
        int ow = spec.ow();
        int hIn = spec.h();
        int chanStep = 3 * sh * segmentFloats;
        long b0 = kernelColumnLanes[0] & Long.MAX_VALUE, b1 = kernelColumnLanes[1] & Long.MAX_VALUE, b2 = kernelColumnLanes[2] & Long.MAX_VALUE;
        VectorMask<Float> m0 = VectorMask.fromLong(S, b0);
        VectorMask<Float> m1 = VectorMask.fromLong(S, b1);
        VectorMask<Float> m2 = VectorMask.fromLong(S, b2);
        VectorMask<Float> p0 = VectorMask.fromLong(S, b0 | b0 << ow);
        VectorMask<Float> p1 = VectorMask.fromLong(S, b1 | b1 << ow);
        VectorMask<Float> p2 = VectorMask.fromLong(S, b2 | b2 << ow);
        VectorMask<Float> odd0 = VectorMask.fromLong(S, kernelColumnLanes[0] < 0 ? -1L : 0L);
        VectorMask<Float> odd1 = VectorMask.fromLong(S, kernelColumnLanes[1] < 0 ? -1L : 0L);
        VectorMask<Float> odd2 = VectorMask.fromLong(S, kernelColumnLanes[2] < 0 ? -1L : 0L);
        int o0 = kernelColumnOffset[0], o1 = kernelColumnOffset[1], o2 = kernelColumnOffset[2];
        for (int c = 0; c < spec.c(); c++) {
            int base = sc + c * chanStep;
            int src = x + c * hIn * L;
            for (int iy0 = 0; iy0 < sh && iy0 < hIn; iy0++) {
                int r = iy0 + spec.padTop();
                int h = r / sh;
                int first = base + (r % sh) * segmentFloats;
                int iy = iy0;
                for (; iy + sh < hIn && h + 1 < segmentRows; iy += 2 * sh, h += 2) {
                    int row = first + h * ow;
                    FloatVector v1 = FloatVector.fromArray(S, a, src + iy * L);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + (iy + sh) * L);
                    FloatVector even = v1.rearrange(UNZIP_EVEN, v2);
                    FloatVector odd = v1.rearrange(UNZIP_ODD, v2);
                    even.blend(odd, odd0).intoArray(a, row + o0, p0);
                    even.blend(odd, odd1).intoArray(a, row + o1, p1);
                    even.blend(odd, odd2).intoArray(a, row + o2, p2);
                }
                if (iy < hIn && h < segmentRows) {
                    int row = first + h * ow;
                    FloatVector v = FloatVector.fromArray(S, a, src + iy * L);
                    FloatVector even = v.rearrange(UNZIP_EVEN, v);
                    FloatVector odd = v.rearrange(UNZIP_ODD, v);
                    even.blend(odd, odd0).intoArray(a, row + o0, m0);
                    even.blend(odd, odd1).intoArray(a, row + o1, m1);
                    even.blend(odd, odd2).intoArray(a, row + o2, m2);
                }
            }
        }
    }
}
