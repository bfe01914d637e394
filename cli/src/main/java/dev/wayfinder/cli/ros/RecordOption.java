package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.RosDistro;
import dev.wayfinder.ros.mcap.NodeRecording;
import dev.wayfinder.ros.mcap.RosBagWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code --record FILE.mcap} of {@code wayfinder deploy} and {@code wayfinder sim --ros}: checks the path before
 * anything starts, records the node's inputs and outputs through {@link NodeRecording}, and says what was recorded.
 */
public final class RecordOption {
  private RecordOption() {}

  /** What a recording holds, for the commands' summaries. */
  public record Recorded(String file, long messages, Map<String, Long> topics, Map<String, Long> dropped) {}

  /**
   * Checks that {@code file} can be created: it does not exist yet and its folder does.
   *
   * @throws UserException naming the file and what is wrong
   */
  public static void check(Path file) {
    if (!file.getFileName().toString().endsWith(".mcap")) {
      throw new UserException("--record " + file + ": expected a file name ending in .mcap");
    }
    if (Files.exists(file)) {
      throw new UserException("--record " + file + " exists already; remove it or give another FILE.mcap");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new UserException("--record " + file + ": the folder " + parent + " does not exist");
    }
  }

  /**
   * Starts recording everything {@code node} publishes and receives from now on.
   *
   * @throws UserException when the file cannot be created
   */
  public static NodeRecording start(Path file, Node node, RosDistro distro) {
    try {
      return NodeRecording.start(node, RosBagWriter.create(file, distro));
    } catch (IOException e) {
      throw new UserException("--record " + file + ": cannot write it: " + e.getMessage(), e);
    }
  }

  /**
   * Finishes the file (idempotent; a shutdown hook may call it too) and returns what it holds.
   *
   * @return the summary; a write failure is said on {@code err} and leaves the file as far as it got
   */
  public static Recorded finish(Path file, NodeRecording r, PrintWriter err) {
    try {
      r.close();
    } catch (IOException e) {
      synchronized (err) {
        err.println("wayfinder: --record " + file + ": writing failed: " + e.getMessage()
            + "; the file holds what was written before");
        err.flush();
      }
    }
    Map<String, Long> counts = r.counts();
    long n = counts.values().stream().mapToLong(Long::longValue).sum();
    return new Recorded(file.toString(), n, counts, r.dropped());
  }

  /** One line for a text summary. */
  public static String line(Recorded r) {
    long dropped = r.dropped().values().stream().mapToLong(Long::longValue).sum();
    return String.format(Locale.ROOT, "recorded %d messages on %d topics into %s%s", r.messages(), r.topics().size(),
        r.file(), dropped == 0 ? "" : " (" + dropped + " dropped, the disk fell behind: " + r.dropped() + ")");
  }
}
