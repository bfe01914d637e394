package dev.wayfinder.cli.randomize;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Outputs;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.randomization.EpisodeDraw;
import dev.wayfinder.randomization.RandomizationException;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.render.sheet.ContactSheet;
import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.camera.CameraFrame;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import java.util.Locale;

/**
 * {@code wayfinder randomize --scenario S --count 64 -o sheet.png}: draws episodes of a scenario and shows
 * them as a contact sheet of robot camera views ({@code --maps}: top-down maps), so a user sees at a glance
 * what a policy will train on; {@code --json} prints the drawn episodes and values.
 */
@Command(name = "randomize", mixinStandardHelpOptions = true,
    description = {"Draw randomized episodes of a scenario and write a contact sheet of their robot camera views",
        "(or top-down maps with --maps). Episode i uses seed N+i, or index N+i of a --split."})
public final class RandomizeCommand implements Runnable {
  /** Most episodes one run may draw. */
  static final int MAX_COUNT = 4096;
  /** Pixels of a map tile's longer side. */
  static final int MAP_TILE = 256;
  /** Camera tiles are scaled up by whole factors until at least this wide. */
  static final int CAMERA_TILE_MIN_WIDTH = 128;

  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--scenario", required = true, paramLabel = "S",
      description = "A scenario file, or the name of a bundled scenario.")
  String scenario;

  @Option(names = "--count", defaultValue = "64", paramLabel = "N",
      description = "Episodes to draw, 1..4096 (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = {"-o", "--output"}, paramLabel = "PNG", description = "Where to write the contact sheet.")
  Path output;

  @Option(names = "--maps", description = "Top-down maps instead of camera views (no OpenGL needed).")
  boolean maps;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "First seed, or first index within --split (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--split", paramLabel = "NAME",
      description = "Draw from a named seed split: train, validation or test (disjoint seed spaces).")
  String split;

  @Option(names = "--progress", defaultValue = "1", paramLabel = "P",
      description = "Training progress 0..1 for scenarios with a curriculum (default ${DEFAULT-VALUE}: full ranges).")
  double progress;

  @Option(names = "--ood", paramLabel = "FACTOR",
      description = "Out-of-distribution variant: every range widened by FACTOR (>= 1) within its domain.")
  Double ood;

  /** What was drawn (the JSON shape). */
  public record Randomized(String scenario, Optional<String> split, long firstSeed, int count, double progress,
                           Optional<Double> oodFactor, Optional<String> output, String sheet,
                           List<EpisodeDraw> episodes) {}

  @Override
  public void run() {
    checkFlags();
    Optional<Split> named = split == null ? Optional.empty() : Optional.of(Split.byKey(split).orElseThrow(
        () -> new ParameterException(spec.commandLine(),
            "--split must be train, validation or test, got '" + split + "'")));
    Scenario s = Scenarios.resolve(scenario);
    if (ood != null) {
      s = Randomizer.ood(s, ood);
    }
    List<EpisodeDraw> draws = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long episodeSeed = named.isPresent() ? named.get().seed(seed + i) : seed + i;
      try {
        draws.add(Randomizer.draw(s, episodeSeed, progress));
      } catch (RandomizationException e) {
        throw new UserException(e.getMessage(), e);
      }
    }
    String sheet = "none";
    if (output != null) {
      sheet = maps ? "maps" : "camera";
      List<String> labels = draws.stream().map(d -> label(d.episode(), named)).toList();
      Outputs.writePng(maps ? mapSheet(draws, labels) : cameraSheet(draws, labels), output);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json.enabled()) {
      Json.print(out, new Randomized(s.name(), named.map(Split::key), seed, count, progress, Optional.ofNullable(ood),
          Optional.ofNullable(output).map(Path::toString), sheet, draws));
      return;
    }
    int retried = (int) draws.stream().filter(d -> d.attempts() > 1).count();
    out.printf(Locale.ROOT, "drew %d episode%s of %s (%s, progress %.2f%s); %d needed a layout redraw%n", count,
        count == 1 ? "" : "s", s.name(), seedText(named), progress, ood == null ? "" : ", ood x" + ood, retried);
    if (output != null) {
      out.printf(Locale.ROOT, "wrote %s: %d %s%n", output, count, maps ? "top-down maps" : "robot camera views");
    }
    out.flush();
  }

  private void checkFlags() {
    if (count < 1 || count > MAX_COUNT) {
      throw new ParameterException(spec.commandLine(), "--count must be between 1 and " + MAX_COUNT + ", got " + count);
    }
    if (!(progress >= 0 && progress <= 1)) {
      throw new ParameterException(spec.commandLine(), "--progress must be between 0 and 1, got " + progress);
    }
    if (ood != null && !(ood >= 1 && Double.isFinite(ood))) {
      throw new ParameterException(spec.commandLine(), "--ood must be a finite factor >= 1, got " + ood);
    }
    if (split != null && (seed < 0 || seed > Split.MAX_INDEX - (count - 1))) {
      throw new ParameterException(spec.commandLine(),
          "with --split, --seed is the first index and must be in [0, 2^62 - count], got " + seed);
    }
    if (output == null && !json.enabled()) {
      throw new ParameterException(spec.commandLine(),
          "nothing to do: give -o sheet.png for a contact sheet, --json for the drawn episodes, or both");
    }
  }

  private static BufferedImage mapSheet(List<EpisodeDraw> draws, List<String> labels) {
    List<BufferedImage> tiles = new ArrayList<>(draws.size());
    for (int i = 0; i < draws.size(); i++) {
      Episode e = draws.get(i).episode();
      String title = e.scenarioName() + " \u2014 " + labels.get(i);
      tiles.add(MapDrawer.draw(e, new MapDrawer.Options(MAP_TILE, true, Optional.of(title))));
    }
    return ContactSheet.of(tiles, labels);
  }

  private static BufferedImage cameraSheet(List<EpisodeDraw> draws, List<String> labels) {
    List<BufferedImage> tiles = new ArrayList<>(draws.size());
    try (Renderer renderer = Renderer.create()) {
      for (EpisodeDraw d : draws) {
        Episode e = d.episode();
        CameraStream camera = CameraStream.of(e);
        CameraFrame frame = camera.newFrame();
        renderer.renderCamera(RenderScene.of(e), ObjectPoses.initial(e), camera, frame);
        tiles.add(FrameImages.rgb(frame));
      }
    } catch (RenderException e) {
      throw new UserException("camera views need OpenGL through EGL, which failed: " + e.getMessage()
          + "; '--maps' draws top-down maps without it", e);
    }
    BufferedImage first = tiles.get(0);
    int scale = Math.max(1, (CAMERA_TILE_MIN_WIDTH + first.getWidth() - 1) / first.getWidth());
    int columns = (int) Math.ceil(Math.sqrt(tiles.size()));
    return ContactSheet.of(tiles, labels, columns, first.getWidth() * scale, first.getHeight() * scale);
  }

  private static String label(Episode e, Optional<Split> named) {
    return named.map(s -> s.key() + " #" + s.index(e.seed())).orElse("seed " + e.seed());
  }

  private String seedText(Optional<Split> named) {
    long last = seed + count - 1;
    String range = count == 1 ? Long.toString(seed) : seed + ".." + last;
    return named.map(s -> s.key() + " split, indices " + range).orElse("seeds " + range);
  }
}
