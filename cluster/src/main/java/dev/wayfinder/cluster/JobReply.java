package dev.wayfinder.cluster;

import com.github.luben.zstd.Zstd;
import dev.wayfinder.policy.work.JobResult;

import java.io.Serializable;

/**
 * A worker's answer to one job: its result, or the job's own failure (a message), told apart from a lost worker
 * (which the learner sees as a failed invocation and answers by running the job again elsewhere). Collected samples
 * travel zstd-compressed ({@link #of}): every DAgger sample crosses the learner's link, which bounds collection.
 *
 * @param result     the result, its samples taken out into {@code packed} (null on failure)
 * @param packed     the result's samples, zstd-compressed (empty when it has none)
 * @param rawLength  their length before compression
 * @param error      the job's failure, or null
 */
public record JobReply(JobResult result, byte[] packed, int rawLength, String error) implements Serializable {
    /** zstd's level for samples: the fastest, which already takes most of what the images give up. */
    static final int LEVEL = 1;

    /** A successful reply carrying {@code r}, its samples compressed. */
    public static JobReply of(JobResult r) {
        byte[] raw = r.samples();
        JobResult bare = new JobResult(r.firstIndex(), r.indices(), r.outcomes(), r.steps(), r.weightsVersion(),
                new byte[0], r.sampleCount(), r.ranOn());
        return new JobReply(bare, raw.length == 0 ? raw : Zstd.compress(raw, LEVEL), raw.length, null);
    }

    /** A failed job's reply. */
    public static JobReply failed(String error) {
        return new JobReply(null, new byte[0], 0, error);
    }

    /**
     * The result with its samples restored.
     *
     * @throws IllegalStateException when the compressed samples do not restore to their stated length
     */
    public JobResult unpacked() {
        if (rawLength == 0) {
            return result;
        }
        byte[] raw = Zstd.decompress(packed, rawLength);
        if (raw.length != rawLength) {
            throw new IllegalStateException("a worker's samples restored to " + raw.length + " bytes, expected "
                    + rawLength + " (from " + result.ranOn() + ")");
        }
        return new JobResult(result.firstIndex(), result.indices(), result.outcomes(), result.steps(),
                result.weightsVersion(), raw, result.sampleCount(), result.ranOn());
    }
}
