package dev.wayfinder.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;

import java.io.Serializable;
import java.util.concurrent.Callable;

/** Asks a worker for its {@link MemberStatus}. */
final class StatusQuery implements Callable<MemberStatus>, Serializable, HazelcastInstanceAware {
    private transient HazelcastInstance member;

    @Override
    public void setHazelcastInstance(HazelcastInstance hz) {
        this.member = hz;
    }

    @Override
    public MemberStatus call() {
        Member m = member.getCluster().getLocalMember();
        Runtime rt = Runtime.getRuntime();
        return new MemberStatus(m.getAddress().toString(), attr(m, Cluster.ATTR_VERSION),
                Integer.parseInt(attr(m, Cluster.ATTR_PROTOCOL)), Integer.parseInt(attr(m, Cluster.ATTR_CORES)),
                Integer.parseInt(attr(m, Cluster.ATTR_SLOTS)), Boolean.parseBoolean(attr(m, Cluster.ATTR_EGL)),
                attr(m, Cluster.ATTR_EGL_REASON), attr(m, Cluster.ATTR_GPU), WorkerState.RUNNING.get(),
                WorkerState.JOBS.get(), WorkerState.EPISODES.get(), WorkerState.STEPS.get(), WorkerState.loadAverage(),
                (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20, WorkerState.uptimeSeconds());
    }

    private static String attr(Member m, String name) {
        String v = m.getAttribute(name);
        return v == null ? "" : v;
    }
}
