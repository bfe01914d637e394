package dev.wayfinder.cli.render;

import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.JsonOption;
import dev.wayfinder.cli.Outputs;
import dev.wayfinder.cli.Scenarios;
import dev.wayfinder.cli.UserException;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.render.CameraStream;
import dev.wayfinder.sim.camera.CameraFrame;
import dev.wayfinder.sim.camera.CameraInfo;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderException;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.image.FrameImages;
import dev.wayfinder.render.view.OrbitCamera;
import dev.wayfinder.render.view.TopDownCamera;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import java.util.Locale;

/**
 * {@code wayfinder render --scenario S --seed N -o DIR}: renders one episode headless and writes the robot
 * camera's RGB, depth (colour-mapped) and segmentation, a 3D overview and a top-down view as PNGs.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
    description = {"Render one episode headless (OpenGL through EGL, no display needed) and write PNGs:",
        "camera-rgb, camera-depth (near = yellow, far = dark blue, nothing hit = black), camera-segmentation,",
        "overview (3D, whole arena) and topdown."})
public final class RenderCommand implements Runnable {
  @Spec CommandSpec spec;
  @Mixin JsonOption json;

  @Option(names = "--scenario", required = true, paramLabel = "S",
      description = "A scenario file, or the name of a bundled scenario.")
  String scenario;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "Seed of the randomized episode (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--nominal", description = "Render the scenario's nominal episode (no randomization); ignores --seed.")
  boolean nominal;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the PNGs.")
  Path output;

  @Option(names = "--camera-size", paramLabel = "WxH",
      description = "Render the robot camera at this size instead of the episode's (same field of view).")
  String cameraSize;

  @Option(names = "--overview-size", defaultValue = "1024x768", paramLabel = "WxH",
      description = "Size of the overview and top-down pictures (default ${DEFAULT-VALUE}).")
  String overviewSize;

  /** What was written (the JSON shape). */
  public record Rendered(String scenario, long seed, boolean nominal, String renderer, CameraInfo camera,
                         List<String> files) {}

  @Override
  public void run() {
    int[] ov = size("--overview-size", overviewSize);
    Scenario s = Scenarios.resolve(scenario);
    Episode e = nominal ? Episode.nominal(s) : Randomizer.episode(s, seed);
    if (cameraSize != null) {
      int[] cs = size("--camera-size", cameraSize);
      var cam = e.robot().camera();
      e = withCamera(e, new dev.wayfinder.scenarios.model.CameraSpec(cam.mount(), cam.horizontalFov(), cs[0], cs[1],
          cam.near(), cam.far()));
    }
    Outputs.directory(output);
    List<String> files = new ArrayList<>();
    String description;
    try (Renderer r = Renderer.create()) {
      description = r.description();
      RenderScene scene = RenderScene.of(e);
      ObjectPoses poses = ObjectPoses.initial(e);
      CameraStream camera = CameraStream.of(e);
      CameraFrame frame = camera.newFrame();
      r.renderCamera(scene, poses, camera, frame);
      int zoom = Math.max(1, 320 / Math.max(frame.width(), 1));
      write(FrameImages.upscale(FrameImages.rgb(frame), zoom), "camera-rgb.png", files);
      write(FrameImages.upscale(FrameImages.depth(frame, depthRange(e)), zoom), "camera-depth.png", files);
      write(FrameImages.upscale(FrameImages.segmentation(frame), zoom), "camera-segmentation.png", files);
      IntBuffer px = ByteBuffer.allocateDirect(ov[0] * ov[1] * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
      r.renderView(scene, poses, OrbitCamera.overview(e), ov[0], ov[1], px);
      write(FrameImages.argb(px, ov[0], ov[1]), "overview.png", files);
      int side = Math.min(ov[0], ov[1]);
      r.renderView(scene, poses, TopDownCamera.of(e), side, side, px);
      write(FrameImages.argb(px, side, side), "topdown.png", files);
    } catch (RenderException ex) {
      throw new UserException("cannot render: " + ex.getMessage(), ex);
    }
    PrintWriter out = spec.commandLine().getOut();
    CameraInfo info = CameraInfo.of(e.robot().camera());
    if (json.enabled()) {
      Json.print(out, new Rendered(s.name(), nominal ? 0 : seed, nominal, description, info, files));
    } else {
      out.printf(Locale.ROOT, "rendered %s (%s) with %s%n", s.name(), nominal ? "nominal episode" : "seed " + seed, description);
      out.printf(Locale.ROOT, "camera %dx%d, fx %.1f px; wrote %d files to %s%n", info.width(), info.height(), info.fx(),
          files.size(), output);
      for (String f : files) {
        out.println("  " + f);
      }
      out.flush();
    }
  }

  private void write(java.awt.image.BufferedImage img, String name, List<String> files) {
    Path p = output.resolve(name);
    Outputs.writePng(img, p);
    files.add(p.toString());
  }

  private static double depthRange(Episode e) {
    return Math.min(e.robot().camera().far(), 2 * Math.hypot(e.arena().halfX(), e.arena().halfY()));
  }

  private int[] size(String option, String text) {
    String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
    try {
      if (parts.length == 2) {
        int w = Integer.parseInt(parts[0].trim());
        int h = Integer.parseInt(parts[1].trim());
        if (w >= 1 && h >= 1 && w <= 4096 && h <= 4096) {
          return new int[] {w, h};
        }
      }
    } catch (NumberFormatException ignored) {
      // Reported below.
    }
    throw new ParameterException(spec.commandLine(), option + " must look like 640x480 (1..4096 each), got '" + text + "'");
  }

  private static Episode withCamera(Episode e, dev.wayfinder.scenarios.model.CameraSpec cam) {
    return new Episode(e.scenarioName(), e.seed(), e.arena(), e.obstacles(), e.robot().withCamera(cam), e.dynamics(),
        e.cameraEffects(), e.lighting(), e.start(), e.goal(), e.goalTolerance(), e.limits());
  }
}
