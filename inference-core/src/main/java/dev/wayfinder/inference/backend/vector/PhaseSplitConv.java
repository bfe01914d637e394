package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;

/**
 * Convolution over the {@link PhaseSplitCopy} of each image, tiles along output rows: for every tap, the inputs of
 * a tile of consecutive output columns are consecutive floats of one phase row, and the outputs go straight into
 * NCHW rows with masked stores at the row end. The layout for outputs at least about a vector wide.
 *
 * <p>When the compiler links this kernel to the convolution that reads its output ({@link #writingLinked}), the
 * output goes straight into that reader's phase-split copy instead, and the reader ({@link #readingLinked}) skips
 * its own copy.
 */
final class PhaseSplitConv extends VectorConv {
    /** This kernel's own input copy. */
    private final PhaseSplitCopy copy;
    /**
     * When not null, the output goes straight into this consumer's phase-split input copy (see
     * {@link #writingLinked}) instead of NCHW rows.
     */
    private final PhaseSplitCopy into;
    /** The consumer's top padding: output row oy lands in its padded row oy + intoPadTop. */
    private final int intoPadTop;
    /** Whether the first input already is this kernel's phase-split copy, written by the step before. */
    private final boolean prelaid;

    PhaseSplitConv(KernelSpec.Conv2d spec) {
        this(spec, new PhaseSplitCopy(spec), null, 0, false);
    }

    private PhaseSplitConv(KernelSpec.Conv2d spec, PhaseSplitCopy copy, PhaseSplitCopy into, int intoPadTop,
                           boolean prelaid) {
        super(spec, copy.groupTapOffsets(), false, copy.outputRowStep());
        this.copy = copy;
        this.into = into;
        this.intoPadTop = intoPadTop;
        this.prelaid = prelaid;
    }

    @Override
    int prepare(float[] a, int input, int img, int scratch) {
        if (prelaid) {
            // The step before wrote this image's phase-split copy into the input itself.
            return input + img * copy.imageFloats();
        }
        copy.fill(a, input + img * inImage, scratch);
        return scratch;
    }

    @Override
    int groupFloats() {
        return spec.c() / spec.groups() * copy.channelFloats;
    }

    /**
     * For a linked output: every unit is a block of eight channels and every output row one tile pair, whose
     * accumulators are split into the consumer's even and odd columns like {@link PhaseSplitCopy} splits a row.
     */
    @Override
    void units(float[] a, int copyAt, int out, int img, int u0, int u1) {
        if (into == null) {
            super.units(a, copyAt, out, img, u0, u1);
            return;
        }
        int rowStep = copy.outputRowStep();
        int image = out + img * into.imageFloats();
        for (int u = u0; u < u1; u++) {
            int m = unitChannel[u];
            int row = image + m * into.channelFloats + intoPadTop * into.rowFloats;
            for (int oy = 0; oy < spec.oh(); oy++, row += into.rowFloats) {
                tiles.pairUnzipped(a, copyAt + oy * rowStep, unitWeight[u], m, row + into.evenOffset,
                        row + into.oddOffset, into.channelFloats);
            }
        }
    }

    @Override
    public int scratchFloats() {
        return prelaid ? 0 : copy.imageFloats() + L;
    }

    @Override
    public boolean persistentScratch() {
        return !prelaid;
    }

    /** The phase-split copies of the whole batch, one after the other, plus a vector of slack; 0 if not offered. */
    @Override
    public int linkedInputFloats() {
        return copy.pairsOnly && spec.groups() == 1 ? spec.n() * copy.imageFloats() + L : 0;
    }

    /**
     * Links when every tile pair of this convolution is one whole output row of two vectors (so a pair's
     * accumulators split into the consumer's even and odd columns like {@link PhaseSplitCopy#fill} splits a row),
     * all channels run in blocks of eight, and no epilogue follows the stores.
     */
    @Override
    public Kernel writingLinked(Kernel consumer) {
        if (!(consumer instanceof PhaseSplitConv c) || c.linkedInputFloats() <= 0 || into != null || prelaid) {
            return null;
        }
        KernelSpec.Conv2d s = spec;
        KernelSpec.Conv2d t = c.spec;
        boolean fits = s.ow() == 2 * L && s.groups() == 1 && s.m() % ConvTiles.BLOCK == 0
                && !Epilogue.needed(s.activation()) && t.n() == s.n() && t.c() == s.m() && t.h() == s.oh()
                && t.w() == s.ow() && t.padTop() + t.h() <= c.copy.paddedRows;
        return fits ? new PhaseSplitConv(s, copy, c.copy, t.padTop(), false) : null;
    }

    @Override
    public Kernel readingLinked() {
        return new PhaseSplitConv(spec, copy, null, 0, true);
    }
}
