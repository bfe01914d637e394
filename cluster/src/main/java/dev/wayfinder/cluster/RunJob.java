package dev.wayfinder.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.LocalEpisodes;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.Serializable;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs one {@link EpisodeJob} on the worker it is sent to, on the jobs executor's thread. With the system property
 * {@code wayfinder.cluster.logJobs} set, the worker says on its standard output when each job starts.
 */
final class RunJob implements Callable<JobReply>, Serializable, HazelcastInstanceAware {
    private final EpisodeJob job;
    private transient HazelcastInstance member;

    RunJob(EpisodeJob job) {
        this.job = job;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    @Override
    public JobReply call() {
        WorkerState.RUNNING.incrementAndGet();
        if (Boolean.getBoolean("wayfinder.cluster.logJobs")) {
            System.out.println("job started: " + job.describe());
            System.out.flush();
        }
        try {
            PolicyWeights w = job.weightsKey() == null ? null : WorkerState.weights(job.weightsKey(),
                    key -> member.<String, byte[]>getMap(Cluster.WEIGHTS).get(key));
            JobResult r = LocalEpisodes.run(job, w, Optional.empty(),
                    member.getCluster().getLocalMember().getAddress().toString());
            WorkerState.JOBS.incrementAndGet();
            WorkerState.EPISODES.addAndGet(r.outcomes().size());
            WorkerState.STEPS.addAndGet(r.steps());
            return new JobReply(r, null);
        } catch (RuntimeException | Error e) {
            String where = member == null ? "a worker" : member.getCluster().getLocalMember().getAddress().toString();
            return new JobReply(null, where + " failed on " + job.describe() + ": " + e);
        } finally {
            WorkerState.RUNNING.decrementAndGet();
        }
    }
}
