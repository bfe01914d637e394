package dev.wayfinder.cli.deploy;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.ros.RecordOption;
import dev.wayfinder.deploy.DeployModel;
import dev.wayfinder.deploy.DeployNode;
import dev.wayfinder.deploy.DeploySettings;
import dev.wayfinder.deploy.Refusal;
import dev.wayfinder.deploy.Watchdog;
import dev.wayfinder.robot.RobotObservation.Goal;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.TopicNames;
import dev.wayfinder.ros.mcap.NodeRecording;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import dev.wayfinder.cli.ros.RosNetworkOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code wayfinder deploy --model DIR}: the trained robot-side policy on ROS 2 topics, behind a safety watchdog. */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a trained robot-side policy on a robot over ROS 2: camera image (+ CameraInfo), depth image,",
        "odometry, goal and map in; velocity commands out at a fixed rate, behind a watchdog (zeros when an input",
        "is older than --stale-limit or inference fails, for --hold seconds after), speed and acceleration limits,",
        "an e-stop latch and a goal check. Runs until Ctrl-C (which publishes zero) or --duration. Refusals,",
        "watchdog changes and a summary every --report-every seconds go to stderr."})
public final class DeployCommand implements Callable<Integer> {
  private static final Logger ROS_LOG = Logger.getLogger("dev.wayfinder.ros");

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--model", required = true, paramLabel = "DIR",
      description = "A model folder: policy.weights, config.yaml (its sensors) and robot.yaml (the robot),"
          + " e.g. models/cluttered-room-rgbd-map.")
  Path model;

  @Option(names = "--robot", paramLabel = "FILE", description = "A robot description instead of the model's"
      + " robot.yaml (radius, speed and acceleration limits, control rate, goal tolerance, camera mount, actions).")
  Path robot;

  @Option(names = "--goal", paramLabel = "X,Y", description = "A goal in the odom frame, metres (a PoseStamped on the"
      + " goal topic replaces it).")
  String goal;

  @Option(names = "--unstamped", description = "Publish geometry_msgs/Twist instead of TwistStamped (Jazzy's"
      + " diff_drive_controller takes only stamped commands).")
  boolean unstamped;

  @Option(names = "--use-sim-time", description = "Take the time from /clock (stamps, ages, the watchdog's clock).")
  boolean simTime;

  @Option(names = "--metrics-port", paramLabel = "N", description = "Serve Prometheus metrics on"
      + " http://127.0.0.1:N/metrics (0: a free port, printed).")
  Integer metricsPort;

  @Option(names = "--control-rate", paramLabel = "HZ", defaultValue = "20",
      description = "Commands published per second (default ${DEFAULT-VALUE}).")
  double controlRate;

  @Option(names = "--decision-rate", paramLabel = "HZ", description = "Decisions per second (default: the"
      + " robot's control_rate, the rate the policy was trained at), paced by the images' stamps: simulated time with"
      + " --use-sim-time.")
  Double decisionRate;

  @Option(names = "--stale-limit", paramLabel = "S", defaultValue = "0.25",
      description = "How old the image, odometry or clock may be before the robot gets zeros (default"
          + " ${DEFAULT-VALUE}).")
  double staleLimit;

  @Option(names = "--hold", paramLabel = "S", defaultValue = "1",
      description = "Zeros continue this long after the watchdog's cause is gone (default ${DEFAULT-VALUE}).")
  double hold;

  @Option(names = "--estop-heartbeat", paramLabel = "S", description = "The e-stop topic must be heard this often;"
      + " silence engages the stop (default: no heartbeat).")
  Double heartbeat;

  @Option(names = "--shield", paramLabel = "camera|predicted|none", description = "The safety shield: on the depth"
      + " camera (the default for a model trained with one), on the network's predicted depth, or none.")
  String shield;

  @Option(names = "--shield-movers", description = "The shield on the depth camera also tracks moving obstacles"
      + " (people, carts) over the camera's frames and keeps each arc clear of where they are going; for sites with"
      + " people about (off by default: on the cluttered room without them it cost a little success).")
  boolean shieldMovers;

  @Option(names = "--no-map", description = "Do not use /map: a route-following model routes round what its depth"
      + " camera shows alone.")
  boolean noMap;

  @Option(names = "--odom-at-map-origin", description = "Until /tf gives map -> odom, take the odom frame to start at"
      + " the map's origin (no localization running).")
  boolean odomAtMapOrigin;

  @Option(names = "--seed", defaultValue = "0", description = "Seeds the shield's sampled action order"
      + " (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--topic-image", defaultValue = "/camera/image_raw", paramLabel = "TOPIC",
      description = "sensor_msgs/Image, rgb8, bgr8, rgba8, bgra8 or mono8 (default ${DEFAULT-VALUE}).")
  String topicImage;

  @Option(names = "--compressed", description = "Subscribe to sensor_msgs/CompressedImage (JPEG or PNG) on"
      + " --topic-image + /compressed instead.")
  boolean compressed;

  @Option(names = "--topic-camera-info", defaultValue = "/camera/camera_info", paramLabel = "TOPIC",
      description = "The image's CameraInfo (default ${DEFAULT-VALUE}).")
  String topicCameraInfo;

  @Option(names = "--topic-depth", defaultValue = "/camera/depth/image_raw", paramLabel = "TOPIC",
      description = "Depth registered to the image, 32FC1 metres or 16UC1 millimetres (default ${DEFAULT-VALUE}).")
  String topicDepth;

  @Option(names = "--topic-odom", defaultValue = "/odom", paramLabel = "TOPIC",
      description = "nav_msgs/Odometry (default ${DEFAULT-VALUE}).")
  String topicOdom;

  @Option(names = "--topic-goal", defaultValue = "/goal_pose", paramLabel = "TOPIC",
      description = "geometry_msgs/PoseStamped in the odom or map frame (default ${DEFAULT-VALUE}).")
  String topicGoal;

  @Option(names = "--topic-map", defaultValue = "/map", paramLabel = "TOPIC",
      description = "nav_msgs/OccupancyGrid (default ${DEFAULT-VALUE}).")
  String topicMap;

  @Option(names = "--topic-tf", defaultValue = "/tf", paramLabel = "TOPIC",
      description = "tf2_msgs/TFMessage with map -> odom (default ${DEFAULT-VALUE}).")
  String topicTf;

  @Option(names = "--topic-cmd-vel", defaultValue = "/cmd_vel", paramLabel = "TOPIC",
      description = "The command output (default ${DEFAULT-VALUE}).")
  String topicCmdVel;

  @Option(names = "--topic-estop", defaultValue = "/e_stop", paramLabel = "TOPIC",
      description = "std_msgs/Bool: true stops until false (default ${DEFAULT-VALUE}).")
  String topicEStop;

  @Option(names = "--topic-clock", defaultValue = "/clock", paramLabel = "TOPIC",
      description = "rosgraph_msgs/Clock with --use-sim-time (default ${DEFAULT-VALUE}).")
  String topicClock;

  @Option(names = "--topic-status", defaultValue = "/wayfinder_deploy", paramLabel = "PREFIX",
      description = "Status topics PREFIX/goal_reached (Bool), PREFIX/watchdog and PREFIX/action (String)"
          + " (default ${DEFAULT-VALUE}).")
  String topicStatus;

  @Option(names = "--images-reliable", description = "Subscribe to images and depth with reliable QoS (default:"
      + " best effort, sensor data QoS, which matches every publisher).")
  boolean imagesReliable;

  @Option(names = "--base-frame", defaultValue = "base_link", paramLabel = "FRAME",
      description = "The frame stamped on commands (default ${DEFAULT-VALUE}).")
  String baseFrame;

  @Option(names = "--odom-frame", defaultValue = "odom", paramLabel = "FRAME", description = "Default ${DEFAULT-VALUE}.")
  String odomFrame;

  @Option(names = "--map-frame", defaultValue = "map", paramLabel = "FRAME", description = "Default ${DEFAULT-VALUE}.")
  String mapFrame;

  @Option(names = "--warmup", defaultValue = "3", paramLabel = "SECONDS",
      description = "Decide on a synthetic room for this long before subscribing, so that the first real frames meet "
          + "compiled code (cold, one decision takes hundreds of milliseconds); 0 skips it (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--report-every", defaultValue = "5", paramLabel = "S",
      description = "Seconds between summary lines on stderr, 0 for none (default ${DEFAULT-VALUE}).")
  double reportEvery;

  @Option(names = "--duration", paramLabel = "S", description = "Run S seconds, then stop the robot and exit.")
  Double duration;

  @Option(names = "--record", paramLabel = "FILE.mcap", description = "Record every message the node received (its"
      + " inputs, refused ones too) and published (commands, status) into an MCAP file (ROS 2 profile: ros2 bag,"
      + " Foxglove and wayfinder ros play/info read it); complete after Ctrl-C too.")
  Path record;

  @Option(names = "--node-name", defaultValue = "wayfinder_deploy", paramLabel = "NAME",
      description = "The ROS node's name (default ${DEFAULT-VALUE}).")
  String nodeName;

  @Mixin RosNetworkOptions network;

  /** What a run did, printed at the end. */
  public record Summary(long images, long decisions, long commands, long droppedFrames, long watchdogTrips,
                        Map<String, Long> refused, Double latencyP50Ms, Double latencyP95Ms, Double latencyP99Ms,
                        Double latencyMaxMs, RecordOption.Recorded recorded) {
  }

  @Override
  public Integer call() throws InterruptedException {
    DeployModel m;
    try {
      m = DeployModel.load(model, robot);
    } catch (IllegalArgumentException e) {
      throw new UserException("--model " + model + ": " + e.getMessage(), e);
    }
    DeploySettings settings = settings(m);
    NodeOptions options = nodeOptions();
    if (record != null) {
      RecordOption.check(record);
    }
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (System.getProperty("java.util.logging.config.file") == null) {
      ROS_LOG.setLevel(Level.WARNING);
    }
    Node node;
    try {
      node = Node.create(nodeName, options);
    } catch (IOException e) {
      throw new UserException("cannot join ROS domain " + options.participant().domainId() + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException("--node-name: " + e.getMessage(), e);
    }
    NodeRecording recording = null;
    DeployNode deploy;
    try {
      // before the node's publishers and subscriptions exist, so the recording sees their first messages
      recording = record == null ? null : RecordOption.start(record, node, options.distro());
      deploy = DeployNode.start(node, m, settings, err);
    } catch (IllegalArgumentException | UserException e) {
      node.close();
      if (recording != null) {
        RecordOption.finish(record, recording, err);
      }
      throw e instanceof UserException u ? u : new UserException(e.getMessage(), e);
    }
    NodeRecording rec = recording;
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      // Ctrl-C: the main thread closes the node (publishing zero); if it has not within two seconds, do it here.
      stop.countDown();
      try {
        if (!closed.await(2, TimeUnit.SECONDS)) {
          deploy.close();
          if (rec != null) {
            RecordOption.finish(record, rec, err);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wayfinder-deploy-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (metricsPort != null) {
        try {
          int port = deploy.metrics().serve(metricsPort);
          err.printf(Locale.ROOT, "deploy: metrics at http://127.0.0.1:%d/metrics%n", port);
        } catch (IOException e) {
          throw new UserException("--metrics-port " + metricsPort + ": cannot listen on 127.0.0.1: " + e.getMessage(),
              e);
        }
      }
      err.printf(Locale.ROOT, "deploy: %s on ROS domain %d as node %s; commands on %s (%s) at %.0f Hz, decisions at"
              + " %.1f Hz; images from %s; %s; Ctrl-C stops the robot and exits%n", model, options.participant()
              .domainId(), nodeName, settings.topics().cmdVel(), settings.stamped() ? "TwistStamped" : "Twist",
          settings.controlRate(), settings.decisionRate(), settings.topics().imageTopic(),
          settings.goal().map(g -> String.format(Locale.ROOT, "goal (%.2f, %.2f) in %s", g.x(), g.y(), odomFrame))
              .orElse("waiting for a goal on " + settings.topics().goal()));
      err.flush();
      if (duration != null) {
        stop.await((long) (duration * 1e9), TimeUnit.NANOSECONDS);
      } else {
        stop.await();
      }
    } finally {
      deploy.close();
      try {
        // The file is finished and the summary printed before the shutdown hook is released: after Ctrl-C the JVM
        // ends once the hook returns.
        RecordOption.Recorded recorded = rec == null ? null : RecordOption.finish(record, rec, err);
        print(out, summary(deploy, recorded));
      } finally {
        closed.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // shutting down: the hook is running and returns now that the node is closed
        }
      }
    }
    return Main.OK;
  }

  private void print(PrintWriter out, Summary s) {
    if (json.enabled()) {
      Json.print(out, s);
      return;
    }
    out.printf(Locale.ROOT, "images %d, decisions %d, commands %d, dropped frames %d, watchdog trips %d%n",
        s.images(), s.decisions(), s.commands(), s.droppedFrames(), s.watchdogTrips());
    out.printf(Locale.ROOT, "latency image stamp -> command ms: p50 %s, p95 %s, p99 %s, max %s%n",
        ms(s.latencyP50Ms()), ms(s.latencyP95Ms()), ms(s.latencyP99Ms()), ms(s.latencyMaxMs()));
    out.println("refused: " + (s.refused().isEmpty() ? "none" : s.refused()));
    if (s.recorded() != null) {
      out.println(RecordOption.line(s.recorded()));
    }
    out.flush();
  }

  private static String ms(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static Summary summary(DeployNode d, RecordOption.Recorded recorded) {
    Map<String, Long> refused = new LinkedHashMap<>();
    for (Refusal.Reason r : Refusal.Reason.values()) {
      long n = d.metrics().refusals(r);
      if (n > 0) {
        refused.put(r.key(), n);
      }
    }
    double[] l = d.metrics().latencyMillis();
    return new Summary(d.metrics().images(), d.metrics().decisions(), d.metrics().commands(), d.droppedFrames(),
        d.watchdogTrips(), refused, num(l[0]), num(l[1]), num(l[2]), num(l[3]), recorded);
  }

  private static Double num(double v) {
    return Double.isNaN(v) ? null : v;
  }

  private DeploySettings settings(DeployModel m) {
    positive("--control-rate", controlRate, 1, 1000, "Hz");
    double decisions = decisionRate != null ? decisionRate : m.robot().description().controlRate();
    positive("--decision-rate", decisions, 0.1, 1000, "Hz");
    positive("--stale-limit", staleLimit, 0.001, 60, "seconds");
    if (!(hold >= 0 && hold <= 60)) {
      throw new UserException("--hold must be 0..60 seconds, got " + hold);
    }
    if (heartbeat != null) {
      positive("--estop-heartbeat", heartbeat, 0.001, 3600, "seconds");
    }
    if (!(warmup >= 0 && warmup <= 600)) {
      throw new UserException("--warmup must be 0..600 seconds, got " + warmup);
    }
    if (!(reportEvery >= 0 && reportEvery <= 86_400)) {
      throw new UserException("--report-every must be 0..86400 seconds, got " + reportEvery);
    }
    if (duration != null) {
      positive("--duration", duration, 0.001, 86_400.0 * 365, "seconds");
    }
    Optional<Goal> g = Optional.empty();
    if (goal != null) {
      String[] p = goal.split(",");
      try {
        if (p.length != 2) {
          throw new NumberFormatException();
        }
        g = Optional.of(new Goal(Double.parseDouble(p[0].trim()), Double.parseDouble(p[1].trim())));
      } catch (IllegalArgumentException e) {
        throw new UserException("--goal " + goal + ": expected X,Y in metres in the odom frame, e.g. --goal 2.5,-1");
      }
    }
    String sh = shield != null ? shield : m.depthCamera() ? "camera" : "none";
    if (shieldMovers && !sh.equals("camera")) {
      throw new UserException("--shield-movers tracks moving obstacles in the depth camera's frames; it needs --shield"
          + " camera" + (m.depthCamera() ? "" : ", and " + model + " was trained without a depth camera"));
    }
    Optional<SafetyShield.Settings> shieldSettings = switch (sh) {
      case "camera" -> {
        if (!m.depthCamera()) {
          throw new UserException("--shield camera reads the depth camera, but " + model
              + " was trained without one (config.yaml depth_camera: false); use --shield predicted or none");
        }
        yield Optional.of(SafetyShield.Settings.DEFAULT.withMovers(shieldMovers));
      }
      case "predicted" -> {
        if (m.spec().memorySectors() == 0) {
          throw new UserException("--shield predicted needs a network with obstacle memory; " + model
              + " has none (network.memory_sectors 0); use --shield camera or none");
        }
        yield Optional.of(SafetyShield.Settings.PREDICTED_DEFAULT);
      }
      case "none" -> Optional.empty();
      default -> throw new UserException("--shield " + shield + ": expected camera, predicted or none");
    };
    if (noMap && m.spec().followsRoute() && !m.obstacleLayer()) {
      throw new UserException("--no-map: " + model + " follows a route on the static map (look-ahead "
          + m.spec().routeLookahead() + " m) and was not trained to route on its depth camera alone");
    }
    DeploySettings.Topics topics = new DeploySettings.Topics(topic("--topic-image", topicImage), compressed,
        topic("--topic-camera-info", topicCameraInfo), topicDepth.isEmpty() ? "" : topic("--topic-depth", topicDepth),
        topic("--topic-odom", topicOdom), topic("--topic-goal", topicGoal), topic("--topic-map", topicMap),
        topic("--topic-tf", topicTf), topic("--topic-cmd-vel", topicCmdVel), topic("--topic-estop", topicEStop),
        topic("--topic-clock", topicClock), topic("--topic-status", topicStatus));
    for (String[] f : new String[][] {{"--base-frame", baseFrame}, {"--odom-frame", odomFrame},
        {"--map-frame", mapFrame}}) {
      if (!f[1].matches("[A-Za-z_][A-Za-z0-9_/]*")) {
        throw new UserException(f[0] + " '" + f[1] + "': expected a frame name like base_link");
      }
    }
    try {
      return new DeploySettings(topics, !unstamped, simTime, controlRate, decisions,
          new Watchdog.Settings((long) (staleLimit * 1e9), (long) (hold * 1e9)),
          heartbeat == null ? 0 : (long) (heartbeat * 1e9), g, m.map() && !noMap, odomAtMapOrigin, shieldSettings,
          seed, imagesReliable, new DeploySettings.Frames(baseFrame, odomFrame, mapFrame),
          (long) (reportEvery * 1e9), warmup);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private static void positive(String flag, double v, double min, double max, String unit) {
    if (!(v >= min && v <= max)) {
      throw new UserException(String.format(Locale.ROOT, "%s must be %s..%s %s, got %s", flag, fmt(min), fmt(max),
          unit, fmt(v)));
    }
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private static String topic(String flag, String t) {
    String name = t.startsWith("/") ? t : "/" + t;
    try {
      TopicNames.toDds(name);
    } catch (IllegalArgumentException e) {
      throw new UserException(flag + " " + t + ": " + e.getMessage());
    }
    return name;
  }

  private NodeOptions nodeOptions() {
    return network.nodeOptions(System.getenv());
  }
}
