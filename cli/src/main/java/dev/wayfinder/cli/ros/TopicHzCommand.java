package dev.wayfinder.cli.ros;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.Subscription;
import dev.wayfinder.ros.TopicInfo;
import dev.wayfinder.ros.msg.MessageType;
import dev.wayfinder.ros.tools.MessageTypes;
import dev.wayfinder.ros.tools.RateMeter;
import dev.wayfinder.ros.tools.TopicTools;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros topic hz TOPIC}: the rate messages arrive at. */
@Command(name = "hz", mixinStandardHelpOptions = true,
    description = {"Print the rate messages arrive at on a topic, like 'ros2 topic hz'.",
        "Reports once a second, for --duration seconds or until Ctrl-C. Works for any",
        "message type: the messages are counted, not decoded."})
public final class TopicHzCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RosOptions ros;

  @Option(names = "--json", description = "Print each report as one line of JSON (JSON lines).")
  boolean json;

  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic, e.g. /scan.")
  String topic;

  @Option(names = {"-w", "--window"}, paramLabel = "N", defaultValue = "10000",
      description = "Compute the rate over the last N messages (default: ${DEFAULT-VALUE}).")
  int window;

  @Option(names = "--duration", paramLabel = "S", description = "Measure for S seconds, then exit.")
  Double duration;

  @Override
  public Integer call() throws InterruptedException {
    String name = Topics.checkTopic(topic);
    if (window < 2) {
      throw new UserException("--window must be at least 2 messages, got " + window);
    }
    if (duration != null && (!(duration > 0) || duration > 86_400 * 365)) {
      throw new UserException("--duration must be a number of seconds above 0, got " + duration);
    }
    Duration timeout = ros.timeout();
    PrintWriter out = spec.commandLine().getOut();
    try (RosSession s = RosSession.open(ros)) {
      TopicInfo info = Topics.awaitPublisher(s, name, timeout).orElse(null);
      if (s.stopRequested()) {
        return Main.OK;
      }
      if (info == null) {
        throw Topics.noPublisher(s, name, timeout, "");
      }
      MessageType<?> type = countingType(info.type());
      RateMeter meter = new RateMeter(window);
      AtomicLong arrivals = new AtomicLong();
      // Best effort matches every publisher. The first message from each publisher only starts its clock: a
      // transient-local publisher sends its stored message at once when it matches, which is no arrival.
      Set<String> started = ConcurrentHashMap.newKeySet();
      Subscription sub = s.node().subscriptionWithInfo(type, name, TopicTools.LISTEN, (m, received) -> {
        if (started.add(received.publisher())) {
          return;
        }
        meter.arrived(System.nanoTime());
        arrivals.incrementAndGet();
      });
      try {
        long start = System.nanoTime();
        long end = duration == null ? Long.MAX_VALUE : start + (long) (duration * 1e9);
        long next = start;
        long reported = 0;
        while (!s.stopRequested()) {
          next += 1_000_000_000L;
          long wake = Math.min(next, end);
          if (!s.sleep(Duration.ofNanos(wake - System.nanoTime()))) {
            break;
          }
          long n = arrivals.get();
          var rate = meter.rate();
          if (n == reported || rate.isEmpty()) {
            if (!json) {
              out.println(n == 0 ? "WARNING: no messages received yet" : "no new messages");
            }
          } else if (json) {
            out.println(jsonLine(name, rate.get(), n));
          } else {
            RateMeter.Rate r = rate.get();
            out.printf(Locale.ROOT, "average rate: %.3f%n\tmin: %.3fs max: %.3fs std dev: %.5fs window: %d%n",
                r.averageHz(), r.minPeriodS(), r.maxPeriodS(), r.stdDevS(), r.window());
          }
          out.flush();
          reported = n;
          if (wake >= end) {
            break;
          }
        }
      } finally {
        sub.close();
      }
    }
    return Main.OK;
  }

  /** The announced type, built in or not: hz only counts arrivals, so the payload is never decoded. */
  private static MessageType<?> countingType(String announced) {
    var builtIn = MessageTypes.byName(announced);
    if (builtIn.isPresent()) {
      return builtIn.get().type();
    }
    if (announced.split("/").length != 3) {
      throw new UserException("the publishers announce type '" + announced + "', which is not a ROS 2 type "
          + "name (pkg/msg/Name); cannot subscribe to it");
    }
    return MessageType.<Boolean>of(announced, (v, w) -> {
      throw new UnsupportedOperationException("hz never publishes");
    }, r -> Boolean.TRUE);
  }

  private static String jsonLine(String topic, RateMeter.Rate r, long received) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("topic", topic);
    m.put("average_rate_hz", r.averageHz());
    m.put("min_period_s", r.minPeriodS());
    m.put("max_period_s", r.maxPeriodS());
    m.put("std_dev_s", r.stdDevS());
    m.put("window", r.window());
    m.put("received", received);
    try {
      return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
