package dev.wayfinder.cluster;

import dev.wayfinder.policy.work.WeightsBlob;
import dev.wayfinder.robot.net.PolicyWeights;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** What one worker JVM keeps between jobs: its counters and the weights it has parsed (the last few, by key). */
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

    private WorkerState() {
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
