package dev.wayfinder.inference.backend.device;

import dev.wayfinder.inference.backend.KernelSpec;

import java.util.List;

/**
 * A compiled plan as a device backend sees it: the steps in order with their offsets in a float arena of
 * {@code arenaFloats}, and the arena ranges that hold the graph's inputs (copied in before each run), outputs
 * (copied out after) and constants (copied in once).
 */
public record DevicePlan(int arenaFloats, List<Step> steps, List<Range> inputs, List<Range> outputs,
                         List<Range> constants) {

    public DevicePlan {
        steps = List.copyOf(steps);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        constants = List.copyOf(constants);
        if (arenaFloats < 0) {
            throw new IllegalArgumentException("arena size must be >= 0, got " + arenaFloats);
        }
    }

    /** One step: its spec (weights in final form), the arena offsets of its inputs and of its output. */
    public record Step(KernelSpec spec, int[] inputs, int output) {
        public Step {
            inputs = inputs.clone();
        }

        @Override
        public int[] inputs() {
            return inputs.clone();
        }
    }

    /** {@code size} floats from {@code offset} in the arena. */
    public record Range(int offset, int size) {
    }
}
