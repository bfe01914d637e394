package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.NodeOptions;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a ROS 2 node joins: the domain and the discovery range, as flags over the ROS environment variables. Shared
 * by the {@code wayfinder ros} commands, {@code wayfinder deploy} and {@code wayfinder sim --ros}.
 */
public final class RosNetworkOptions {
  @Option(names = "--domain", paramLabel = "ID",
      description = "ROS domain id, 0..232 (default: ROS_DOMAIN_ID, else 0).")
  Integer domain;

  @Option(names = "--localhost",
      description = "Discover only on this machine, as ROS_LOCALHOST_ONLY=1 (the default unless "
          + "ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET or ROS_LOCALHOST_ONLY=0 is set).")
  boolean localhost;

  @Option(names = "--subnet",
      description = "Also discover other machines by multicast, as ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET.")
  boolean subnet;

  /** Whether any of these flags was given. */
  public boolean anyGiven() {
    return domain != null || localhost || subnet;
  }

  /** The node options: the ROS environment variables in {@code env}, overridden by the flags. */
  public NodeOptions nodeOptions(Map<String, String> env) {
    if (localhost && subnet) {
      throw new UserException("--localhost and --subnet contradict each other; give one of them");
    }
    if (domain != null && (domain < 0 || domain > 232)) {
      throw new UserException("--domain must be a ROS domain id in 0..232, got " + domain);
    }
    Map<String, String> e = new HashMap<>(env);
    if (domain != null) {
      e.put("ROS_DOMAIN_ID", Integer.toString(domain));
    }
    if (localhost || subnet) {
      e.remove("ROS_LOCALHOST_ONLY");
      e.put("ROS_AUTOMATIC_DISCOVERY_RANGE", localhost ? "LOCALHOST" : "SUBNET");
    }
    try {
      return NodeOptions.fromEnvironment(e);
    } catch (IllegalArgumentException ex) {
      throw new UserException(ex.getMessage() + " (or pass --domain)");
    }
  }

  /** "domain 37, localhost only": where a node looked, for messages. */
  public static String where(NodeOptions o) {
    String range = o.participant().localhostOnly() ? "localhost only"
        : o.participant().multicastInterface().map(n -> "multicast on " + n.getName())
            .orElse("no multicast interface found");
    return "domain " + o.participant().domainId() + ", " + range;
  }
}
