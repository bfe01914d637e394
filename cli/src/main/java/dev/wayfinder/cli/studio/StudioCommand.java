package dev.wayfinder.cli.studio;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.StudioLauncher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wayfinder studio [FILE]}: opens the JavaFX studio; {@code --snapshot DIR} writes a picture of each main view
 * without a display. JavaFX is loaded only here (studio-ui's launcher names no JavaFX type), so every other command
 * stays headless.
 */
@Command(name = "studio", mixinStandardHelpOptions = true,
    description = {"Open the studio: the scenario library, the top-down editor with undo, the inspector and live"
        + " validation (every problem listed and drawn on the map, with the planner's paths).",
        "With --snapshot DIR, write a PNG of each main view instead (no display needed)."})
public final class StudioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "A scenario file or the name of a bundled scenario (default: "
          + StudioLauncher.DEFAULT_SCENARIO + ").")
  String file;

  @Option(names = "--snapshot", paramLabel = "DIR",
      description = "Write studio-editor.png, studio-validation.png and studio-editor-dark.png into DIR and exit.")
  Path snapshot;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      if (snapshot != null) {
        if (file != null) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--snapshot shows the bundled scenarios; give either FILE or --snapshot DIR, not both");
        }
        List<Path> written = StudioLauncher.snapshot(snapshot, out);
        out.printf("%d pictures in %s%n", written.size(), snapshot);
        out.flush();
      } else {
        StudioLauncher.open(Optional.ofNullable(file));
      }
    } catch (StudioException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}
