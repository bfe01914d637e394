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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Runs one {@link EpisodeJob} on the worker it is sent to, on one of the worker's slot threads (whose rollouts and
 * compiled network are kept for the next job of the same scenario). With the system property
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
            String here = member.getCluster().getLocalMember().getAddress().toString();
            int slots = Integer.parseInt(member.getCluster().getLocalMember().getAttribute(Cluster.ATTR_SLOTS));
            Future<JobResult> f = WorkerState.slots(slots).submit(() -> {
                LocalEpisodes.Cache cache = WorkerState.CACHE.get();
                try {
                    return LocalEpisodes.run(job, w, Optional.empty(), here, cache);
                } catch (RuntimeException | Error e) {
                    cache.close(); // start the next job afresh
                    throw e;
                }
            });
            JobResult r;
            try {
                r = f.get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause());
            }
            WorkerState.JOBS.incrementAndGet();
            WorkerState.EPISODES.addAndGet(r.outcomes().size());
            WorkerState.STEPS.addAndGet(r.steps());
            return JobReply.of(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JobReply.failed("interrupted while running " + job.describe());
        } catch (RuntimeException | Error e) {
            String where = member == null ? "a worker" : member.getCluster().getLocalMember().getAddress().toString();
            return JobReply.failed(where + " failed on " + job.describe() + ": " + e);
        } finally {
            WorkerState.RUNNING.decrementAndGet();
        }
    }
}
