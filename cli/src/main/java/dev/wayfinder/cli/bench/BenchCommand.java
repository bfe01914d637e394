package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.sim.SimBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench ...}: quick benchmark tables for users. The rigorous versions are the JMH suites in
 * benchmarks/ ({@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Quick benchmark tables:",
        "- inference (vs ONNX Runtime and DJL + PyTorch),",
        "- server (the batching inference server vs one-at-a-time calls),",
        "- sim (physics steps/s), render (camera frames/s),",
        "- ros (ROS 2 round trips vs Cyclone DDS, the deploy node's latency),",
        "- studio (3D viewport frames/s and FX thread latency while the simulation plays),",
        "- cluster (evaluation episodes and collection steps over worker JVMs),",
        "- rollouts (env steps/s of evaluation and DAgger collection rollouts with the camera),",
        "- training (gradient steps/s of the DJL learner vs inference-core's own kernels).",
        "",
        "Numbers depend on the machine and on its load: compare rows measured in the same run."},
    subcommands = {BenchInferenceCommand.class, BenchServerCommand.class, SimBenchCommand.class,
        BenchRenderCommand.class, BenchRosCommand.class, BenchStudioCommand.class, BenchClusterCommand.class,
        BenchRolloutsCommand.class, BenchTrainingCommand.class})
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(),
        "a subcommand is required: inference, server, sim, render, ros, studio, cluster, rollouts or training");
  }
}
