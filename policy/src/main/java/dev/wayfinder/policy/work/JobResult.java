package dev.wayfinder.policy.work;

import dev.wayfinder.randomization.Split;
import dev.wayfinder.sim.eval.EpisodeOutcome;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a job gave: its episodes in split-index order, the env steps taken, the weights version they were taken with,
 * the labelled samples (packed by {@link SampleBuffer}; none unless the job collects), and where it ran.
 *
 * @param firstIndex     the job's first split index
 * @param indices        the job's number of split indices
 * @param outcomes       its episodes, in split-index order
 * @param steps          env steps taken
 * @param weightsVersion the version of the weights the policy acted with
 * @param samples        packed samples (empty when not collecting)
 * @param sampleCount    number of samples in {@code samples}
 * @param ranOn          the process that ran it (for logs)
 */
public record JobResult(long firstIndex, int indices, List<EpisodeOutcome> outcomes, long steps, int weightsVersion,
                        byte[] samples, int sampleCount, String ranOn) implements Serializable {
    public JobResult {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(ranOn, "ranOn");
    }

    /** Outcomes sorted by their split index (the seed order within a split). */
    public static List<EpisodeOutcome> inIndexOrder(List<EpisodeOutcome> outcomes, Split split) {
        List<EpisodeOutcome> out = new ArrayList<>(outcomes);
        out.sort(Comparator.comparingLong(o -> split.index(o.seed())));
        return out;
    }

    /**
     * Several results of one job's consecutive ranges, merged in split-index order.
     *
     * @throws IllegalStateException when the ranges do not follow one another (a range missing or twice)
     */
    public static JobResult merge(List<JobResult> parts, String ranOn) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<EpisodeOutcome> all = new ArrayList<>();
        long steps = 0;
        long next = parts.get(0).firstIndex();
        int indices = 0;
        for (JobResult p : parts) {
            if (p.firstIndex() != next) {
                throw new IllegalStateException("job ranges do not follow one another: expected index " + next
                        + ", got " + p.firstIndex());
            }
            if (p.sampleCount() != 0) {
                throw new IllegalArgumentException("merge evaluation results only (collected samples go to the dataset)");
            }
            next += p.indices();
            indices += p.indices();
            all.addAll(p.outcomes());
            steps += p.steps();
        }
        return new JobResult(parts.get(0).firstIndex(), indices, all, steps, parts.get(0).weightsVersion(), new byte[0],
                0, ranOn);
    }
}
