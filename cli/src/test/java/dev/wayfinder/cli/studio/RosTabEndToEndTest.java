package dev.wayfinder.cli.studio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.cli.Main;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.ros.ChildProcessModel;
import dev.wayfinder.studio.ros.RosModel;
import dev.wayfinder.studio.ros.TopicRow;
import dev.wayfinder.studio.training.TrainLauncher;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The studio's ROS 2 tab driving the real commands: {@code wayfinder sim --ros} and {@code wayfinder deploy
 * --use-sim-time} started as child JVMs (this build), seen through the tab's own node on a private localhost-only
 * domain (no root, no namespace): the simulator's topics listed with rates, its episode status and the deploy node's
 * status heard on their topics, and both stopped by SIGTERM with their exit shown. The tab's view model runs without
 * the toolkit, its "FX thread" a single thread here.
 */
@ExtendWith(NeedsEgl.class)
class RosTabEndToEndTest {
  private final long seed = System.nanoTime();
  private final int domain = 100 + new Random(seed).nextInt(130);
  private final ExecutorService fx = Executors.newSingleThreadExecutor();
  private RosModel model;

  @TempDir
  Path dir;

  @AfterEach
  void close() throws Exception {
    if (model != null) {
      onFx(() -> {
        model.close();
        return null;
      });
    }
    fx.shutdownNow();
  }

  private <T> T onFx(Callable<T> c) throws Exception {
    return fx.submit(c).get(10, TimeUnit.SECONDS);
  }

  private void await(Supplier<Boolean> condition, String what, long seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < end) {
      if (onFx(condition::get)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what + " (seed " + seed + ", domain " + domain + ")\n"
        + onFx(() -> "network: " + model.networkStatusProperty().get() + "\ntopics: " + model.topics()
            + "\nsim: " + model.sim().statusProperty().get() + " / " + model.simStatusProperty().get() + "\n"
            + String.join("\n", model.sim().log()) + "\ndeploy: " + model.deploy().statusProperty().get() + " / "
            + model.deployStatusProperty().get() + "\n" + String.join("\n", model.deploy().log())));
  }

  private boolean rated(String topic) {
    return model.topics().stream().anyMatch(r -> r.name().equals(topic) && r.rateHz().isPresent());
  }

  @Test
  void theSimulatorAndTheDeployNodeRunFromTheTabAndStopBySigterm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    TrainLauncher launcher = TrainLauncher.of(List.of(java, "--add-modules", "jdk.incubator.vector",
        "--enable-native-access=ALL-UNNAMED", "-Xmx384m", "-Djava.awt.headless=true", "-cp",
        System.getProperty("java.class.path"), Main.class.getName()));
    Path shipped = Path.of("..", "models", "cluttered-room-rgbd-map").toAbsolutePath().normalize();
    // An unsaved scenario (no file): the tab writes it to a temporary file for the simulator.
    ScenarioDocument doc = new ScenarioDocument(ScenarioLibrary.load("empty-arena"));
    model = onFx(() -> new RosModel(doc, Optional.of(shipped), launcher, dir,
        Map.of("ROS_DOMAIN_ID", Integer.toString(domain)), fx));
    onFx(() -> {
      model.start();
      model.startSim();
      return null;
    });
    await(() -> model.simStatusProperty().get().startsWith("empty-arena episode 0 (seed "), "the episode status",
        120);
    assertTrue(onFx(() -> model.simStatusProperty().get()).contains(": running"), onFx(() -> model.simStatusProperty()
        .get()));
    await(() -> rated("/clock") && rated("/odom") && rated("/camera/image_raw"), "the simulator's topics with rates",
        60);
    TopicRow clock = onFx(() -> model.topics().stream().filter(r -> r.name().equals("/clock")).findFirst()
        .orElseThrow());
    assertEquals("rosgraph_msgs/msg/Clock", clock.type());
    assertEquals(1, clock.publishers());
    assertTrue(clock.rateHz().getAsDouble() > 1, "the clock ticks: " + clock.rateText());

    onFx(() -> {
      model.startDeploy();
      return null;
    });
    await(() -> !model.deployStatusProperty().get().startsWith("no status"), "the deploy node's status", 120);
    await(() -> model.topics().stream().anyMatch(r -> r.name().equals("/cmd_vel") && r.publishers() == 1
        && r.subscribers() >= 1), "deploy commanding the simulator on /cmd_vel", 30);
    List<String> args = onFx(() -> List.of(model.deploy().commandLineProperty().get().split(" ")));
    assertEquals(List.of("wayfinder", "deploy", "--model", shipped.toString(), "--use-sim-time", "--domain",
        Integer.toString(domain), "--localhost"), args);

    int linesBefore = onFx(() -> model.deploy().log().size());
    onFx(() -> {
      model.deploy().stop();
      return null;
    });
    await(() -> model.deploy().stateProperty().get() == ChildProcessModel.State.EXITED, "deploy's exit", 30);
    assertEquals("stopped (SIGTERM, exit 143)", onFx(() -> model.deploy().statusProperty().get()));
    assertTrue(onFx(() -> model.deploy().log().size()) > linesBefore, "deploy's last words (its summary) are read");
    onFx(() -> {
      model.sim().stop();
      return null;
    });
    await(() -> model.sim().stateProperty().get() == ChildProcessModel.State.EXITED, "the simulator's exit", 30);
    assertEquals("stopped (SIGTERM, exit 143)", onFx(() -> model.sim().statusProperty().get()));
    await(() -> model.topics().stream().noneMatch(r -> r.name().equals("/clock") && r.rateHz().isPresent()),
        "the clock to fall silent", 30);
  }
}
