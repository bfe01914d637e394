package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.ros.RecordOption;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.ros.Node;
import dev.wayfinder.cli.ros.RosNetworkOptions;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.mcap.NodeRecording;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.eval.EvalResult;
import dev.wayfinder.simros.SimRosNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code wayfinder sim --scenario S --ros}: checks the options, runs {@link SimRosNode}, prints the summary. */
final class SimRosRun {
  static final double MAX_CAMERA_HZ = 120;
  /** Held so the level set below stays: java.util.logging keeps loggers only weakly. */
  private static final Logger ROS_LOG = Logger.getLogger("dev.wayfinder.ros");

  /** The JSON shape of the summary. */
  record Summary(String scenario, boolean randomized, long firstSeed, long ticks, double simSeconds,
                 double wallSeconds, double realTimeFactor, long cameraFrames, long commands, EvalResult results,
                 List<EpisodeOutcome> episodes, RecordOption.Recorded recorded) {}

  private SimRosRun() {}

  static void run(SimRosOptions o, PrintWriter out, PrintWriter err) {
    if (o.scenario == null) {
      throw new UserException("--ros needs --scenario S: a scenario file or the name of a bundled scenario");
    }
    if (o.maxSpeed && o.rateFactor != 1) {
      throw new UserException("--max-speed and --rate-factor contradict each other; give one of them");
    }
    if (!(o.rateFactor >= 0.01 && o.rateFactor <= 100)) {
      throw new UserException("--rate-factor must be 0.01 to 100 simulated seconds per second, got " + o.rateFactor
          + " (--max-speed runs as fast as possible)");
    }
    if (!(o.cameraHz > 0 && o.cameraHz <= MAX_CAMERA_HZ)) {
      throw new UserException("--camera-hz must be above 0 and at most " + (int) MAX_CAMERA_HZ + ", got "
          + o.cameraHz + " (--no-camera turns the camera off)");
    }
    for (var e : new Object[][] {{"--camera-width", o.cameraWidth}, {"--camera-height", o.cameraHeight}}) {
      Integer v = (Integer) e[1];
      if (v != null && (v < 1 || v > 4096)) {
        throw new UserException(e[0] + " must be 1 to 4096 pixels, got " + v);
      }
    }
    if (o.noCamera && (o.cameraWidth != null || o.cameraHeight != null)) {
      throw new UserException("--no-camera and --camera-width/--camera-height contradict each other");
    }
    if (!(o.cmdVelTimeout > 0 && o.cmdVelTimeout <= 60)) {
      throw new UserException("--cmd-vel-timeout must be above 0 and at most 60 seconds, got " + o.cmdVelTimeout);
    }
    if (o.episodes < 0 || o.episodes > SimRunCommand.MAX_EPISODES) {
      throw new UserException("--episodes must be 0 (until Ctrl-C) to " + SimRunCommand.MAX_EPISODES + ", got "
          + o.episodes);
    }
    NodeOptions nodeOptions = o.network.nodeOptions(System.getenv());
    if (o.record != null) {
      RecordOption.check(o.record);
    }
    Scenario s = Scenarios.resolve(o.scenario);
    SimRosNode.Settings settings;
    try {
      settings = new SimRosNode.Settings(o.maxSpeed ? 0 : o.rateFactor, o.noCamera ? 0 : o.cameraHz,
          o.cameraWidth == null ? 0 : o.cameraWidth, o.cameraHeight == null ? 0 : o.cameraHeight,
          Math.round(o.cmdVelTimeout * 1e9), o.episodes, o.seed);
      SimRosNode.ticksPerControl(s.limits().controlRate(), settings.cameraHz());
    } catch (IllegalArgumentException e) {
      throw new UserException(s.name() + ": " + e.getMessage());
    }
    EpisodeSource source = EpisodeSources.of(s, o.randomize);
    if (System.getProperty("java.util.logging.config.file") == null) {
      ROS_LOG.setLevel(Level.WARNING);
    }
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    AtomicReference<NodeRecording> recording = new AtomicReference<>();
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        finished.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      NodeRecording rec = recording.get();
      if (rec != null) {
        // finishes the file, or waits until the main thread has
        RecordOption.finish(o.record, rec, err);
      }
    }, "wayfinder-sim-ros-shutdown");
    SimRosNode.Summary r;
    // The node closes (saying goodbye to its peers) before the hook lets the JVM end
    try (Node node = Node.create("wayfinder_sim", nodeOptions)) {
      Runtime.getRuntime().addShutdownHook(hook);
      if (o.record != null) {
        // before the simulator's publishers exist, so the latched map, goal and transforms are in the file
        recording.set(RecordOption.start(o.record, node, nodeOptions.distro()));
      }
      SimRosNode sim = new SimRosNode(s, source, settings, node);
      err.printf(Locale.ROOT, "%s on ROS 2 (%s) as node /wayfinder_sim: %s, %d-step episodes at %.4g Hz, ticking at"
              + " %.4g Hz, %s%s; Ctrl-C stops%n", s.name(), RosNetworkOptions.where(nodeOptions),
          o.noCamera ? "no camera" : String.format(Locale.ROOT, "%dx%d camera at %.4g Hz", sim.camera().width(),
              sim.camera().height(), o.cameraHz),
          s.limits().maxSteps(), s.limits().controlRate(), sim.tickRate(),
          o.maxSpeed ? "as fast as possible" : o.rateFactor == 1 ? "real time"
              : String.format(Locale.ROOT, "%.4gx real time", o.rateFactor),
          o.randomize ? ", randomized" : "");
      err.flush();
      r = sim.run(stop::get, line -> {
        if (!o.json) {
          err.println(line);
          err.flush();
        }
      });
      // printed before the shutdown hook is released, so Ctrl-C still shows the summary
      NodeRecording rec = recording.get();
      print(o, s, r, rec == null ? null : RecordOption.finish(o.record, rec, err), out);
    } catch (IOException e) {
      throw new UserException("cannot join ROS " + RosNetworkOptions.where(nodeOptions) + ": " + e.getMessage()
          + " (each domain has room for 21 participants on one machine; close some ROS programs)", e);
    } catch (RenderException e) {
      throw new UserException("the camera cannot render: " + e.getMessage() + " (--no-camera runs without it)", e);
    } catch (EpisodeSource.Unavailable e) {
      throw new UserException(s.name() + ": " + e.getMessage(), e);
    } finally {
      NodeRecording rec = recording.get();
      if (rec != null) {
        RecordOption.finish(o.record, rec, err); // after a failure too: the file is complete as far as it got
      }
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // shutting down (Ctrl-C) or never added
      }
    }
  }

  private static void print(SimRosOptions o, Scenario s, SimRosNode.Summary r, RecordOption.Recorded recorded,
                            PrintWriter out) {
    EvalResult results = r.outcomes().isEmpty() ? null : EvalResult.of(r.outcomes());
    if (o.json) {
      Json.print(out, new Summary(s.name(), o.randomize, o.seed, r.ticks(), r.simNanos() / 1e9, r.wallNanos() / 1e9,
          r.realTimeFactor(), r.cameraFrames(), r.commands(), results, r.outcomes(), recorded));
      return;
    }
    out.printf(Locale.ROOT, "%s on ROS 2: %.1f s simulated in %.1f s (real-time factor %.2f), %d ticks, %d camera"
            + " frames, %d velocity commands%n", s.name(), r.simNanos() / 1e9, r.wallNanos() / 1e9,
        r.realTimeFactor(), r.ticks(), r.cameraFrames(), r.commands());
    if (results != null) {
      out.printf(Locale.ROOT, "  %d episode%s ended: success %.1f %%, SPL %.3f, collisions %.1f %%, truncated %.1f %%%n",
          results.episodes(), results.episodes() == 1 ? "" : "s", 100 * results.successRate(), results.spl(),
          100 * results.collisionRate(), 100 * results.truncatedRate());
    }
    if (recorded != null) {
      out.println("  " + RecordOption.line(recorded));
    }
    out.flush();
  }
}
