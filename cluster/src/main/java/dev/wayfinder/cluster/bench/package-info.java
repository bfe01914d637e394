/** {@code wayfinder bench cluster}: the cluster's throughput beside the in-process executor, in one run. */
package dev.wayfinder.cluster.bench;
