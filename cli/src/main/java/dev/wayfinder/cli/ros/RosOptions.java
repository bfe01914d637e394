package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.NodeOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code wayfinder ros} command shares: domain, discovery range, discovery timeout. */
public final class RosOptions {
  @Mixin RosNetworkOptions network;

  @Option(names = "--timeout", paramLabel = "S",
      description = "Seconds to wait for discovery (list: how long to listen; echo, hz: for a publisher; "
          + "pub: for subscriptions). Default: ${DEFAULT-VALUE}.", defaultValue = "3")
  double timeout;

  /** The node options: the ROS environment variables in {@code env}, overridden by the flags. */
  NodeOptions nodeOptions(Map<String, String> env) {
    return network.nodeOptions(env);
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
    return RosNetworkOptions.where(o);
  }

  /** The seconds of {@code d}, as people write them ("3", "0.5"). */
  static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.3g", s);
  }
}
