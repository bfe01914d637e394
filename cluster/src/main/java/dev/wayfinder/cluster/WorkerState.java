package dev.wayfinder.cluster;

import dev.wayfinder.policy.work.LocalEpisodes;
import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.robot.net.PolicyWeights;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What one worker JVM keeps between jobs: its counters, the weights it has parsed (the last few, by key), and its slot
 * threads with their rollouts.
 */
final class WorkerState {
    static final AtomicInteger RUNNING = new AtomicInteger();
    static final AtomicLong JOBS = new AtomicLong();
    static final AtomicLong EPISODES = new AtomicLong();
    static final AtomicLong STEPS = new AtomicLong();
    static final long STARTED = System.nanoTime();
    private static final int CACHED_WEIGHTS = 4;
    private static final Map<String, PolicyWeights> WEIGHTS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PolicyWeights> eldest) {
            return size() > CACHED_WEIGHTS;
        }
    };

    /** Each slot thread's rollouts and network, kept between jobs (they hold an OpenGL context bound to it). */
    static final ThreadLocal<LocalEpisodes.Cache> CACHE = ThreadLocal.withInitial(LocalEpisodes.Cache::new);
    private static ExecutorService slots;

    private WorkerState() {
    }

    /**
     * The threads jobs run on: {@code n} threads that live as long as the JVM (Hazelcast's own executor threads may
     * be retired when idle, which would strand a thread's OpenGL context).
     */
    static synchronized ExecutorService slots(int n) {
        if (slots == null) {
            AtomicInteger count = new AtomicInteger();
            slots = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "wayfinder-slot-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return slots;
    }

    /** The weights of {@code key}, parsed once per JVM; {@code fetch} gives their bytes (null when absent). */
    static PolicyWeights weights(String key, Function<String, byte[]> fetch) {
        synchronized (WEIGHTS) {
            PolicyWeights w = WEIGHTS.get(key);
            if (w != null) {
                return w;
            }
        }
        byte[] bytes = fetch.apply(key);
        if (bytes == null) {
            throw new IllegalStateException("weights " + key + " are not in the cluster's map (the learner that"
                    + " broadcast them has gone)");
        }
        if (!WeightsBlob.keyOf(bytes).equals(key)) {
            throw new IllegalStateException("weights " + key + " arrived with another content key");
        }
        PolicyWeights w = new WeightsBlob(key, 0, bytes).weights();
        synchronized (WEIGHTS) {
            WEIGHTS.put(key, w);
        }
        return w;
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long uptimeSeconds() {
        return (System.nanoTime() - STARTED) / 1_000_000_000L;
    }
}
