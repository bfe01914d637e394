package dev.wayfinder.cli.ros;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros ...}: talk to ROS 2 robots and tools without a ROS install. */
@Command(
    name = "ros",
    mixinStandardHelpOptions = true,
    description = {"Talk to ROS 2 (Jazzy or Humble, Cyclone DDS or Fast DDS) without a ROS install:",
        "topics, and recording and playing them in MCAP files (as 'ros2 bag' with storage mcap).",
        "Domain and discovery follow ROS_DOMAIN_ID, ROS_AUTOMATIC_DISCOVERY_RANGE (or ROS_LOCALHOST_ONLY),",
        "ROS_STATIC_PEERS and ROS_DISTRO, like a ROS 2 node; --domain, --localhost and --subnet override them."},
    subcommands = {TopicCommand.class, RecordCommand.class, PlayCommand.class, InfoCommand.class})
public final class RosCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: topic, record, play or info");
  }
}
