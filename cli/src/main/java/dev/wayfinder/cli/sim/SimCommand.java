package dev.wayfinder.cli.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder sim}: run policies in the simulator, replay recordings, or run the simulator on ROS 2. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Run policies in the physics simulator, and replay recorded episodes.",
        "With --scenario S --ros the simulator is a ROS 2 robot: it publishes /clock, /camera/image_raw (rgb8),",
        "/camera/camera_info, /camera/depth/image_raw (32FC1), /odom, /tf (map -> odom -> base_link), /tf_static",
        "(base_link -> camera_link -> camera_optical_frame), /scan, /imu/data_raw, /map, /goal_pose and",
        "/wayfinder/episode (JSON status), stamped in simulated time, and drives on /cmd_vel (TwistStamped or",
        "Twist; a command holds --cmd-vel-timeout, then the robot stops). std_msgs/Bool on /wayfinder/reset:",
        "true starts the next episode, false the same one again."},
    subcommands = {SimRunCommand.class, SimReplayCommand.class})
public final class SimCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin SimRosOptions ros;

  @Override
  public void run() {
    if (!ros.ros) {
      throw new ParameterException(spec.commandLine(), ros.anyGiven()
          ? "these options run the simulator on ROS 2 and need --ros (or put them after 'run')"
          : "a subcommand is required: run or replay (or --scenario S --ros to run the simulator on ROS 2)");
    }
    SimRosRun.run(ros, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
