package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.benchmarks.ros.RosBench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench ros [--json]}: ROS 2 Twist round trips Java<->Java, Java<->Cyclone DDS and
 * Cyclone<->Cyclone, and 640x480 images on reliable QoS (at 30 Hz, and as a burst sent as fast as reliable
 * delivery allows) Java->Java, Java->Cyclone, Cyclone->Java and Cyclone->Cyclone, in one run inside a private network namespace.
 *
 * <p>The benchmark lives in the benchmarks module ({@link RosBench}), which the CLI depends on and calls directly.
 */
@Command(name = "ros", mixinStandardHelpOptions = true,
    description = {"Benchmark ros-bridge against Cyclone DDS, all in one run:",
        "- Twist ping-pong round trips (p50/p90/p99) Java<->Java, Java<->Cyclone and",
        "  Cyclone<->Cyclone;",
        "- 640x480 rgb8 images on reliable QoS at 30 Hz (stamp -> arrival latency",
        "  p50/p99/max) and as a burst (images/s, MB/s) Java->Java, Java->Cyclone,",
        "  Cyclone->Java and Cyclone->Cyclone;",
        "- the deploy node's image stamp -> decision -> command latency, with a",
        "  Cyclone DDS robot sending 640x480 images and depth at 30 Hz.",
        "",
        "Runs in a private network namespace (unshare -n, needs root); builds a small",
        "Cyclone DDS peer on first use (Debian packages: cyclonedds-dev",
        "cyclonedds-tools gcc libc6-dev iproute2 util-linux)."})
public final class BenchRosCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--round-trips", defaultValue = "2000", paramLabel = "N",
      description = "Timed round trips per pair (default ${DEFAULT-VALUE}).")
  int roundTrips;

  @Option(names = "--warmup", defaultValue = "3000", paramLabel = "N",
      description = "Untimed round trips first, for the JIT (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--images", defaultValue = "60", paramLabel = "N",
      description = "Images sent at 30 Hz (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--burst", defaultValue = "600", paramLabel = "N",
      description = "Images per burst, sent as fast as reliable delivery allows (default ${DEFAULT-VALUE}).")
  int burst;

  @Option(names = "--deploy-seconds", defaultValue = "10", paramLabel = "S",
      description = "Seconds the deploy node's latency is measured (0 skips it; default ${DEFAULT-VALUE}).")
  int deploySeconds;

  @Option(names = "--deploy-warmup", defaultValue = "3", paramLabel = "S",
      description = "Seconds the deploy node decides on a synthetic room before it subscribes, as `deploy --warmup`"
          + " (0: it meets the first frames cold; default ${DEFAULT-VALUE}).")
  double deployWarmup;

  @Option(names = "--model", paramLabel = "DIR", description = "The model the deploy node runs (default:"
      + " models/cluttered-room-rgbd-map when it is there, else the deploy row is skipped).")
  java.nio.file.Path model;

  @Override
  public void run() {
    List<String> args = new ArrayList<>(List.of("--round-trips", Integer.toString(roundTrips), "--warmup",
        Integer.toString(warmup), "--images", Integer.toString(images), "--burst", Integer.toString(burst),
        "--deploy-seconds", Integer.toString(deploySeconds), "--deploy-warmup", Double.toString(deployWarmup)));
    if (model != null) {
      args.addAll(List.of("--model", model.toString()));
    }
    if (json.enabled()) {
      args.add("--json");
    }
    String table;
    try {
      table = RosBench.run(args.toArray(new String[0]));
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new UserException("bench ros: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("ROS benchmark failed: " + e, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
  }
}
