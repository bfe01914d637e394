package dev.wayfinder.cli.sim;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder sim}: run policies in the simulator and replay recordings. */
@Command(name = "sim", mixinStandardHelpOptions = true,
    description = "Run policies in the physics simulator, and replay recorded episodes.",
    subcommands = {SimRunCommand.class, SimReplayCommand.class})
public final class SimCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: run or replay");
  }
}
