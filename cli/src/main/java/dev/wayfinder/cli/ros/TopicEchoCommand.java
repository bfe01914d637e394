package dev.wayfinder.cli.ros;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.TopicInfo;
import dev.wayfinder.ros.tools.MessageText;
import dev.wayfinder.ros.tools.MessageTree;
import dev.wayfinder.ros.tools.MessageTypes;
import dev.wayfinder.ros.tools.TopicTools;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros topic echo TOPIC [TYPE]}: prints the messages on a topic. */
@Command(name = "echo", mixinStandardHelpOptions = true,
    description = {"Print the messages published on a topic, like 'ros2 topic echo'.",
        "YAML with '---' after each message. The type comes from the topic's publishers",
        "unless given. Runs until --count messages have been printed, or Ctrl-C."})
public final class TopicEchoCommand implements Callable<Integer> {
  private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  @Spec CommandSpec spec;
  @Mixin RosOptions ros;

  @Option(names = "--json", description = "Print each message as one line of JSON (JSON lines).")
  boolean json;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. /cmd_vel.")
  String topic;

  @Parameters(index = "1", arity = "0..1", paramLabel = "TYPE",
      description = "Message type, e.g. geometry_msgs/msg/Twist (default: what the publishers announce).")
  String type;

  @Option(names = "--once", description = "Print one message and exit.")
  boolean once;

  @Option(names = "--count", paramLabel = "N", description = "Print N messages and exit.")
  Integer count;

  @Option(names = "--qos", paramLabel = "RELIABILITY",
      description = "Subscribe reliable or best_effort (default: best effort, which matches every publisher; "
          + "transient local when all publishers are, so latched topics show their last message).")
  Reliability qos;

  @Override
  public Integer call() throws InterruptedException {
    String name = Topics.checkTopic(topic);
    Optional<MessageTypes.Entry<?>> given = type == null ? Optional.empty() : Optional.of(Topics.type(type));
    if (once && count != null) {
      throw new UserException("--once and --count contradict each other; give one of them");
    }
    if (count != null && count < 1) {
      throw new UserException("--count must be at least 1, got " + count);
    }
    long limit = once ? 1 : count == null ? Long.MAX_VALUE : count;
    Duration timeout = ros.timeout();
    PrintWriter err = spec.commandLine().getErr();
    try (RosSession s = RosSession.open(ros)) {
      Optional<TopicInfo> seen = Topics.awaitPublisher(s, name, timeout);
      if (s.stopRequested()) {
        return Main.OK;
      }
      MessageTypes.Entry<?> entry;
      if (given.isPresent()) {
        entry = given.get();
        if (seen.isPresent() && !seen.get().type().equals(entry.type().name())) {
          throw new UserException("the publishers on " + name + " announce type " + seen.get().type() + ", not "
              + entry.type().name() + "; leave TYPE out or give theirs");
        }
        if (seen.isEmpty()) {
          err.println("wayfinder: no publisher on " + name + " yet (" + s.where() + "); waiting, Ctrl-C to stop");
          err.flush();
        }
      } else if (seen.isEmpty()) {
        throw Topics.noPublisher(s, name, timeout, "; give TYPE to wait for a publisher");
      } else {
        entry = Topics.type(seen.get().type());
      }
      QosProfile profile = TopicTools.listenQos(s.node(), name);
      if (qos != null) {
        profile = qos.apply(profile);
      }
      return echo(s, name, entry, profile, limit);
    }
  }

  private <T extends Record> int echo(RosSession s, String name, MessageTypes.Entry<T> entry, QosProfile profile,
                                      long limit) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BlockingQueue<T> queue = new ArrayBlockingQueue<>(1024);
    AtomicLong dropped = new AtomicLong();
    Subscription sub = s.node().subscription(entry.type(), name, profile, m -> {
      if (!queue.offer(m)) {
        dropped.incrementAndGet();
      }
    });
    try {
      long printed = 0;
      while (printed < limit && !s.stopRequested()) {
        T m = queue.poll(100, TimeUnit.MILLISECONDS);
        if (m == null) {
          continue;
        }
        if (json) {
          out.println(line(m));
        } else {
          out.print(MessageText.toYaml(m));
          out.println("---");
        }
        out.flush();
        printed++;
      }
    } finally {
      sub.close();
    }
    if (dropped.get() > 0) {
      err.println("wayfinder: printing fell behind; " + dropped.get() + " messages were skipped");
      err.flush();
    }
    return Main.OK;
  }

  private static String line(Record m) {
    try {
      return LINE.writeValueAsString(MessageTree.of(m));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON for " + m.getClass().getSimpleName(), e);
    }
  }
}
