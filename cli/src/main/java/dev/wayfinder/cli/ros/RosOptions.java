package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.NodeOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every {@code wayfinder ros} command shares: domain, discovery range, discovery timeout. */
public final class RosOptions {
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

  @Option(names = "--timeout", paramLabel = "S",
      description = "Seconds to wait for discovery (list: how long to listen; echo, hz: for a publisher; "
          + "pub: for subscriptions). Default: ${DEFAULT-VALUE}.", defaultValue = "3")
  double timeout;

  /** The node options: the ROS environment variables in {@code env}, overridden by the flags. */
  NodeOptions nodeOptions(Map<String, String> env) {
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

  /** {@code --timeout} as a duration, checked. */
  Duration timeout() {
    if (!(timeout > 0) || Double.isInfinite(timeout) || timeout > 86_400) {
      throw new UserException("--timeout must be a number of seconds above 0 (at most a day), got " + timeout);
    }
    return Duration.ofNanos((long) (timeout * 1e9));
  }

  /** "domain 37, localhost only": where a command looked, for messages. */
  static String where(NodeOptions o) {
    String range = o.participant().localhostOnly() ? "localhost only"
        : o.participant().multicastInterface().map(n -> "multicast on " + n.getName())
            .orElse("no multicast interface found");
    return "domain " + o.participant().domainId() + ", " + range;
  }

  /** The seconds of {@code d}, as people write them ("3", "0.5"). */
  static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3g", s);
  }
}
