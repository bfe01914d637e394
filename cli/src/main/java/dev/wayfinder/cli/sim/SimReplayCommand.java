package dev.wayfinder.cli.sim;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.sim.record.RecordingFile;
import dev.wayfinder.sim.record.Replay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import java.util.Locale;

/** {@code wayfinder sim replay FILE}: replays a recording and checks that it reproduces bit for bit. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay a recorded episode and check that every pose, reward and event reproduces exactly.",
        "Exit code 1 when the replay diverges."})
public final class SimReplayCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Parameters(paramLabel = "FILE", description = "A .wfrec recording written by 'wayfinder sim run --record'.")
  Path file;

  @Option(names = "--scenario", paramLabel = "S",
      description = "The scenario file it was recorded on (default: the bundled scenario of the recorded name).")
  String scenario;

  @Option(names = "--randomize", description = "The recording was made with --randomize.")
  boolean randomize;

  /** The JSON shape. */
  public record Replayed(String file, String scenario, long seed, int steps, boolean exact, int firstMismatch,
                         String recordedOutcome, String replayedOutcome) {}

  @Override
  public void run() {
    Recording r;
    try {
      r = RecordingFile.read(file);
    } catch (IOException e) {
      throw new UserException(e.getMessage(), e);
    }
    Scenario s = Scenarios.resolve(scenario == null ? r.scenarioName() : scenario);
    Replay.Report rep;
    try {
      rep = Replay.run(r, EpisodeSources.of(s, randomize));
    } catch (IllegalArgumentException e) {
      throw new UserException(file + ": " + e.getMessage() + " (was it recorded with"
          + (randomize ? "out" : "") + " --randomize, or on another scenario file?)", e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, new Replayed(file.toString(), r.scenarioName(), r.seed(), rep.steps(), rep.exact(),
          rep.firstMismatch(), r.outcome(), rep.outcome()));
    } else {
      out.printf(Locale.ROOT, "%s: %s seed %d, %d steps, %s%n", file, r.scenarioName(), r.seed(), rep.steps(),
          rep.exact() ? "reproduced exactly (" + rep.outcome() + ")"
              : "DIVERGED at step " + rep.firstMismatch() + " (recorded " + r.outcome() + ", replayed "
                  + rep.outcome() + ")");
      out.flush();
    }
    if (!rep.exact()) {
      throw new UserException(file + ": the replay diverged from the recording at step " + rep.firstMismatch());
    }
  }
}
