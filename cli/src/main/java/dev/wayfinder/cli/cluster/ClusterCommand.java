package dev.wayfinder.cli.cluster;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Main;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.cluster.ClusterStatus;
import dev.wayfinder.cluster.HostPort;
import dev.wayfinder.cluster.MemberFilter;
import dev.wayfinder.cluster.MemberStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code wayfinder cluster ...}. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "The cluster of workers ('wayfinder worker') that eval and train --cluster run episodes on.",
    subcommands = {ClusterCommand.Status.class})
public final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: status");
  }

  /** {@code wayfinder cluster status HOST:PORT}. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "List the members of the cluster one of whose members listens at HOST:PORT, with their load.")
  public static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin JsonOption json;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "A member's address.")
    String address;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<ClusterStatus.Line> lines;
      try {
        lines = ClusterStatus.query(HostPort.parse(address, "cluster status"));
      } catch (IllegalArgumentException e) {
        throw new UserException(e.getMessage(), e);
      }
      if (json.enabled()) {
        Json.print(out, lines);
      } else {
        out.printf(Locale.ROOT, "%-24s %-14s %5s %5s %-4s %-6s %7s %7s %9s %10s %6s %11s%n", "member", "version", "cores",
            "slots", "EGL", "GPU", "running", "jobs", "episodes", "env steps", "load", "heap MiB");
        for (ClusterStatus.Line l : lines) {
          MemberStatus s = l.status();
          if (s == null) {
            out.printf(Locale.ROOT, "%-24s %s%n", l.address(), l.problem());
            continue;
          }
          out.printf(Locale.ROOT, "%-24s %-14s %5d %5d %-4s %-6s %7d %7d %9d %10d %6.2f %5d/%-5d%n", s.address(),
              s.version(), s.cores(), s.slots(), s.egl() ? "yes" : "no", s.gpu(), s.running(), s.jobsDone(),
              s.episodesDone(), s.stepsDone(), s.loadAverage(), s.heapUsedMb(), s.heapMaxMb());
          if (!s.egl()) {
            out.printf(Locale.ROOT, "%-24s no EGL: %s%n", "", s.eglReason());
          }
          if (!l.labels().isEmpty()) {
            out.printf(Locale.ROOT, "%-24s labels: %s%n", "", MemberFilter.text(l.labels()));
          }
        }
      }
      out.flush();
      return Main.OK;
    }
  }
}
