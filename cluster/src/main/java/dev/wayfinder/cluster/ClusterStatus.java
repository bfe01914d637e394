package dev.wayfinder.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code wayfinder cluster status}: the members of a cluster and their load. */
public final class ClusterStatus {
    /**
     * One member's line: its status, or why it gave none.
     *
     * @param address where it listens
     * @param status  its state, or null
     * @param problem why there is no status (empty when there is)
     * @param labels  the labels its owner gave it ({@code wayfinder worker --label}), by key
     */
    public record Line(String address, MemberStatus status, String problem, java.util.Map<String, String> labels) {
    }

    private ClusterStatus() {
    }

    /**
     * Asks every member of the cluster at {@code address} for its status (5 s each at most).
     *
     * @throws IllegalArgumentException when no cluster answers there
     */
    public static List<Line> query(HostPort address) {
        HazelcastInstance client = ClusterClient.connect(address, "cluster status");
        try {
            IExecutorService exec = client.getExecutorService(Cluster.STATUS);
            List<Member> members = new ArrayList<>(client.getCluster().getMembers());
            List<Future<MemberStatus>> futures = new ArrayList<>();
            for (Member m : members) {
                futures.add(exec.submitToMember(new StatusQuery(), m));
            }
            List<Line> out = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (int i = 0; i < members.size(); i++) {
                String addr = members.get(i).getAddress().toString();
                java.util.Map<String, String> labels = MemberFilter.labelsOf(members.get(i).getAttributes());
                try {
                    long left = Math.max(1, deadline - System.nanoTime());
                    out.add(new Line(addr, futures.get(i).get(left, TimeUnit.NANOSECONDS), "", labels));
                } catch (TimeoutException e) {
                    out.add(new Line(addr, null, "no answer within 5 s", labels));
                } catch (ExecutionException e) {
                    out.add(new Line(addr, null, Worker.rootMessage(e), labels));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.add(new Line(addr, null, "interrupted", labels));
                }
            }
            return out;
        } finally {
            client.shutdown();
        }
    }
}
