package dev.wayfinder.cli.scenario;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import java.util.Locale;

/** {@code wayfinder scenario list}: the bundled scenarios. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the bundled scenarios (files in scenarios/ of the source tree; usable by name).")
public final class ScenarioListCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    List<ScenarioLibrary.Entry> entries = ScenarioLibrary.list();
    if (json.enabled()) {
      Json.print(out, entries);
      return;
    }
    int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
    for (ScenarioLibrary.Entry e : entries) {
      out.printf(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.description());
    }
    out.flush();
  }
}
