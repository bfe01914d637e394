package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.mcap.McapWriter;
import dev.wayfinder.ros.mcap.Recorder;
import dev.wayfinder.ros.mcap.RosBagWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros record -o FILE.mcap TOPIC...}: records topics into an MCAP file, like {@code ros2 bag record}. */
@Command(name = "record", mixinStandardHelpOptions = true,
    description = {"Record topics into an MCAP file, like 'ros2 bag record -s mcap': the ROS 2 profile, cdr",
        "messages, ros2msg schemas, zstd chunks, with the summary and indexes; 'ros2 bag', Foxglove and",
        "'wayfinder ros play' read it. Each topic is recorded from when a publisher of it is discovered.",
        "Runs until Ctrl-C, --duration or --count; the file is complete in every case (Ctrl-C included).",
        "Prints the number of messages recorded per topic."})
public final class RecordCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(100);

  @Spec CommandSpec spec;
  @Mixin RosOptions ros;
  @Mixin JsonOption json;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE.mcap",
      description = "The file to write (it must not exist yet).")
  Path output;

  @Parameters(arity = "0..*", paramLabel = "TOPIC", description = "Topics to record, e.g. /cmd_vel /odom.")
  List<String> topics = new ArrayList<>();

  @Option(names = {"-a", "--all"}, description = "Record every topic with a publisher (hidden ones, with a part "
      + "starting with '_', left out), including those that appear later.")
  boolean all;

  @Option(names = {"-d", "--duration"}, paramLabel = "S", description = "Stop after S seconds.")
  Double duration;

  @Option(names = "--count", paramLabel = "N", description = "Stop after N messages in all.")
  Long count;

  @Option(names = "--compression", paramLabel = "zstd|none", defaultValue = "zstd",
      description = "How chunks are stored (default: ${DEFAULT-VALUE}).")
  String compression;

  /** One recorded topic. */
  record TopicCount(String name, String type, long count) {}

  /** What record prints. */
  record Result(String file, long messages, double seconds, long bytes, List<TopicCount> topics,
                List<String> neverSeen) {}

  @Override
  public Integer call() throws InterruptedException {
    Set<String> wanted = new LinkedHashSet<>();
    for (String t : topics) {
      wanted.add(Topics.checkTopic(t));
    }
    if (wanted.isEmpty() && !all) {
      throw new UserException("give the topics to record (e.g. /cmd_vel /odom) or --all");
    }
    if (duration != null && (!(duration > 0) || duration.isInfinite())) {
      throw new UserException("--duration must be a number of seconds above 0, got " + duration);
    }
    if (count != null && count < 1) {
      throw new UserException("--count must be at least 1, got " + count);
    }
    McapWriter.Compression c = switch (compression.toLowerCase(java.util.Locale.ROOT)) {
      case "zstd" -> McapWriter.Compression.ZSTD;
      case "none" -> McapWriter.Compression.NONE;
      default -> throw new UserException("--compression must be zstd or none, got '" + compression + "'");
    };
    if (Files.exists(output)) {
      throw new UserException(output + " exists already; remove it or give another -o FILE.mcap");
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserException("-o " + output + ": the folder " + parent + " does not exist");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (RosSession s = RosSession.open(ros)) {
      RosBagWriter bag;
      try {
        bag = RosBagWriter.create(output, McapWriter.Options.ros2().withCompression(c), s.distro());
      } catch (IOException e) {
        throw new UserException("cannot write " + output + ": " + e.getMessage(), e);
      }
      Recorder recorder = new Recorder(s.node(), bag, count == null ? Long.MAX_VALUE : count);
      // Ctrl-C: the JVM waits for this hook, so the summary and footer are written before it exits.
      Thread hook = new Thread(() -> finish(recorder, bag), "wayfinder-record-finish");
      Runtime.getRuntime().addShutdownHook(hook);
      long start = System.nanoTime();
      long end = duration == null ? Long.MAX_VALUE : start + (long) (duration * 1e9);
      boolean warned = false;
      try {
        while (!s.stopRequested() && !recorder.isDone() && System.nanoTime() < end) {
          Map<String, String> added = recorder.discover(wanted, all);
          added.forEach((topic, type) -> {
            err.println("wayfinder: recording " + topic + " [" + type + "]" + (RosBagWriter.hasDefinition(type) ? ""
                : " (no .msg definition built in: its messages are recorded and play back, but viewers cannot "
                    + "decode them)"));
          });
          if (!warned && System.nanoTime() - start > ros.timeout().toNanos()) {
            List<String> missing = wanted.stream().filter(t -> !recorder.topics().containsKey(t)).toList();
            if (!missing.isEmpty() || (all && recorder.topics().isEmpty())) {
              err.println("wayfinder: no publisher yet on " + (missing.isEmpty() ? "any topic" : String.join(", ",
                  missing)) + " (" + s.where() + "); waiting, Ctrl-C to stop");
            }
            warned = true;
          }
          err.flush();
          s.sleep(Duration.ofNanos(Math.min(POLL.toNanos(), Math.max(0, end - System.nanoTime()))));
        }
      } catch (IOException e) {
        throw new UserException("cannot write " + output + ": " + e.getMessage(), e);
      } finally {
        IOException failed = finish(recorder, bag);
        if (failed != null) {
          throw new UserException("cannot finish " + output + ": " + failed.getMessage(), failed);
        }
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutting down (Ctrl-C): the hook runs and finds the file finished
        }
      }
      if (recorder.failure().isPresent()) {
        throw new UserException("cannot write " + output + ": " + recorder.failure().get().getMessage()
            + " (the file holds what was recorded before)", recorder.failure().get());
      }
      List<TopicCount> rows = new ArrayList<>();
      Map<String, Long> counts = bag.counts();
      recorder.topics().forEach((t, type) -> rows.add(new TopicCount(t, type, counts.getOrDefault(t, 0L))));
      List<String> never = wanted.stream().filter(t -> !counts.containsKey(t)).toList();
      long bytes;
      try {
        bytes = Files.size(output);
      } catch (IOException e) {
        bytes = -1;
      }
      Result r = new Result(output.toString(), bag.mcap().messageCount(), (System.nanoTime() - start) / 1e9, bytes,
          rows, never);
      print(out, r);
    }
    return Main.OK;
  }

  /** Stops recording and finishes the file; returns the failure to finish it, if any. */
  private static IOException finish(Recorder recorder, RosBagWriter bag) {
    recorder.close();
    try {
      bag.close();
      return null;
    } catch (IOException e) {
      return e;
    }
  }

  private void print(PrintWriter out, Result r) {
    if (json.enabled()) {
      Json.print(out, r);
      return;
    }
    out.println(String.format(java.util.Locale.ROOT, "recorded %d message%s in %.1f s to %s (%s)", r.messages(),
        r.messages() == 1 ? "" : "s", r.seconds(), r.file(), Bags.size(r.bytes())));
    int w = Math.max(5, r.topics().stream().mapToInt(t -> t.name().length()).max().orElse(0));
    int tw = Math.max(4, r.topics().stream().mapToInt(t -> t.type().length()).max().orElse(0));
    out.println(pad("topic", w) + "  " + pad("type", tw) + "  count");
    for (TopicCount t : r.topics()) {
      out.println(pad(t.name(), w) + "  " + pad(t.type(), tw) + "  " + t.count());
    }
    for (String t : r.neverSeen()) {
      out.println(pad(t, w) + "  " + pad("(no publisher seen)", tw) + "  0");
    }
    out.flush();
  }

  private static String pad(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }
}
