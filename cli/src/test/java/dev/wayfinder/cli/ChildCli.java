package dev.wayfinder.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code wayfinder} command in a child JVM (this test JVM's class path), its standard output and error in a log
 * file: for what only a real process shows, such as a shutdown by SIGTERM. Killed (SIGKILL) on close if still running.
 */
public final class ChildCli implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildCli(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code wayfinder ARGS...}.
   *
   * @param log where its output goes
   * @param maxHeap -Xmx, e.g. "512m"
   */
  public static ChildCli start(Path log, String maxHeap, String... args) throws IOException {
    return new ChildCli(new ProcessBuilder(command(maxHeap, args)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start(), log);
  }

  /** The command line that runs {@code wayfinder ARGS...} in a JVM with this one's class path. */
  public static List<String> command(String maxHeap, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Whether its output so far contains {@code text}. */
  public boolean said(String text) {
    return log().contains(text);
  }

  /** Its output so far. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /**
   * Sends SIGTERM (the JVM runs its shutdown hooks, as on Ctrl-C) and waits for the exit.
   *
   * @return the exit code
   * @throws AssertionError when it has not exited within {@code seconds}
   */
  public int terminate(long seconds) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("the child did not exit within " + seconds + " s of SIGTERM:\n" + log());
    }
    return process.exitValue();
  }

  /** Whether it is still running. */
  public boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
