package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.ros.RosNetworkOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of {@code wayfinder sim --scenario S --ros}. */
public final class SimRosOptions {
  @Option(names = "--ros", description = "Run the simulator as a ROS 2 robot (see the description above).")
  boolean ros;

  @Option(names = "--scenario", paramLabel = "S",
      description = "With --ros: a scenario file, or the name of a bundled scenario.")
  String scenario;

  @Option(names = "--randomize", description = "With --ros: draw every episode with the scenario's domain"
      + " randomization (else seed 0 is the nominal episode and other seeds perturb the start and goal).")
  boolean randomize;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "With --ros: the first episode's seed; the next episode takes the next seed (default"
          + " ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--episodes", defaultValue = "0", paramLabel = "N",
      description = "With --ros: stop after N episodes have ended; 0 runs until Ctrl-C (default ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--rate-factor", defaultValue = "1", paramLabel = "F",
      description = "With --ros: simulated seconds per wall-clock second, 0.01..100 (default ${DEFAULT-VALUE}:"
          + " real time).")
  double rateFactor;

  @Option(names = "--max-speed", description = "With --ros: run as fast as the machine allows (the clock on"
      + " /clock still says simulated time).")
  boolean maxSpeed;

  @Option(names = "--camera-hz", defaultValue = "30", paramLabel = "HZ",
      description = "With --ros: camera frames per simulated second, up to 120 (default ${DEFAULT-VALUE}).")
  double cameraHz;

  @Option(names = "--camera-width", paramLabel = "PX",
      description = "With --ros: image width in pixels (default: the scenario camera's).")
  Integer cameraWidth;

  @Option(names = "--camera-height", paramLabel = "PX",
      description = "With --ros: image height in pixels (default: the scenario camera's).")
  Integer cameraHeight;

  @Option(names = "--no-camera", description = "With --ros: no camera topics and no rendering (no OpenGL needed).")
  boolean noCamera;

  @Option(names = "--cmd-vel-timeout", defaultValue = "0.5", paramLabel = "S",
      description = "With --ros: a /cmd_vel command holds this many simulated seconds, then the robot stops"
          + " (default ${DEFAULT-VALUE}).")
  double cmdVelTimeout;

  @Mixin RosNetworkOptions network;

  @Option(names = "--json", description = "With --ros: print the summary at the end as JSON.")
  boolean json;

  @Option(names = "--record", paramLabel = "FILE.mcap", description = "With --ros: record everything the simulator"
      + " publishes and the commands it receives into an MCAP file (ROS 2 profile: wayfinder ros play/info, ros2 bag"
      + " and Foxglove read it); complete after Ctrl-C too.")
  java.nio.file.Path record;

  /** Whether any option of this set was given (they all need --ros). */
  boolean anyGiven() {
    return scenario != null || randomize || seed != 0 || episodes != 0 || rateFactor != 1 || maxSpeed
        || cameraHz != 30 || cameraWidth != null || cameraHeight != null || noCamera || cmdVelTimeout != 0.5
        || network.anyGiven() || json || record != null;
  }
}
