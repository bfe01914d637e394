package dev.wayfinder.cli.scenario;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder scenario ...}: list, validate and draw scenario files. */
@Command(
    name = "scenario",
    mixinStandardHelpOptions = true,
    description = "List, validate and draw navigation scenarios.",
    subcommands = {ScenarioListCommand.class, ScenarioValidateCommand.class, ScenarioDrawCommand.class})
public final class ScenarioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: list, validate or draw");
  }
}
