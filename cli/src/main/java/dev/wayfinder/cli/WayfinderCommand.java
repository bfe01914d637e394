package dev.wayfinder.cli;

import dev.wayfinder.cli.bench.BenchCommand;
import dev.wayfinder.cli.cluster.ClusterCommand;
import dev.wayfinder.cli.cluster.WorkerCommand;
import dev.wayfinder.cli.deploy.DeployCommand;
import dev.wayfinder.cli.policy.EvalCommand;
import dev.wayfinder.cli.policy.TrainCommand;
import dev.wayfinder.cli.randomize.RandomizeCommand;
import dev.wayfinder.cli.render.RenderCommand;
import dev.wayfinder.cli.ros.RosCommand;
import dev.wayfinder.cli.scenario.ScenarioCommand;
import dev.wayfinder.cli.sim.SimCommand;
import dev.wayfinder.cli.studio.StudioCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root {@code wayfinder} command; every feature is a subcommand registered here. */
@Command(
    name = "wayfinder",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Wayfinder Studio: navigation scenarios, simulation, domain randomization, camera policies.",
      "Exit codes: 0 ok, 1 bad input or failed check, 2 internal error."
    },
    subcommands = {
      DemoCommand.class,
      ScenarioCommand.class,
      RandomizeCommand.class,
      RenderCommand.class,
      SimCommand.class,
      TrainCommand.class,
      EvalCommand.class,
      WorkerCommand.class,
      ClusterCommand.class,
      BenchCommand.class,
      RosCommand.class,
      DeployCommand.class,
      StudioCommand.class,
    })
public final class WayfinderCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required (for example 'wayfinder demo')");
  }
}
