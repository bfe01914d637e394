package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;

/**
 * Direct convolution, im2col only for narrow outputs. Each image is first copied into scratch in a layout in which,
 * for every kernel tap, the inputs of a tile of consecutive output values are consecutive floats: one vector load per
 * tap feeds eight output channels (eight accumulators, weights broadcast from a [c][kh][kw][8] packing; the
 * register-tile kernels are {@link ConvTiles}). The layouts, one subclass each ({@link #of} picks):
 * <ul>
 *   <li>{@link PhaseSplitConv}: the image zero-padded and split by column phase ({@link PhaseSplitCopy}); tiles
 *       run along output rows, written straight into NCHW rows with masked stores at the row end. Used unless
 *       output rows are much narrower than a vector.</li>
 *   <li>{@link RowGroupedConv}: narrow outputs whose width divides the vector length; a row-grouped copy (one
 *       segment per channel, kernel column and row phase) in which one vector load per tap covers whole output
 *       rows, so tiles run over the flattened output pixels.</li>
 *   <li>{@link TapColumnsConv}: other narrow outputs; tap columns gathered from the phase-split copy (im2col), tiles
 *       over the flattened output pixels.</li>
 * </ul>
 * Output channels run in units (per group, blocks of eight channels, then single channels), which
 * {@link #runPart} shares out between threads. A batch runs image by image through the same copy.
 */
abstract sealed class VectorConv implements Kernel permits PhaseSplitConv, RowGroupedConv, TapColumnsConv {
    /** Floats per vector. */
    static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int BLOCK = ConvTiles.BLOCK;

    final KernelSpec.Conv2d spec;
    final ConvTiles tiles;
    /** Floats of one output image (m x oh x ow) and of one output channel (oh x ow). */
    private final int outImage;
    private final int outPlane;
    /** Floats of one input image (c x h x w). */
    final int inImage;

    /**
     * Output-channel units in run order (per group, blocks of eight channels, then single channels): the first
     * channel, the group, the first packed weight and whether it is a block of eight. {@link #runPart} gives each
     * part a run of whole units; {@code channelsBefore[u]} is the number of channels before unit u.
     */
    final int[] unitChannel;
    private final int[] unitGroup;
    final int[] unitWeight;
    private final boolean[] unitIsBlock;
    private final int[] channelsBefore;

    /**
     * The convolution for {@code spec} in the layout that suits its output width: row-grouped or gathered tap
     * columns when output rows are so much narrower than a vector that more than a quarter of the lanes would
     * idle, else phase-split rows.
     */
    static VectorConv of(KernelSpec.Conv2d spec) {
        int ow = spec.ow();
        boolean narrow = ow < L && 4 * (L - ow) > L;
        if (!narrow) {
            return new PhaseSplitConv(spec);
        }
        return L % ow == 0 ? new RowGroupedConv(spec) : new TapColumnsConv(spec);
    }

    /**
     * @param tapOffsets per tap (input channel of a group, ky, kx) in weight order: where its inputs lie in the
     *                   layout's copy relative to a tile's first input
     * @param flatTiles  whether tiles run over the flattened output plane rather than along output rows
     * @param inRowStep  for tiles along rows: floats of the copy between the inputs of consecutive output rows
     */
    VectorConv(KernelSpec.Conv2d spec, int[] tapOffsets, boolean flatTiles, int inRowStep) {
        this.spec = spec;
        tiles = new ConvTiles(spec, tapOffsets, flatTiles, inRowStep);
        outPlane = spec.oh() * spec.ow();
        outImage = spec.m() * outPlane;
        inImage = spec.c() * spec.h() * spec.w();
        int mg = spec.m() / spec.groups();
        int taps = spec.c() / spec.groups() * spec.kh() * spec.kw();
        int units = spec.groups() * (mg / BLOCK + mg % BLOCK);
        unitChannel = new int[units];
        unitGroup = new int[units];
        unitWeight = new int[units];
        unitIsBlock = new boolean[units];
        channelsBefore = new int[units + 1];
        for (int g = 0, u = 0, wi = 0; g < spec.groups(); g++) {
            for (int mb = 0; mb < mg; u++) {
                boolean block = mb + BLOCK <= mg;
                unitChannel[u] = g * mg + mb;
                unitGroup[u] = g;
                unitWeight[u] = wi;
                unitIsBlock[u] = block;
                int width = block ? BLOCK : 1;
                channelsBefore[u + 1] = channelsBefore[u] + width;
                wi += taps * width;
                mb += width;
            }
        }
    }

    /**
     * Makes image {@code img}'s copy in this layout from the input at {@code input} (the whole batch) and returns
     * where it starts: in {@code scratch}, or in the input itself when it already is the copy.
     */
    abstract int prepare(float[] a, int input, int img, int scratch);

    /** Floats between the parts of the copy that two consecutive groups read. */
    abstract int groupFloats();

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        for (int img = 0; img < spec.n(); img++) {
            units(a, prepare(a, in[0], img, scratch), out, img, 0, unitChannel.length);
        }
        if (Epilogue.needed(spec.activation())) {
            Epilogue.apply(spec.activation(), a, out, spec.n() * outImage);
        }
    }

    /**
     * Computes output-channel units {@code u0..u1-1} of image {@code img} from its copy at {@code copy} into the
     * output at {@code out} (the whole batch, NCHW).
     */
    void units(float[] a, int copy, int out, int img, int u0, int u1) {
        int outImg = out + img * outImage;
        int groupFloats = groupFloats();
        for (int u = u0; u < u1; u++) {
            int m = unitChannel[u];
            int from = copy + unitGroup[u] * groupFloats;
            if (unitIsBlock[u]) {
                tiles.block8(a, from, outImg + m * outPlane, unitWeight[u], m);
            } else {
                tiles.single(a, from, outImg + m * outPlane, unitWeight[u], m);
            }
        }
    }

    /** Output-channel units (blocks of eight channels and single channels) that {@link #runPart} can share out. */
    @Override
    public int splitUnits() {
        return unitChannel.length;
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
        for (int img = 0; img < spec.n(); img++) {
            units(a, prepare(a, in[0], img, scratch), out, img, u0, u1);
            if (Epilogue.needed(spec.activation())) {
                int from = unitChannel[u0];
                int to = unitChannel[u1 - 1] + (unitIsBlock[u1 - 1] ? BLOCK : 1);
                Epilogue.apply(spec.activation(), a, out + img * outImage + from * outPlane, (to - from) * outPlane);
            }
        }
    }

    /** The first unit of part {@code part} of {@code parts}: where the channels before it reach the part's share. */
    private int unitAt(int part, int parts) {
        int units = unitChannel.length;
        if (part >= parts) {
            return units;
        }
        long want = (long) channelsBefore[units] * part / parts;
        int u = 0;
        while (u < units && channelsBefore[u] < want) {
            u++;
        }
        return u;
    }
}
