package dev.wayfinder.cli.bench;

import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cli.WriterStream;
import dev.wayfinder.benchmarks.inference.InferenceComparison;
import dev.wayfinder.inference.bench.BackendBench;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder bench inference --backend cpu|opencl|cuda|all}: inference-core's engines side by side, per
 * operator and per model at batch 1, 32 and 256, each checked against the scalar reference before it is timed
 * ({@link BackendBench}).
 *
 * <p>{@code wayfinder bench inference [--json]} without {@code --backend}: the policy network on inference-core's Vector API backend (float
 * and INT8 dense), its scalar reference, ONNX Runtime and DJL + PyTorch (one intra-op thread, offline), side by side
 * in one run, with medians and ratios to ONNX Runtime and to DJL + PyTorch.
 *
 * <p>The comparison lives in the benchmarks module ({@link InferenceComparison}), which carries ONNX Runtime; the CLI
 * depends on it and calls it directly. Without DJL on the class path the comparison leaves that row out and says so.
 */
@Command(name = "inference", mixinStandardHelpOptions = true,
    description = {"Benchmark policy inference: our Vector API and scalar backends vs ONNX Runtime",
        "and DJL + PyTorch; same model, weights and input, same run. Prints medians of",
        "several timed runs and ratios to ONNX Runtime and to DJL + PyTorch (below 1 is faster).",
        "With --backend: our CPU, OpenCL and CUDA engines per operator and per model at",
        "batch 1, 32, 256, each checked against the scalar reference before timing."})
public final class BenchInferenceCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;
  @Option(names = "--batch", split = ",", paramLabel = "N[,M]",
      description = "Batch sizes to measure (default 1,32; with --backend 1,32,256).")
  int[] batches;

  @Option(names = "--runs", paramLabel = "N",
      description = "Timed runs per engine and batch; the table shows their median (default 7; with --backend 5).")
  Integer runs;

  @Option(names = "--backend", paramLabel = "cpu|opencl|cuda|all",
      description = "Measure inference-core's engines instead of the peers: the best CPU backend, OpenCL, CUDA, or "
          + "all three, per operator and per model; unavailable ones say why.")
  String backend;

  @Option(names = "--models-only", description = "With --backend: whole models only, no single operators.")
  boolean modelsOnly;

  @Option(names = "--quick", description = "Shorter warm-up and runs (noisier).")
  boolean quick;

  @Option(names = "--no-scalar", description = "Leave out the (slow) scalar reference.")
  boolean noScalar;

  @Option(names = "--no-djl", description = "Leave out DJL + PyTorch (its first start unpacks ~430 MB of native "
      + "libraries into DJL's cache).")
  boolean noDjl;

  @Override
  public void run() {
    if (backend != null) {
      runBackends();
      return;
    }
    if (modelsOnly) {
      throw new UserException("--models-only goes with --backend");
    }
    if (batches == null) {
      batches = new int[] {1, 32};
    }
    if (runs == null) {
      runs = 7;
    }
    if (runs < 1 || batches.length == 0 || IntStream.of(batches).anyMatch(b -> b < 1 || b > 4096)) {
      throw new UserException("--runs must be >= 1 and each --batch 1..4096");
    }
    PrintWriter err = spec.commandLine().getErr();
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      err.println("note: the JVM runs without --add-modules jdk.incubator.vector, so the Vector API "
          + "backend is unavailable and only the scalar reference is measured");
    }
    List<String> args = new ArrayList<>();
    args.add("--batch");
    args.add(IntStream.of(batches).mapToObj(Integer::toString).collect(Collectors.joining(",")));
    args.add("--runs");
    args.add(Integer.toString(runs));
    if (quick) {
      args.add("--quick");
    }
    if (json.enabled()) {
      args.add("--json");
    }
    List<String> extra = new ArrayList<>();
    if (noScalar) {
      extra.add("--no-scalar");
    }
    if (noDjl) {
      extra.add("--no-djl");
    }
    String table;
    try {
      args.addAll(extra);
      table = InferenceComparison.run(args.toArray(new String[0]), WriterStream.of(err));
    } catch (IllegalArgumentException bad) {
      throw new UserException("bench inference: " + bad.getMessage(), bad);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("inference benchmark failed: " + e, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(table);
    out.flush();
  }

  /** {@code --backend}: inference-core's engines per operator and per model, verified before timing. */
  private void runBackends() {
    if (noScalar || noDjl) {
      throw new UserException("--no-scalar and --no-djl are for the comparison with the peers, not with --backend");
    }
    int[] b = batches == null ? new int[] {1, 32, 256} : batches;
    int n = runs == null ? 5 : runs;
    if (n < 1 || b.length == 0 || IntStream.of(b).anyMatch(x -> x < 1 || x > 4096)) {
      throw new UserException("--runs must be >= 1 and each --batch 1..4096");
    }
    BackendBench.Options options;
    try {
      options = new BackendBench.Options(BackendBench.Options.engines(backend), b, quick ? 150 : 500, n,
          quick ? 40 : 150, !modelsOnly, true);
    } catch (IllegalArgumentException bad) {
      throw new UserException("bench inference: " + bad.getMessage(), bad);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<BackendBench.Row> rows;
    var devices = BackendBench.devices(options);
    try {
      rows = BackendBench.run(options, line -> {
        err.println(line);
        err.flush();
      });
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("backend benchmark failed: " + e, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(json.enabled() ? BackendBench.json(rows, devices) : BackendBench.table(rows, devices));
    out.flush();
    // A failed check is exit 1: an available engine whose outputs were wrong (or that fell back to the CPU), or the
    // one engine asked for being unavailable ("all" only reports the ones missing here).
    long wrong = rows.stream().filter(r -> r.available() && !r.verified()).count();
    if (wrong > 0) {
      throw new UserException("bench inference: " + wrong + " case(s) failed the check against the scalar reference"
          + " (rows marked 'no')");
    }
    if (!backend.equals("all") && rows.stream().anyMatch(r -> !r.available())) {
      throw new UserException("bench inference: the " + backend + " backend is unavailable here: "
          + rows.get(0).note());
    }
  }
}
