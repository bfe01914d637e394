package dev.wayfinder.inference.backend.vector;

import dev.wayfinder.inference.backend.Kernel;
import dev.wayfinder.inference.backend.KernelSpec;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** Element-wise add or multiply of two same-shape values. */
final class VectorBinary implements Kernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private final boolean add;
    private final int size;

    VectorBinary(KernelSpec.Binary s) {
        add = s.op() == KernelSpec.BinaryOp.ADD;
        size = s.out().size();
    }

    @Override
    public void run(float[] a, int[] in, int out, int scratch) {
        int x = in[0];
        int y = in[1];
        int i = 0;
        int bound = S.loopBound(size);
        for (; i < bound; i += S.length()) {
            FloatVector u = FloatVector.fromArray(S, a, x + i);
            FloatVector v = FloatVector.fromArray(S, a, y + i);
            (add ? u.add(v) : u.mul(v)).intoArray(a, out + i);
        }
        for (; i < size; i++) {
            a[out + i] = add ? a[x + i] + a[y + i] : a[x + i] * a[y + i];
        }
    }
}
