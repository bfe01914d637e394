package dev.wayfinder.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.wayfinder.policy.data.SampleSink;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.policy.work.CollectRound;
import dev.wayfinder.policy.work.EpisodeExecutor;
import dev.wayfinder.policy.work.EpisodeJob;
import dev.wayfinder.policy.work.JobResult;
import dev.wayfinder.policy.work.SampleBuffer;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.robot.net.NetworkSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs episode jobs on the workers of a Hazelcast cluster, from a client (this process runs none itself).
 *
 * <p>Each job is cut into ranges of {@code shardEpisodes} split indices; a range is handed to a worker with a free
 * slot (its {@code wayfinder.slots} attribute), lowest indices first, round robin over the workers, so a faster or a
 * newly joined worker simply takes more. Workers of another protocol, workers the run's {@link MemberFilter}
 * ({@code --select}) does not accept and, for camera jobs, workers without EGL are left out, each said once with the
 * reason. When the call to a worker fails (it was killed, its connection dropped,
 * it left), the worker is not used again and its ranges go back to the front of the queue; a range's result is kept
 * by its first index, once, so nothing is counted twice. Results are merged in split-index order: the same as
 * {@link dev.wayfinder.policy.work.LocalEpisodes} gives for the whole job. Weights are broadcast through the
 * {@link Cluster#WEIGHTS} map under their content key before the jobs that name them.
 */
public final class HazelcastExecutor implements EpisodeExecutor {
    /** How often a range is run again after its workers were lost before the run gives up. */
    static final int MAX_ATTEMPTS = 6;

    private final HazelcastInstance client;
    private final HostPort address;
    private final int shardEpisodes;
    private final MemberFilter select;
    private final PrintStream log;
    private final long waitNanos;
    private final Set<UUID> lost = new HashSet<>();
    private final Set<String> told = new HashSet<>();
    private final LinkedHashSet<String> broadcast = new LinkedHashSet<>();
    private long ranges;
    private long rerun;
    private long duplicates;

    private HazelcastExecutor(HazelcastInstance client, HostPort address, int shardEpisodes, MemberFilter select,
                              PrintStream log) {
        this.client = client;
        this.address = address;
        this.shardEpisodes = shardEpisodes;
        this.select = select;
        this.log = log;
        this.waitNanos = TimeUnit.SECONDS.toNanos(Long.getLong("wayfinder.cluster.waitSeconds", 60));
    }

    /**
     * Connects to the cluster at {@code address}.
     *
     * @throws IllegalArgumentException when no wayfinder cluster answers there (within a bounded time)
     */
    public static HazelcastExecutor connect(HostPort address, int shardEpisodes, PrintStream log) {
        return connect(address, shardEpisodes, MemberFilter.ALL, log);
    }

    /**
     * Connects to the cluster at {@code address}; only workers {@code select} accepts get work.
     *
     * @throws IllegalArgumentException when no wayfinder cluster answers there (within a bounded time)
     */
    public static HazelcastExecutor connect(HostPort address, int shardEpisodes, MemberFilter select,
                                            PrintStream log) {
        if (shardEpisodes < 1) {
            throw new IllegalArgumentException("--shard-episodes " + shardEpisodes + ": expected >= 1");
        }
        HazelcastInstance c = ClusterClient.connect(address, "--cluster");
        HazelcastExecutor e = new HazelcastExecutor(c, address, shardEpisodes, select, log);
        log.println("cluster at " + address + ": " + e.describe() + (select.all() ? "" : "; --select " + select));
        return e;
    }

    /**
     * Counts since connecting.
     *
     * @param ranges     ranges run to the end
     * @param rerun      ranges handed out again after their worker was lost
     * @param duplicates results that arrived for a range already done (ignored)
     */
    public record Stats(long ranges, long rerun, long duplicates) {
    }

    /** The counts so far. */
    public Stats stats() {
        return new Stats(ranges, rerun, duplicates);
    }

    /**
     * The median time of {@code n} round trips of a status query to one worker, in milliseconds: what handing out a
     * range and taking its answer costs beside the work itself (for the benchmark).
     */
    public double roundTripMillis(int n) throws Exception {
        Member m = eligible().get(0);
        IExecutorService exec = client.getExecutorService(Cluster.STATUS);
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            exec.submitToMember(new StatusQuery(), m).get(10, TimeUnit.SECONDS);
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        java.util.Arrays.sort(t);
        return t[n / 2];
    }

    @Override
    public String describe() {
        List<String> workers = new ArrayList<>();
        for (Member m : client.getCluster().getMembers()) {
            Map<String, String> labels = MemberFilter.labelsOf(m.getAttributes());
            workers.add(m.getAddress() + " (" + m.getAttribute(Cluster.ATTR_SLOTS) + " slots, EGL "
                    + m.getAttribute(Cluster.ATTR_EGL) + ", GPU " + m.getAttribute(Cluster.ATTR_GPU)
                    + (labels.isEmpty() ? "" : ", " + MemberFilter.text(labels)) + ")");
        }
        return workers.size() + " member" + (workers.size() == 1 ? "" : "s") + ": " + String.join(", ", workers);
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public List<JobResult> run(List<EpisodeJob> jobs, Map<String, WeightsBlob> weights,
                               IntFunction<Optional<Rollouts.Listener>> listeners) {
        for (EpisodeJob j : jobs) {
            if (j.weightsKey() != null) {
                WeightsBlob b = weights.get(j.weightsKey());
                if (b == null) {
                    throw new IllegalArgumentException("a job names weights " + j.weightsKey() + ", which were not given");
                }
                broadcast(b);
            }
        }
        Dispatch d = new Dispatch(null);
        List<TreeMap<Long, JobResult>> parts = new ArrayList<>();
        int remaining = 0;
        for (int j = 0; j < jobs.size(); j++) {
            EpisodeJob job = jobs.get(j);
            parts.add(new TreeMap<>());
            long end = job.firstIndex() + job.episodes();
            for (long f = job.firstIndex(); f < end; f += shardEpisodes) {
                d.pending.add(new Unit(j, f, job.range(f, (int) Math.min(shardEpisodes, end - f))));
                remaining++;
            }
        }
        while (remaining > 0) {
            Done x = d.next();
            if (parts.get(x.unit().job()).putIfAbsent(x.unit().key(), x.reply().unpacked()) == null) {
                remaining--;
            } else {
                duplicates++;
            }
        }
        List<JobResult> out = new ArrayList<>();
        for (TreeMap<Long, JobResult> p : parts) {
            out.add(JobResult.merge(new ArrayList<>(p.values()), "cluster at " + address));
        }
        return out;
    }

    @Override
    public CollectRound.Collected collect(CollectRound round, WeightsBlob weights, SampleSink sink)
            throws IOException {
        broadcast(weights);
        NetworkSpec spec = weights.weights().spec();
        int imageBytes = spec.width() * spec.height() * 3;
        long[] next = {0};
        Dispatch d = new Dispatch(() -> {
            long k = next[0]++;
            return new Unit(0, k, round.shard(k));
        });
        TreeMap<Long, JobResult> done = new TreeMap<>();
        long accepted = 0;
        long steps = 0;
        long samples = 0;
        int episodes = 0;
        while (steps < round.stepBudget()) {
            Done x = d.next();
            if (done.putIfAbsent(x.unit().key(), x.reply().unpacked()) != null) {
                duplicates++;
            }
            while (steps < round.stepBudget() && done.containsKey(accepted)) {
                JobResult r = done.remove(accepted);
                if (r.weightsVersion() != weights.version()) {
                    throw new IllegalStateException("shard " + accepted + " came back tagged with weights version "
                            + r.weightsVersion() + ", expected " + weights.version());
                }
                SampleBuffer.replay(r.samples(), r.sampleCount(), imageBytes, spec.sampleFloats(), sink);
                steps += r.steps();
                samples += r.sampleCount();
                episodes += r.outcomes().size();
                accepted++;
            }
        }
        // Ranges still running are dropped: their indices were not used, the next round starts right after the
        // accepted ones, so the dataset does not depend on how many workers there were.
        return new CollectRound.Collected((int) accepted, steps, samples, episodes, accepted * round.shardEpisodes());
    }

    private void broadcast(WeightsBlob b) {
        if (broadcast.contains(b.key())) {
            return;
        }
        client.<String, byte[]>getMap(Cluster.WEIGHTS).set(b.key(), b.bytes());
        broadcast.add(b.key());
        // Keep the last few (a round's stragglers may still read the previous ones).
        while (broadcast.size() > 3) {
            Iterator<String> it = broadcast.iterator();
            String old = it.next();
            it.remove();
            client.<String, byte[]>getMap(Cluster.WEIGHTS).delete(old);
        }
    }

    /** A range of one job. */
    private record Unit(int job, long key, EpisodeJob work, int[] attempts) {
        Unit(int job, long key, EpisodeJob work) {
            this(job, key, work, new int[1]);
        }
    }

    /** A range came back: its reply, or the failure of the call. */
    private record Done(Unit unit, Member member, JobReply reply, Throwable failure) {
    }

    /** The ranges of one call, handed to workers as their slots free up. */
    private final class Dispatch {
        final Deque<Unit> pending = new ArrayDeque<>();
        final Map<UUID, Integer> busy = new HashMap<>();
        final BlockingQueue<Done> done = new LinkedBlockingQueue<>();
        final Supplier<Unit> more;
        final IExecutorService exec = client.getExecutorService(Cluster.JOBS);
        int inflight;
        long idleSince = -1;

        /** @param more makes further ranges when none are pending (a collection round), or null */
        Dispatch(Supplier<Unit> more) {
            this.more = more;
        }

        /** The next range that finished well; runs lost ranges again; throws when one fails or none can run. */
        Done next() {
            while (true) {
                fill();
                if (inflight == 0) {
                    long now = System.nanoTime();
                    if (idleSince < 0) {
                        idleSince = now;
                        log.println("waiting for a worker that can run " + describeNext() + " ...");
                    } else if (now - idleSince > waitNanos) {
                        throw new IllegalArgumentException("no worker of the cluster at " + address + " can run "
                                + describeNext() + " (waited " + TimeUnit.NANOSECONDS.toSeconds(waitNanos) + " s): "
                                + membersAndReasons());
                    }
                } else {
                    idleSince = -1;
                }
                Done x;
                try {
                    x = done.poll(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for the cluster", e);
                }
                if (x == null) {
                    continue;
                }
                inflight--;
                busy.merge(x.member().getUuid(), -1, Integer::sum);
                if (x.failure() != null) {
                    if (lost.add(x.member().getUuid())) {
                        log.println("worker " + x.member().getAddress() + " lost (" + Worker.rootMessage(x.failure())
                                + "); its ranges run elsewhere");
                    }
                    if (++x.unit().attempts()[0] >= MAX_ATTEMPTS) {
                        throw new IllegalStateException("range " + x.unit().work().describe() + " was lost with its"
                                + " worker " + MAX_ATTEMPTS + " times; giving up");
                    }
                    rerun++;
                    pending.addFirst(x.unit());
                    continue;
                }
                if (x.reply().error() != null) {
                    throw new IllegalStateException(x.reply().error());
                }
                ranges++;
                return x;
            }
        }

        private String describeNext() {
            Unit u = pending.peek();
            return u == null ? "the next range" : u.work().describe();
        }

        /** Hands pending ranges to workers with free slots, one per worker per pass. */
        private void fill() {
            List<Member> workers = eligible();
            boolean assigned = true;
            while (assigned) {
                assigned = false;
                for (Member m : workers) {
                    int slots = slots(m);
                    if (busy.getOrDefault(m.getUuid(), 0) >= slots) {
                        continue;
                    }
                    Unit u = take(m);
                    if (u != null) {
                        submit(u, m);
                        assigned = true;
                    }
                }
            }
        }

        /** The first pending range {@code m} can run (made by {@link #more} when none is pending), or null. */
        private Unit take(Member m) {
            boolean egl = Boolean.parseBoolean(m.getAttribute(Cluster.ATTR_EGL));
            for (Iterator<Unit> it = pending.iterator(); it.hasNext(); ) {
                Unit u = it.next();
                if (!u.work().camera() || egl) {
                    it.remove();
                    return u;
                }
            }
            if (pending.isEmpty() && more != null && egl) {
                return more.get();
            }
            if (!egl && !pending.isEmpty() && told.add("egl " + m.getUuid())) {
                log.println("worker " + m.getAddress() + " cannot render (no EGL: "
                        + m.getAttribute(Cluster.ATTR_EGL_REASON) + "): it gets no camera jobs");
            }
            return null;
        }

        private void submit(Unit u, Member m) {
            inflight++;
            busy.merge(m.getUuid(), 1, Integer::sum);
            try {
                exec.submitToMember(new RunJob(u.work()), m, new ExecutionCallback<JobReply>() {
                    @Override
                    public void onResponse(JobReply response) {
                        done.add(new Done(u, m, response, null));
                    }

                    @Override
                    public void onFailure(Throwable t) {
                        done.add(new Done(u, m, null, t));
                    }
                });
            } catch (RuntimeException e) {
                done.add(new Done(u, m, null, e));
            }
        }
    }

    /** The workers that may get ranges now: wayfinder workers of this protocol not lost; the others said once. */
    private List<Member> eligible() {
        List<Member> out = new ArrayList<>();
        for (Member m : client.getCluster().getMembers()) {
            if (lost.contains(m.getUuid())) {
                continue;
            }
            String why = exclusion(m);
            if (why != null) {
                if (told.add("excluded " + m.getUuid())) {
                    log.println("member " + m.getAddress() + " left out: " + why);
                }
                continue;
            }
            out.add(m);
        }
        out.sort(Comparator.comparing(m -> m.getAddress().toString()));
        return out;
    }

    /** Why {@code m} may not run jobs, or null. */
    private String exclusion(Member m) {
        if (!Cluster.ROLE_WORKER.equals(m.getAttribute(Cluster.ATTR_ROLE))) {
            return "not a wayfinder worker";
        }
        String protocol = m.getAttribute(Cluster.ATTR_PROTOCOL);
        if (!String.valueOf(Cluster.PROTOCOL).equals(protocol)) {
            return "runs wayfinder " + m.getAttribute(Cluster.ATTR_VERSION) + " with job protocol " + protocol
                    + ", this is " + Cluster.version() + " with protocol " + Cluster.PROTOCOL;
        }
        return select.why(m::getAttribute);
    }

    private static int slots(Member m) {
        try {
            return Math.max(1, Integer.parseInt(m.getAttribute(Cluster.ATTR_SLOTS)));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private String membersAndReasons() {
        List<String> lines = new ArrayList<>();
        for (Member m : client.getCluster().getMembers()) {
            String why = lost.contains(m.getUuid()) ? "lost" : exclusion(m);
            if (why == null && !Boolean.parseBoolean(m.getAttribute(Cluster.ATTR_EGL))) {
                why = "no EGL (" + m.getAttribute(Cluster.ATTR_EGL_REASON) + ")";
            }
            lines.add(m.getAddress() + ": " + (why == null ? "busy" : why));
        }
        return lines.isEmpty() ? "the cluster has no members" : String.join("; ", lines);
    }

    @Override
    public void close() {
        try {
            for (String k : broadcast) {
                client.<String, byte[]>getMap(Cluster.WEIGHTS).delete(k);
            }
        } catch (RuntimeException e) {
            // The cluster is gone; nothing to clean up there.
        }
        client.shutdown();
    }
}
