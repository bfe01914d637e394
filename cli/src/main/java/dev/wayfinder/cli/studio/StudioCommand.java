package dev.wayfinder.cli.studio;

import dev.wayfinder.cli.Shipped;
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
        + " validation (every problem listed and drawn on the map, with the planner's paths), and the simulation: a"
        + " 3D viewport, the robot camera, play, step and reset with the expert, a trained model or the keyboard"
        + " driving; the training tab; and the ROS 2 tab: the topics of a domain with types and measured rates, echo,"
        + " and the simulator on ROS 2 and the deploy node started and stopped as child processes.",
        "With --snapshot DIR, write a PNG of each main view instead: in real windows where there is a display (DISPLAY"
            + " set; under xvfb-run too), on JavaFX's headless Monocle platform where there is none or with --headless."})
public final class StudioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "A scenario file or the name of a bundled scenario (default: "
          + StudioLauncher.DEFAULT_SCENARIO + ").")
  String file;

  @Option(names = "--snapshot", paramLabel = "DIR",
      description = "Write studio-editor.png, studio-validation.png, studio-editor-dark.png, studio-simulation.png,"
          + " studio-camera.png, studio-evaluation.png, studio-ros.png and studio-randomization.png into DIR and exit.")
  Path snapshot;

  @Option(names = "--headless",
      description = "With --snapshot: draw the pictures on JavaFX's headless Monocle platform (software rendering)"
          + " even where there is a display.")
  boolean headless;

  @Option(names = "--model", paramLabel = "MODEL",
      description = "The trained model the simulation's model driver and the ROS 2 tab's deploy node use: a shipped"
          + " model's name, a model folder or a weights file (default: the shipped model, if there is one).")
  String model;

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Optional<Path> driverModel = Shipped.modelFolder("--model", model);
    try {
      if (snapshot != null) {
        if (file != null) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--snapshot shows the bundled scenarios; give either FILE or --snapshot DIR, not both");
        }
        List<Path> written = StudioLauncher.snapshot(snapshot, driverModel, headless, out);
        out.printf("%d pictures in %s%n", written.size(), snapshot);
        out.flush();
      } else {
        if (headless) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(),
              "--headless is for --snapshot DIR (the pictures); the studio window needs a display");
        }
        StudioLauncher.open(Optional.ofNullable(file), driverModel);
      }
    } catch (StudioException e) {
      throw new UserException(e.getMessage(), e);
    }
  }
}
