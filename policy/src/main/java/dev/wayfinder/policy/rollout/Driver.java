package dev.wayfinder.policy.rollout;

/** Who chooses the executed actions during a rollout. */
public enum Driver {
    /** The camera policy on inference-core (greedy). */
    POLICY,
    /** The privileged expert. */
    EXPERT,
    /** Uniformly random actions (a baseline). */
    RANDOM,
    /** The expert with probability beta, else the policy (DAgger's mixture). */
    MIXED;

    /** The name used in tables and files. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
