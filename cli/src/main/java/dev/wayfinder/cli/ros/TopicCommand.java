package dev.wayfinder.cli.ros;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder ros topic ...}: the counterparts of {@code ros2 topic list | echo | pub | hz}. */
@Command(
    name = "topic",
    mixinStandardHelpOptions = true,
    description = "List topics, print their messages, publish values and measure rates, like 'ros2 topic'.",
    subcommands = {TopicListCommand.class, TopicEchoCommand.class, TopicPubCommand.class, TopicHzCommand.class})
public final class TopicCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: list, echo, pub or hz");
  }
}
