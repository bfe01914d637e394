package dev.wayfinder.cluster;

import dev.wayfinder.policy.work.JobResult;

import java.io.Serializable;

/**
 * A worker's answer to one job: its result, or the job's own failure (a message), told apart from a lost worker
 * (which the learner sees as a failed invocation and answers by running the job again elsewhere).
 */
record JobReply(JobResult result, String error) implements Serializable {
}
