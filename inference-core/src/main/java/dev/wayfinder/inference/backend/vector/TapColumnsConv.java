package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Convolution over gathered tap columns (im2col), for output rows much narrower than a vector whose width does not
 * divide the vector length: each image is copied phase-split ({@link PhaseSplitCopy}), then each tap's inputs for
 * all output pixels are gathered into a column of their own, (channels x kh x kw) columns of oh x ow floats in
 * weight order, one vector copy per tap and output row. Tiles then run over the flattened output pixels, so no
 * lanes idle at row ends. Scratch holds the phase-split copy followed by the columns.
 */
final class TapColumnsConv extends VectorConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private final PhaseSplitCopy copy;
    /** Floats per tap column: the output pixels (oh x ow) rounded up to whole vectors, plus one vector of slack. */
    private final int columnFloats;

    TapColumnsConv(KernelSpec.Conv2d spec) {
        this(spec, columnFloats(spec));
    }

    private TapColumnsConv(KernelSpec.Conv2d spec, int columnFloats) {
        super(spec, tapOffsets(spec, columnFloats), true, 0);
        this.copy = new PhaseSplitCopy(spec);
        this.columnFloats = columnFloats;
    }

    private static int columnFloats(KernelSpec.Conv2d spec) {
        return (spec.oh() * spec.ow() + L - 1) / L * L + L;
    }

    /** Tap i of a group reads column i: its inputs lie i columns after the group's first column. */
    private static int[] tapOffsets(KernelSpec.Conv2d spec, int columnFloats) {
        int[] offsets = new int[spec.c() / spec.groups() * spec.kh() * spec.kw()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = i * columnFloats;
        }
        return offsets;
    }

    @Override
    int prepare(float[] a, int input, int img, int scratch) {
        copy.fill(a, input + img * inImage, scratch);
        gather(a, scratch);
        return scratch + copy.imageFloats();
    }

    @Override
    int groupFloats() {
        return spec.c() / spec.groups() * spec.kh() * spec.kw() * columnFloats;
    }

    @Override
    public int scratchFloats() {
        return copy.imageFloats() + spec.c() * spec.kh() * spec.kw() * columnFloats + L;
    }

    @Override
    public boolean persistentScratch() {
        return true;
    }

    /**
     * Copies each tap's inputs for all output pixels from the phase-split copy at {@code sc} into its column after
     * it: one vector copy per tap and output row.
     */
    private void gather(float[] a, int sc) {
        KernelSpec.Conv2d s = spec;
        int ow = s.ow();
        int colBase = sc + copy.imageFloats();
        int rowStep = copy.outputRowStep();
        for (int c = 0, t = 0; c < s.c(); c++) {
            for (int ky = 0; ky < s.kh(); ky++) {
                for (int kx = 0; kx < s.kw(); kx++, t++) {
                    int src = sc + copy.tapOffset(c, ky, kx);
                    int dst = colBase + t * columnFloats;
                    // Each full-vector store also writes lanes past the row; the next row overwrites them.
                    for (int oy = 0; oy < s.oh(); oy++, src += rowStep, dst += ow) {
                        FloatVector.fromArray(S, a, src).intoArray(a, dst);
                    }
                }
            }
        }
    }
}
