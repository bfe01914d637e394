/** {@code wayfinder worker} and {@code wayfinder cluster status}: the cluster module's worker and its status. */
package dev.wayfinder.cli.cluster;
