package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Activation;
import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct convolution, im2col only for narrow outputs. Each image is first copied into scratch zero-padded and split by column
 * phase (column {@code x} of a padded row goes to phase {@code x % strideW}, slot {@code x / strideW}), so that
 * for every kernel tap the inputs of consecutive output columns are consecutive floats: one vector load per
 * tap feeds eight output channels (eight accumulators, weights broadcast from a [c][kh][kw][8] packing).
 * Output is written straight into NCHW rows, with masked stores at the row end. When output rows are much
 * narrower than a vector (e.g. 8 of 16 lanes), half the lanes would idle; then tiles run over the flattened
 * output pixels instead: if the output width divides the vector length, over a row-grouped copy (one segment per
 * channel, kernel column and row phase, so that one vector load per tap covers whole output rows), otherwise over
 * tap columns gathered from the phase-split copy (one vector copy per tap and output row).
 *
 * <p>When the compiler links this kernel to the convolution that reads its output ({@link #writingLinked}), the
 * output goes straight into that reader's phase-split copy instead, and the reader skips its own copy.
 */
final class VectorConv implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MB = 8;
    private static final VectorShuffle<Float> UNZIP_EVEN = VectorShuffle.makeUnzip(S, 0);
    private static final VectorShuffle<Float> UNZIP_ODD = VectorShuffle.makeUnzip(S, 1);
    private static final VectorMask<Float> HALF = S.indexInRange(0, L / 2);

    private final KernelSpec.Conv2d s;
    private final int cg;
    private final int mg;
    private final int hp;
    private final int rl;
    private final int planeStride;
    private final int rowStride;
    /** Per tap (ci, ky, kx) in weight order: the scratch offset of its input relative to the tile's origin. */
    private final int[] toff;
    private final float[] wp;
    private final float[] bias;
    private final boolean relu;
    /** Whether tiles run over flattened output pixels of gathered tap columns (narrow outputs). */
    private final boolean cols;
    /** Floats per tap column (output pixels rounded up, plus one vector of slack). */
    private final int pp;
    /** Source columns below this are deinterleaved with vectors (stride 2 only); every slot they fill is < rl. */
    private final int vecEnd;
    /**
     * Whether narrow outputs use the row-grouped copy instead of gathered columns: when the output width divides
     * the vector length, one vector holds {@code L / ow} whole output rows, and the input is copied once per
     * kernel column into [c][kx][row phase][row / strideH][ow] segments, so that for every tap the inputs of
     * those output rows are consecutive floats. That copy is about a third of the gathered columns' size.
     */
    private final boolean grouped;
    /** Rows per row-grouped segment (output rows plus the largest row shift of a tap). */
    private final int segRows;
    /** Floats per row-grouped segment. */
    private final int seg;
    /**
     * Row-grouped copy with stride-2 columns, per kernel column kx: where the split even or odd source columns
     * are stored relative to the segment row ({@code kx * strideH * seg - e}), and which lanes hold a slot:
     * lanes lo..hi-1 as bits, with the sign bit set when the odd columns are meant; 0 when none.
     */
    private final int[] kxOff;
    private final long[] kxBits;
    /** Whether {@link #fill} can run as {@link #fillPairs}. */
    private final boolean pairsOnly;
    /** In the phase-split copy, where a padded row's even and odd source columns start (stride 2). */
    private final int evenOff;
    private final int oddOff;

    /**
     * When not null, the output goes straight into this consumer's phase-split input copy (see
     * {@link #writingLinked}) instead of NCHW rows.
     */
    private final VectorConv target;
    /** Whether the first input already is this kernel's phase-split copy, written by the step before. */
    private final boolean prelaid;

    /**
     * Output-channel units in run order (per group, blocks of eight channels, then single channels): the first
     * channel, the group, the first packed weight and whether it is a block of eight. {@link #runPart} gives each
     * part a run of whole units; {@code unitCost[u]} is the number of channels before unit u.
     */
    private final int[] unitM;
    private final int[] unitG;
    private final int[] unitWi;
    private final boolean[] unitEight;
    private final int[] unitCost;

    VectorConv(KernelSpec.Conv2d s) {
        this(s, null, false);
    }

    private VectorConv(KernelSpec.Conv2d s, VectorConv target, boolean prelaid) {
        this.target = target;
        this.prelaid = prelaid;
        this.s = s;
        cg = s.c() / s.groups();
        mg = s.m() / s.groups();
        hp = (s.oh() - 1) * s.strideH() + (s.kh() - 1) * s.dilationH() + 1;
        int owp = (s.ow() + L - 1) / L * L;
        int maxShift = (s.kw() - 1) * s.dilationW() / s.strideW();
        rl = owp + maxShift;
        rowStride = s.strideW() * rl;
        planeStride = hp * rowStride;
        int pixels = s.oh() * s.ow();
        cols = s.ow() < L && 4 * (L - s.ow()) > L;
        grouped = cols && L % s.ow() == 0;
        pp = (pixels + L - 1) / L * L + L;
        segRows = s.oh() + (s.kh() - 1) * s.dilationH() / s.strideH();
        seg = segRows * s.ow();
        kxOff = new int[s.kw()];
        kxBits = new long[s.kw()];
        for (int kx = 0; kx < s.kw(); kx++) {
            // Slot ox takes source column 2 * ox + d: lane ox + e of the even (d = 2e) or odd (d = 2e + 1)
            // columns, for the lanes that hold a source column.
            int d = kx * s.dilationW() - s.padLeft();
            int e = Math.floorDiv(d, 2);
            boolean odd = (d & 1) != 0;
            int have = odd ? s.w() / 2 : (s.w() + 1) / 2;
            int lo = Math.max(0, e);
            int hi = Math.min(Math.min(have, e + s.ow()), L);
            kxOff[kx] = kx * s.strideH() * segRows * s.ow() - e;
            kxBits[kx] = lo < hi ? ((-1L << lo) & ((1L << hi) - 1)) | (odd ? Long.MIN_VALUE : 0) : 0;
        }
        toff = new int[cg * s.kh() * s.kw()];
        for (int ci = 0, i = 0; ci < cg; ci++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++, i++) {
                    int col = kx * s.dilationW();
                    int row = ky * s.dilationH();
                    toff[i] = grouped ? ((ci * s.kw() + kx) * s.strideH() + row % s.strideH()) * seg
                            + row / s.strideH() * s.ow()
                            : cols ? i * pp : ci * planeStride + row * rowStride
                            + (col % s.strideW()) * rl + col / s.strideW();
                }
            }
        }
        wp = pack(s, cg, mg);
        bias = s.bias().clone();
        relu = s.activation().kind() == Activation.Kind.RELU;
        int ve = 0;
        while (s.strideW() == 2 && ve + L <= s.w() && ((ve + L - 1 + s.padLeft()) >> 1) < rl) {
            ve += L;
        }
        vecEnd = ve;
        pairsOnly = s.strideW() == 2 && vecEnd == s.w() && s.w() % (2 * L) == 0;
        int pl = s.padLeft();
        evenOff = (pl & 1) * rl + (pl >> 1);
        oddOff = (1 - (pl & 1)) * rl + ((pl + 1) >> 1);
        int taps = cg * s.kh() * s.kw();
        int units = s.groups() * (mg / MB + mg % MB);
        unitM = new int[units];
        unitG = new int[units];
        unitWi = new int[units];
        unitEight = new boolean[units];
        unitCost = new int[units + 1];
        for (int g = 0, u = 0, wi = 0; g < s.groups(); g++) {
            for (int mb = 0; mb < mg; u++) {
                boolean eight = mb + MB <= mg;
                unitM[u] = g * mg + mb;
                unitG[u] = g;
                unitWi[u] = wi;
                unitEight[u] = eight;
                int width = eight ? MB : 1;
                unitCost[u + 1] = unitCost[u] + width;
                wi += taps * width;
                mb += width;
            }
        }
    }

    /** Weights in run order: per group, blocks of 8 channels as [ci][ky][kx][8], then single channels. */
    private static float[] pack(KernelSpec.Conv2d s, int cg, int mg) {
        int taps = cg * s.kh() * s.kw();
        float[] src = s.weight();
        float[] dst = new float[src.length];
        int d = 0;
        for (int g = 0; g < s.groups(); g++) {
            int mb = 0;
            for (; mb + MB <= mg; mb += MB) {
                for (int t = 0; t < taps; t++) {
                    for (int q = 0; q < MB; q++) {
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

    @Override
    public int scratchFloats() {
        if (prelaid) {
            return 0;
        }
        if (grouped) {
            return s.c() * s.kw() * s.strideH() * seg + L;
        }
        return s.c() * planeStride + (cols ? s.c() * s.kh() * s.kw() * pp : 0) + L;
    }

    @Override
    public boolean persistentScratch() {
        return !prelaid;
    }

    /** The phase-split copies of the whole batch, one after the other, plus a vector of slack; 0 if not offered. */
    @Override
    public int linkedInputFloats() {
        return pairsOnly && !cols && s.groups() == 1 ? s.n() * s.c() * planeStride + L : 0;
    }

    /**
     * Links when every tile pair of this convolution is one whole output row of two vectors (so a pair's
     * accumulators split into the consumer's even and odd columns like {@link #fillPairs} splits a row), all
     * channels run in blocks of eight, and no epilogue follows the stores.
     */
    @Override
    public Kernel writingLinked(Kernel consumer) {
        if (!(consumer instanceof VectorConv c) || c.linkedInputFloats() <= 0 || target != null || prelaid) {
            return null;
        }
        KernelSpec.Conv2d t = c.s;
        boolean fits = !cols && s.ow() == 2 * L && s.groups() == 1 && s.m() % MB == 0
                && !Epilogue.needed(s.activation()) && t.n() == s.n() && t.c() == s.m() && t.h() == s.oh()
                && t.w() == s.ow() && t.padTop() + t.h() <= c.hp;
        return fits ? new VectorConv(s, c, false) : null;
    }

    @Override
    public Kernel readingLinked() {
        return new VectorConv(s, null, true);
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int outImage = s.m() * s.oh() * s.ow();
        if (target != null) {
            runLinked(a, in[0], out, scratch);
            return;
        }
        for (int img = 0; img < s.n(); img++) {
            if (prelaid) {
                // The step before wrote this image's phase-split copy into the input itself.
                scratch = in[0] + img * s.c() * planeStride;
            } else if (grouped) {
                fillGrouped(a, in[0] + img * s.c() * s.h() * s.w(), scratch);
            } else {
                fill(a, in[0] + img * s.c() * s.h() * s.w(), scratch);
                if (cols) {
                    gather(a, scratch);
                }
            }
            units(a, scratch, out + img * outImage, 0, unitM.length);
        }
        if (Epilogue.needed(s.activation())) {
            Epilogue.apply(s.activation(), a, out, s.n() * outImage);
        }
    }

    /** Computes output-channel units {@code u0..u1-1} of one image from its prepared copy at {@code scratch}. */
    private void units(float[] a, int scratch, int outImg, int u0, int u1) {
        int taps = cg * s.kh() * s.kw();
        int groupTaps = grouped ? cg * s.kw() * s.strideH() * seg : cols ? taps * pp : cg * planeStride;
        int base = cols && !grouped ? scratch + s.c() * planeStride : scratch;
        int plane = s.oh() * s.ow();
        for (int u = u0; u < u1; u++) {
            int m = unitM[u];
            if (unitEight[u]) {
                block8(a, base + unitG[u] * groupTaps, outImg + m * plane, unitWi[u], m);
            } else {
                single(a, base + unitG[u] * groupTaps, outImg + m * plane, unitWi[u], m);
            }
        }
    }

    /** Output-channel units (blocks of eight channels and single channels) that {@link #runPart} can share out. */
    @Override
    public int splitUnits() {
        return unitM.length;
    }

    /**
     * Part {@code part} of {@code parts}: a run of whole output-channel units holding about an equal share of the
     * channels. Each part prepares its own copy of the input in its own scratch (the copy is a few percent of the
     * work, a second hand-off between threads would cost more) and computes its channels with the same tile
     * methods as {@link #run}, so the result is bit for bit that of the unsplit kernel.
     */
    @Override
    public void runPart(float[] a, int[] in, int out, int scratch, int part, int parts) {
        int u0 = unitAt(part, parts);
        int u1 = unitAt(part + 1, parts);
        if (u0 >= u1) {
            return;
        }
        int outImage = s.m() * s.oh() * s.ow();
        int plane = s.oh() * s.ow();
        for (int img = 0; img < s.n(); img++) {
            int sc = scratch;
            if (prelaid) {
                sc = in[0] + img * s.c() * planeStride;
            } else if (grouped) {
                fillGrouped(a, in[0] + img * s.c() * s.h() * s.w(), scratch);
            } else {
                fill(a, in[0] + img * s.c() * s.h() * s.w(), scratch);
                if (cols && target == null) {
                    gather(a, scratch);
                }
            }
            if (target != null) {
                linkedUnits(a, sc, out, img, u0, u1);
            } else {
                units(a, sc, out + img * outImage, u0, u1);
                if (Epilogue.needed(s.activation())) {
                    int from = unitM[u0];
                    int to = unitM[u1 - 1] + (unitEight[u1 - 1] ? MB : 1);
                    Epilogue.apply(s.activation(), a, out + img * outImage + from * plane, (to - from) * plane);
                }
            }
        }
    }

    /** The first unit of part {@code part} of {@code parts}: where the channels before it reach the part's share. */
    private int unitAt(int part, int parts) {
        int units = unitM.length;
        if (part >= parts) {
            return units;
        }
        long want = (long) unitCost[units] * part / parts;
        int u = 0;
        while (u < units && unitCost[u] < want) {
            u++;
        }
        return u;
    }

    /**
     * Copies one image into scratch, phase-split. Only slots that hold input values are written: the padding
     * slots are never written by anyone (the scratch is persistent), so they stay zero from the arena's creation.
     */
    private void fill(float[] a, int x, int sc) {
        if (pairsOnly) {
            fillPairs(a, x, sc);
            return;
        }
        int sw = s.strideW();
        int w = s.w();
        int rowFirst = Math.max(0, s.padTop());
        int rowEnd = Math.min(hp, s.h() + s.padTop());
        for (int c = 0; c < s.c(); c++) {
            for (int r = rowFirst; r < rowEnd; r++) {
                int row = sc + c * planeStride + r * rowStride;
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
                for (; sx0 + 2 * L <= vecEnd; sx0 += 2 * L) {
                    FloatVector v1 = FloatVector.fromArray(S, a, src + sx0);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + sx0 + L);
                    int pc = sx0 + s.padLeft();
                    int evenPhase = pc & 1;
                    v1.rearrange(UNZIP_EVEN, v2).intoArray(a, row + evenPhase * rl + (pc >> 1));
                    v1.rearrange(UNZIP_ODD, v2).intoArray(a, row + (1 - evenPhase) * rl + ((pc + 1) >> 1));
                }
                // Split full vectors of source columns into even and odd padded columns.
                for (int sx = sx0; sx < vecEnd; sx += L) {
                    FloatVector v = FloatVector.fromArray(S, a, src + sx);
                    int pc = sx + s.padLeft();
                    int evenPhase = pc & 1;
                    v.rearrange(UNZIP_EVEN, v).intoArray(a, row + evenPhase * rl + (pc >> 1), HALF);
                    v.rearrange(UNZIP_ODD, v).intoArray(a, row + (1 - evenPhase) * rl + ((pc + 1) >> 1), HALF);
                }
                for (int sx = vecEnd; sx < w; sx++) {
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
        int w = s.w();
        int rows = Math.min(hp, s.h() + s.padTop()) - s.padTop();
        int evenOff = this.evenOff;
        int oddOff = this.oddOff;
        int rs = rowStride;
        if (w == 2 * L) {
            // One pair per row: no inner loop (the JIT's loop set-up for a single trip costs more than the copy).
            for (int c = 0; c < s.c(); c++) {
                int row = sc + c * planeStride + s.padTop() * rs;
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
                int row = sc + c * planeStride + s.padTop() * rs;
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
            int row = sc + c * planeStride + s.padTop() * rs;
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

    /**
     * The row-grouped copy: segment (c, kx, q) row h, column ox holds the padded input at row h * strideH + q,
     * column ox * strideW + kx * dilationW. As in {@link #fill}, padding slots are never written and stay zero.
     * Stride-2 rows no wider than a vector are split into even and odd columns with one shuffle pair and written
     * with one masked store per kernel column; other shapes copy element by element.
     */
    private void fillGrouped(float[] a, int x, int sc) {
        int sh = s.strideH();
        int w = s.w();
        int ow = s.ow();
        int kw = s.kw();
        int hIn = s.h();
        int chanStep = kw * sh * seg;
        boolean fast = s.strideW() == 2 && w <= L;
        if (fast && kw == 3 && w == L && 2 * ow == L) {
            fillGrouped3Pairs(a, x, sc);
            return;
        }
        if (fast && kw == 3) {
            fillGrouped3(a, x, sc);
            return;
        }
        VectorMask<Float> rowMask = S.indexInRange(0, w);
        int[] off = kxOff;
        long[] bits = kxBits;
        for (int c = 0; c < s.c(); c++) {
            // Padded row r = iy + padTop lies in phase q = r % sh, segment row h = r / sh: counted, not divided.
            int q = s.padTop() % sh;
            int h = s.padTop() / sh;
            int src = x + c * hIn * w;
            for (int iy = 0; iy < hIn && h < segRows; iy++, src += w) {
                int row = sc + c * chanStep + q * seg + h * ow;
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
                        int dst = row + kx * sh * seg;
                        int d = kx * s.dilationW() - s.padLeft();
                        for (int ox = 0; ox < ow; ox++) {
                            int ix = ox * s.strideW() + d;
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
     * {@link #fillGrouped} for three kernel columns and stride-2 rows up to a vector wide, unrolled: each store
     * takes the even or odd columns through a constant blend rather than a branch.
     */
    private void fillGrouped3(float[] a, int x, int sc) {
        int sh = s.strideH();
        int w = s.w();
        int ow = s.ow();
        int hIn = s.h();
        int chanStep = 3 * sh * seg;
        long b0 = kxBits[0], b1 = kxBits[1], b2 = kxBits[2];
        // Masks are made here, not passed in: a vector or mask argument of a call that is not inlined is boxed.
        VectorMask<Float> rowMask = S.indexInRange(0, w);
        VectorMask<Float> m0 = VectorMask.fromLong(S, b0 & Long.MAX_VALUE);
        VectorMask<Float> m1 = VectorMask.fromLong(S, b1 & Long.MAX_VALUE);
        VectorMask<Float> m2 = VectorMask.fromLong(S, b2 & Long.MAX_VALUE);
        VectorMask<Float> odd0 = VectorMask.fromLong(S, b0 < 0 ? -1L : 0L);
        VectorMask<Float> odd1 = VectorMask.fromLong(S, b1 < 0 ? -1L : 0L);
        VectorMask<Float> odd2 = VectorMask.fromLong(S, b2 < 0 ? -1L : 0L);
        int o0 = kxOff[0], o1 = kxOff[1], o2 = kxOff[2];
        int q0 = s.padTop() % sh;
        int h0 = s.padTop() / sh;
        for (int c = 0; c < s.c(); c++) {
            int q = q0;
            int h = h0;
            int src = x + c * hIn * w;
            int base = sc + c * chanStep;
            for (int iy = 0; iy < hIn && h < segRows; iy++, src += w) {
                int row = base + q * seg + h * ow;
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
     * {@link #fillGrouped3} for rows of one vector and output rows of half a vector: input rows iy and
     * iy + strideH fill consecutive segment rows of the same phase, so one two-source shuffle splits both and one
     * store per kernel column writes both (the mask repeated in each half).
     */
    private void fillGrouped3Pairs(float[] a, int x, int sc) {
        int sh = s.strideH();
        int ow = s.ow();
        int hIn = s.h();
        int chanStep = 3 * sh * seg;
        long b0 = kxBits[0] & Long.MAX_VALUE, b1 = kxBits[1] & Long.MAX_VALUE, b2 = kxBits[2] & Long.MAX_VALUE;
        VectorMask<Float> m0 = VectorMask.fromLong(S, b0);
        VectorMask<Float> m1 = VectorMask.fromLong(S, b1);
        VectorMask<Float> m2 = VectorMask.fromLong(S, b2);
        VectorMask<Float> p0 = VectorMask.fromLong(S, b0 | b0 << ow);
        VectorMask<Float> p1 = VectorMask.fromLong(S, b1 | b1 << ow);
        VectorMask<Float> p2 = VectorMask.fromLong(S, b2 | b2 << ow);
        VectorMask<Float> odd0 = VectorMask.fromLong(S, kxBits[0] < 0 ? -1L : 0L);
        VectorMask<Float> odd1 = VectorMask.fromLong(S, kxBits[1] < 0 ? -1L : 0L);
        VectorMask<Float> odd2 = VectorMask.fromLong(S, kxBits[2] < 0 ? -1L : 0L);
        int o0 = kxOff[0], o1 = kxOff[1], o2 = kxOff[2];
        for (int c = 0; c < s.c(); c++) {
            int base = sc + c * chanStep;
            int src = x + c * hIn * L;
            for (int iy0 = 0; iy0 < sh && iy0 < hIn; iy0++) {
                int r = iy0 + s.padTop();
                int h = r / sh;
                int first = base + (r % sh) * seg;
                int iy = iy0;
                for (; iy + sh < hIn && h + 1 < segRows; iy += 2 * sh, h += 2) {
                    int row = first + h * ow;
                    FloatVector v1 = FloatVector.fromArray(S, a, src + iy * L);
                    FloatVector v2 = FloatVector.fromArray(S, a, src + (iy + sh) * L);
                    FloatVector even = v1.rearrange(UNZIP_EVEN, v2);
                    FloatVector odd = v1.rearrange(UNZIP_ODD, v2);
                    even.blend(odd, odd0).intoArray(a, row + o0, p0);
                    even.blend(odd, odd1).intoArray(a, row + o1, p1);
                    even.blend(odd, odd2).intoArray(a, row + o2, p2);
                }
                if (iy < hIn && h < segRows) {
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

    /** Copies each tap's inputs for all output pixels into its column: one vector copy per tap and output row. */
    private void gather(float[] a, int sc) {
        int ow = s.ow();
        int colBase = sc + s.c() * planeStride;
        int rowStep = s.strideH() * rowStride;
        for (int c = 0, t = 0; c < s.c(); c++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++, t++) {
                    int col = kx * s.dilationW();
                    int src = sc + c * planeStride + ky * s.dilationH() * rowStride + (col % s.strideW()) * rl
                            + col / s.strideW();
                    int dst = colBase + t * pp;
                    // Each full-vector store also writes lanes past the row; the next row overwrites them.
                    for (int oy = 0; oy < s.oh(); oy++, src += rowStep, dst += ow) {
                        FloatVector.fromArray(S, a, src).intoArray(a, dst);
                    }
                }
            }
        }
    }

    private void block8(float[] a, int sc, int o, int w0, int m) {
        int tilesPerRow = (s.ow() + L - 1) / L;
        int tiles = cols ? (s.oh() * s.ow() + L - 1) / L : s.oh() * tilesPerRow;
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
        int ow = s.ow();
        int plane = s.oh() * ow;
        int rowStep = s.strideH() * rowStride;
        int taps = toff.length;
        int in1, in2, q1, q2, m1, m2, lim;
        if (cols) {
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
            int wi = w0 + i * MB;
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

    /** {@link #run} for a linked output: every tile pair is one output row, written into the consumer's copy. */
    private void runLinked(float[] a, int x, int out, int scratch) {
        int taps = toff.length;
        int tImage = target.s.c() * target.planeStride;
        for (int img = 0; img < s.n(); img++) {
            fill(a, x + img * s.c() * s.h() * s.w(), scratch);
            int wi = 0;
            for (int m = 0; m < s.m(); m += MB) {
                // Output row oy is the consumer's padded row oy + padTop.
                int row = out + img * tImage + m * target.planeStride + target.s.padTop() * target.rowStride;
                for (int t = 0; t < 2 * s.oh(); t += 2, row += target.rowStride) {
                    pairLinked(a, scratch, row, wi, m, t);
                }
                wi += taps * MB;
            }
        }
    }

    /** {@link #runLinked}'s channel blocks {@code u0..u1-1} of image {@code img} (every unit is a block of eight). */
    private void linkedUnits(float[] a, int sc, int out, int img, int u0, int u1) {
        int tImage = target.s.c() * target.planeStride;
        for (int u = u0; u < u1; u++) {
            int m = unitM[u];
            int row = out + img * tImage + m * target.planeStride + target.s.padTop() * target.rowStride;
            for (int t = 0; t < 2 * s.oh(); t += 2, row += target.rowStride) {
                pairLinked(a, sc, row, unitWi[u], m, t);
            }
        }
    }

    /**
     * {@link #pair} for a linked output: tiles t and t + 1 are one output row (oy = t / 2), and each channel's row
     * is split into even and odd columns and stored in the consumer's copy at {@code dst} (the channel's padded row).
     */
    private void pairLinked(float[] a, int sc, int dst, int w0, int m, int t) {
        int rowStep = s.strideH() * rowStride;
        int taps = toff.length;
        int oy = t >> 1;
        int in1 = sc + oy * rowStep;
        int in2 = in1 + L;
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
            int wi = w0 + i * MB;
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
        int tp = target.planeStride;
        int ev = dst + target.evenOff;
        int od = dst + target.oddOff;
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

    /** Eight output channels of one output tile. */
    private void one(float[] a, int sc, int o, int w0, int m, int t, int tilesPerRow) {
        int ow = s.ow();
        int plane = s.oh() * ow;
        int rowStep = s.strideH() * rowStride;
        int taps = toff.length;
        int in1, d1, m1, lim;
        if (cols) {
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
            int wi = w0 + i * MB;
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

    private void single(float[] a, int sc, int o, int w0, int m) {
        int ow = s.ow();
        int plane = s.oh() * ow;
        int rowStep = s.strideH() * rowStride;
        int taps = toff.length;
        int tilesPerRow = (ow + L - 1) / L;
        int tiles = cols ? (plane + L - 1) / L : s.oh() * tilesPerRow;
        for (int t = 0; t < tiles; t++) {
            int in1, d1, m1, lim;
            if (cols) {
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
                c0 = FloatVector.fromArray(S, a, in1 + toff[i]).fma(FloatVector.broadcast(S, wp[w0 + i]), c0);
            }
            if (relu) {
                c0 = c0.max(0f);
            }
            c0.intoArray(a, o + d1, S.indexInRange(m1, lim));
        }
    }
}
