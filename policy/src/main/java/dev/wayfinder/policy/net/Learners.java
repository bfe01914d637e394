package dev.wayfinder.policy.net;

import dev.wayfinder.robot.net.PolicyWeights;

/** Makes the learner a training config names. */
public final class Learners {
    /** System property: threads of the core learner (default: the processors available, at most 2). */
    public static final String THREADS_PROPERTY = "wayfinder.learner.threads";

    private Learners() {
    }

    /**
     * The learner {@code name} ("djl" or "core") for {@code initial}'s network; a recurrent network always gets the
     * DJL learner (the core learner trains feed-forward networks).
     */
    public static Learner create(String name, PolicyWeights initial, float learningRate, float weightDecay,
                                 float auxWeight) {
        return switch (name) {
            case "djl" -> new DjlLearner(initial, learningRate, weightDecay, auxWeight);
            case "core" -> initial.spec().recurrent()
                    ? new DjlLearner(initial, learningRate, weightDecay, auxWeight)
                    : new CoreLearner(initial, learningRate, weightDecay, auxWeight, threads());
            default -> throw new IllegalArgumentException("no learner named '" + name + "'; expected djl or core");
        };
    }

    /** The core learner's threads: {@link #THREADS_PROPERTY}, else the available processors up to 2. */
    public static int threads() {
        String v = System.getProperty(THREADS_PROPERTY);
        if (v == null) {
            return Math.min(2, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1 && n <= 256) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be a whole number in 1..256, got '" + v
                + "'");
    }
}
