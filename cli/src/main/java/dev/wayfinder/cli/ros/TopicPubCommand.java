package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.tools.MessageTree;
import dev.wayfinder.ros.tools.MessageTypes;
import dev.wayfinder.ros.tools.MessageValues;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros topic pub TOPIC TYPE [VALUES]}: publishes a message, once or at a rate. */
@Command(name = "pub", mixinStandardHelpOptions = true,
    description = {"Publish a message on a topic, like 'ros2 topic pub'.",
        "Publishes at --rate until Ctrl-C, or --times N messages, or --once.",
        "VALUES are YAML flow style; fields left out are zero or empty, e.g.",
        "  /cmd_vel geometry_msgs/msg/Twist \"{linear: {x: 0.2}, angular: {z: 0.5}}\""})
public final class TopicPubCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RosOptions ros;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. /cmd_vel.")
  String topic;

  @Parameters(index = "1", paramLabel = "TYPE", description = "Message type, e.g. geometry_msgs/msg/Twist.")
  String type;

  @Parameters(index = "2", arity = "0..1", paramLabel = "VALUES", defaultValue = "{}",
      description = "Field values in YAML flow style, e.g. \"{data: hi}\" (default: ${DEFAULT-VALUE}).")
  String values;

  @Option(names = {"-r", "--rate"}, paramLabel = "HZ", defaultValue = "1",
      description = "Messages per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = {"-t", "--times"}, paramLabel = "N", description = "Publish N messages, then exit.")
  Integer times;

  @Option(names = {"-1", "--once"}, description = "Publish one message, then exit.")
  boolean once;

  @Option(names = {"-w", "--wait-matching-subscriptions"}, paramLabel = "N",
      description = {"First wait up to --timeout for N matching subscriptions (default: 1 with --once or "
          + "--times, else 0). If too few match: with --once or -w an error; with --times a warning, "
          + "and the messages go out anyway."})
  Integer waitFor;

  @Option(names = "--qos", paramLabel = "RELIABILITY", defaultValue = "reliable",
      description = "Publish reliable or best_effort (default: ${DEFAULT-VALUE}; durability transient local, "
          + "keep last 1, so a subscription that joins late still gets the latest message).")
  Reliability qos;

  @Option(names = {"-p", "--print"}, paramLabel = "N", defaultValue = "1",
      description = "Print every N-th message sent (default: ${DEFAULT-VALUE}; 0 prints none).")
  int print;

  @Option(names = "--keep-alive", paramLabel = "S", defaultValue = "0.5",
      description = "Stay on the network S seconds after the last message, so late subscriptions get it "
          + "(default: ${DEFAULT-VALUE}).")
  double keepAlive;

  @Override
  public Integer call() throws InterruptedException {
    String name = Topics.checkTopic(topic);
    MessageTypes.Entry<?> entry = Topics.type(type);
    if (!(rate > 0) || Double.isInfinite(rate) || rate > 10_000) {
      throw new UserException("--rate must be above 0 and at most 10000 messages per second, got " + rate
          + " (use --once for a single message)");
    }
    if (once && times != null) {
      throw new UserException("--once and --times contradict each other; give one of them");
    }
    if (times != null && times < 1) {
      throw new UserException("--times must be at least 1, got " + times);
    }
    if (waitFor != null && waitFor < 0) {
      throw new UserException("--wait-matching-subscriptions must be 0 or more, got " + waitFor);
    }
    if (print < 0) {
      throw new UserException("--print must be 0 or more, got " + print);
    }
    if (!(keepAlive >= 0) || keepAlive > 3600) {
      throw new UserException("--keep-alive must be 0 to 3600 seconds, got " + keepAlive);
    }
    return publish(name, entry);
  }

  private <T extends Record> int publish(String name, MessageTypes.Entry<T> entry) throws InterruptedException {
    T message;
    try {
      message = MessageValues.parse(entry.recordClass(), values);
    } catch (IllegalArgumentException e) {
      throw new UserException("VALUES for " + entry.type().name() + ": " + e.getMessage() + "; expected YAML flow "
          + "style with fields of " + entry.recordClass().getSimpleName() + " ("
          + MessageValues.describe(entry.recordClass()) + "), e.g. \"{" + MessageValues.example(entry.recordClass())
          + "}\"");
    }
    long limit = once ? 1 : times == null ? Long.MAX_VALUE : times;
    int wanted = waitFor != null ? waitFor : limit == Long.MAX_VALUE ? 0 : 1;
    Duration timeout = ros.timeout();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String text = entry.type().name() + " " + MessageTree.flow(MessageTree.of(message));
    QosProfile profile = qos.apply(QosProfile.LATCHED);
    try (RosSession s = RosSession.open(ros)) {
      Publisher<T> pub = s.node().publisher(entry.type(), name, profile);
      if (wanted > 0 && !s.await(() -> pub.subscriptionCount() >= wanted, timeout)) {
        if (s.stopRequested()) {
          return Main.OK;
        }
        String missing = pub.subscriptionCount() + " of " + wanted + " subscription" + (wanted == 1 ? "" : "s")
            + " matched " + name + " within " + RosOptions.seconds(timeout) + " s (" + s.where() + ")";
        if (once || waitFor != null) {
          throw new UserException(missing + "; start the subscriber first, raise --timeout, or pass -w 0 to "
              + "publish anyway");
        }
        err.println("wayfinder: " + missing + "; publishing anyway");
        err.flush();
      }
      out.println("publisher: beginning loop");
      out.flush();
      long period = Math.max(1, (long) (1e9 / rate));
      long next = System.nanoTime();
      for (long i = 1; i <= limit && !s.stopRequested(); i++) {
        pub.publish(message);
        if (print > 0 && (i - 1) % print == 0) {
          out.println("publishing #" + i + ": " + text);
          out.println();
          out.flush();
        }
        if (i < limit) {
          next += period;
          s.sleep(Duration.ofNanos(next - System.nanoTime()));
        }
      }
      if (!s.stopRequested()) {
        s.sleep(Duration.ofNanos((long) (keepAlive * 1e9)));
        s.await(pub::allAcknowledged, Duration.ofSeconds(1));
      }
    }
    return Main.OK;
  }
}
