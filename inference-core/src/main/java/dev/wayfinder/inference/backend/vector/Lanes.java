package dev.wayfinder.inference.backend.vector;

import jdk.incubator.vector.FloatVector;

/** Isolates the first touch of the vector module, so a missing module shows up as a caught error. */
final class Lanes {
    private Lanes() {
    }

    static int floats() {
        return FloatVector.SPECIES_PREFERRED.length();
    }
}
