package dev.wayfinder.cluster;

import java.io.Serializable;

/**
 * A worker's state as {@code wayfinder cluster status} lists it.
 *
 * @param address       where it listens
 * @param version       project version
 * @param protocol      job protocol ({@link Cluster#PROTOCOL})
 * @param cores         processors the JVM sees
 * @param slots         jobs it runs at once
 * @param egl           whether it can render the robot camera
 * @param eglReason     why not (empty when it can)
 * @param gpu           the GPU device it has ("none" when none)
 * @param running       jobs running now
 * @param jobsDone      jobs finished since it started
 * @param episodesDone  episodes finished since it started
 * @param stepsDone     env steps taken since it started
 * @param loadAverage   the system's load average over the last minute (negative where unknown)
 * @param heapUsedMb    heap in use, MiB
 * @param heapMaxMb     heap limit, MiB
 * @param uptimeSeconds seconds since it started
 */
public record MemberStatus(String address, String version, int protocol, int cores, int slots, boolean egl,
                           String eglReason, String gpu, int running, long jobsDone, long episodesDone,
                           long stepsDone, double loadAverage, long heapUsedMb, long heapMaxMb,
                           long uptimeSeconds) implements Serializable {
}
