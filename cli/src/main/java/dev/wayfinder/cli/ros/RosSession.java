package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The ROS node of one command run. Ctrl-C (any JVM shutdown) asks the command to stop and, if it has not closed
 * the node within two seconds, closes it, so the node always says goodbye to its peers. Waits are bounded and end
 * early when a stop is asked for.
 */
final class RosSession implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final long POLL_NANOS = 20_000_000L;
  /** Held so the level set below stays: java.util.logging keeps loggers only weakly. */
  private static final Logger ROS_LOG = Logger.getLogger("dev.wayfinder.ros");

  static {
    // Discovery news ("discovered participant ...") is INFO; a command prints only warnings (QoS mismatches,
    // dropped samples) unless a logging configuration file says otherwise.
    if (System.getProperty("java.util.logging.config.file") == null) {
      ROS_LOG.setLevel(Level.WARNING);
    }
  }

  private final Node node;
  private final NodeOptions options;
  private final Thread hook;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicBoolean closing = new AtomicBoolean();

  private RosSession(Node node, NodeOptions options) {
    this.node = node;
    this.options = options;
    this.hook = new Thread(this::onShutdown, "wayfinder-ros-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Joins the domain the options describe. */
  static RosSession open(RosOptions ros) {
    NodeOptions options = ros.nodeOptions(System.getenv());
    int n = COUNT.getAndIncrement();
    String name = "_wayfinder_cli_" + ProcessHandle.current().pid() + (n == 0 ? "" : "_" + n);
    try {
      return new RosSession(Node.create(name, options), options);
    } catch (IOException e) {
      throw new UserException("cannot join ROS " + RosOptions.where(options) + ": " + e.getMessage()
          + " (each domain has room for 21 participants on one machine; close some ROS programs)", e);
    }
  }

  Node node() {
    return node;
  }

  /** The ROS distribution whose conventions the node follows (ROS_DISTRO). */
  dev.wayfinder.ros.RosDistro distro() {
    return options.distro();
  }

  /** "domain 37, localhost only". */
  String where() {
    return RosOptions.where(options);
  }

  /** Whether discovery stays on this machine. */
  boolean localhostOnly() {
    return options.participant().localhostOnly();
  }

  /** Whether Ctrl-C (a JVM shutdown) asked the command to stop. */
  boolean stopRequested() {
    return stop.getCount() == 0;
  }

  /** Sleeps for {@code d}; returns false at once when a stop is asked for. */
  boolean sleep(Duration d) throws InterruptedException {
    return !stop.await(Math.max(0, d.toNanos()), TimeUnit.NANOSECONDS);
  }

  /** Waits until {@code condition} holds (true) or {@code max} passed or a stop is asked for (false). */
  boolean await(BooleanSupplier condition, Duration max) throws InterruptedException {
    long end = System.nanoTime() + max.toNanos();
    while (!condition.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0 || stop.await(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS)) {
        return condition.getAsBoolean();
      }
    }
    return true;
  }

  private void onShutdown() {
    stop.countDown();
    try {
      if (closed.await(2, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeNode();
  }

  private void closeNode() {
    if (closing.compareAndSet(false, true)) {
      node.close();
    }
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down (Ctrl-C): the hook is running and waits for this close
    }
    closeNode();
    closed.countDown();
  }
}
