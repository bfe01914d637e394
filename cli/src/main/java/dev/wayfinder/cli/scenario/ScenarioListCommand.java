package dev.wayfinder.cli.scenario;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Shipped;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wayfinder scenario list}: the bundled scenarios, and where their files are when they ship as files. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List the bundled scenarios (usable by name; their files are in scenarios/ of the source tree, or"
        + " /opt/wayfinder/lib/scenarios when installed: copy one to start your own).")
public final class ScenarioListCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  /**
   * The JSON shape of one scenario.
   *
   * @param file its YAML file, or null when the files do not ship beside the CLI
   */
  public record Listed(String name, String description, String file) {}

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Path> folder = Shipped.fromSystemProperty().map(Shipped::scenarios).filter(Files::isDirectory);
    List<Listed> entries = ScenarioLibrary.list().stream()
        .map(e -> new Listed(e.name(), e.description(), folder.map(f -> f.resolve(e.name() + ".yaml"))
            .filter(Files::isRegularFile).map(Path::toString).orElse(null)))
        .toList();
    if (json.enabled()) {
      Json.print(out, entries);
      return;
    }
    int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
    for (Listed e : entries) {
      out.printf(Locale.ROOT, "%-" + width + "s  %s%n", e.name(), e.description());
    }
    folder.ifPresent(f -> out.printf(Locale.ROOT, "%nfiles: %s (copy one to start your own)%n", f));
    out.flush();
  }
}
