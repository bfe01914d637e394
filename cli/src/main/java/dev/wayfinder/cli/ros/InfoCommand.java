package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.ros.mcap.McapChannel;
import dev.wayfinder.ros.mcap.McapReader;
import dev.wayfinder.ros.mcap.McapScan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros info FILE.mcap}: what a recording holds, like {@code ros2 bag info}. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Print what an MCAP recording holds, like 'ros2 bag info': size, duration, start and end,",
        "message count, compression, and each topic with its type and count.",
        "Reads the whole file and checks it (every CRC, index and count); a truncated or corrupt file",
        "is an error naming the offset where it goes wrong."})
public final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(index = "0", paramLabel = "FILE", description = "The .mcap file.")
  Path file;

  /** One topic of the file. */
  record TopicRow(String name, String type, long count, String serializationFormat) {}

  /** What info prints. */
  record Info(String file, long size, String profile, String library, long durationNanos, long startNanos,
              long endNanos, long messages, long chunks, List<String> compression, long compressedBytes,
              long uncompressedBytes, Map<String, String> rosbag2, List<TopicRow> topics) {}

  @Override
  public Integer call() {
    McapScan scan;
    try (McapReader r = McapReader.open(file)) {
      scan = r.verify();
    } catch (IOException e) {
      throw Bags.readError(file, e);
    }
    List<TopicRow> topics = new ArrayList<>();
    for (McapChannel c : scan.channels().values()) {
      topics.add(new TopicRow(c.topic(), scan.typeOf(c.id()), scan.channelMessageCounts().getOrDefault(c.id(), 0L),
          c.messageEncoding()));
    }
    Info info = new Info(file.toString(), scan.fileSize(), scan.profile(), scan.library(), scan.durationNanos(),
        scan.messageStartTime(), scan.messageEndTime(), scan.messageCount(), scan.chunkCount(),
        List.copyOf(scan.compressions().stream().map(c -> c.isEmpty() ? "none" : c).toList()),
        scan.compressedBytes(), scan.uncompressedBytes(), new LinkedHashMap<>(scan.metadata("rosbag2")), topics);
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, info);
      return Main.OK;
    }
    String pad = "                   ";
    out.println("Files:             " + info.file());
    out.println("Bag size:          " + Bags.size(info.size()));
    out.println("Storage id:        mcap (profile " + (info.profile().isEmpty() ? "none" : info.profile())
        + (info.rosbag2().containsKey("ROS_DISTRO") ? ", ROS_DISTRO " + info.rosbag2().get("ROS_DISTRO") : "") + ")");
    out.println("Duration:          " + Bags.seconds(info.durationNanos()));
    if (info.messages() > 0) {
      out.println("Start:             " + Bags.time(info.startNanos()));
      out.println("End:               " + Bags.time(info.endNanos()));
    }
    out.println("Messages:          " + info.messages());
    out.println("Compression:       " + (info.compression().isEmpty() ? "none (no chunks)"
        : String.join(", ", info.compression()) + " (" + info.chunks() + " chunk" + (info.chunks() == 1 ? "" : "s")
        + ", " + Bags.size(info.compressedBytes()) + " stored, " + Bags.size(info.uncompressedBytes())
        + " uncompressed)"));
    int width = topics.stream().mapToInt(t -> t.name().length()).max().orElse(0);
    int typeWidth = topics.stream().mapToInt(t -> t.type().length()).max().orElse(0);
    for (int i = 0; i < topics.size(); i++) {
      TopicRow t = topics.get(i);
      out.println((i == 0 ? "Topic information: " : pad) + "Topic: " + padRight(t.name(), width) + " | Type: "
          + padRight(t.type().isEmpty() ? "(no schema)" : t.type(), typeWidth) + " | Count: " + t.count()
          + " | Serialization Format: " + t.serializationFormat());
    }
    if (topics.isEmpty()) {
      out.println("Topic information: (none)");
    }
    out.println("Checked:           every CRC, index and count");
    out.flush();
    return Main.OK;
  }

  private static String padRight(String s, int n) {
    return s.length() >= n ? s : s + " ".repeat(n - s.length());
  }
}
