package dev.wayfinder.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Main;
import dev.wayfinder.deploy.DeployModel;
import dev.wayfinder.deploy.RobotConfig;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.ActionSet;
import dev.wayfinder.cli.ChildCli;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.Publisher;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.mcap.McapMessage;
import dev.wayfinder.ros.mcap.McapReader;
import dev.wayfinder.ros.mcap.McapScan;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.msg.TwistStamped;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder deploy} in-process: user mistakes are clear errors with exit 1, a short run with no robot on the
 * network (loopback only, domain 54) publishes zeros and prints its summary, the shipped model's robot.yaml agrees
 * with the scenario robot it was trained on, and {@code --record} in a child JVM (domain 55) stopped by SIGTERM leaves
 * a complete file of what the node received and published.
 */
class DeployCommandTest {
  private static final String MODEL = Path.of("..", "models", "cluttered-room-rgbd-map").toString();

  private static void assertUserError(CliRun r, String... expected) {
    assertEquals(Main.USER_ERROR, r.exitCode(), r::toString);
    for (String e : expected) {
      assertTrue(r.err().contains(e), "expected '" + e + "' in: " + r);
    }
    assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), "no stack trace: " + r);
  }

  @Test
  void userMistakesSayWhatWasExpected() {
    assertUserError(CliRun.of("deploy", "--model", "no/such/model"), "--model no/such/model", "not a model folder");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--goal", "3"), "--goal 3: expected X,Y");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--goal", "a,b"), "expected X,Y in metres");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--shield", "maybe"), "expected camera, predicted or none");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--shield", "predicted"), "needs a network with obstacle memory");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--shield", "none", "--shield-movers"),
        "--shield-movers tracks moving obstacles in the depth camera's frames");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--control-rate", "0"), "--control-rate must be 1..1000 Hz");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--stale-limit", "-1"), "--stale-limit must be");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--topic-cmd-vel", "/bad topic"), "--topic-cmd-vel");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--domain", "999"), "0..232");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--robot", "no/robot.yaml"), "no robot description");
    assertUserError(CliRun.of("deploy", "--model", MODEL, "--node-name", "bad-name", "--domain", "54",
        "--localhost", "--duration", "0.1"), "--node-name");
  }

  @Test
  void aShortRunWithNoRobotPrintsItsSummaryAndExitsCleanly() {
    CliRun r = CliRun.of("deploy", "--model", MODEL, "--goal", "1,0", "--domain", "54", "--localhost",
        "--duration", "1.5", "--report-every", "0.5", "--metrics-port", "0", "--topic-cmd-vel", "/dct/cmd_vel",
        "--topic-image", "/dct/image", "--json");
    assertEquals(Main.OK, r.exitCode(), r::toString);
    assertTrue(r.err().contains("metrics at http://127.0.0.1:"), r.toString());
    assertTrue(r.err().contains("stopped: watchdog: no image yet"), r.toString());
    assertTrue(r.err().contains("deploy: images 0.0/s"), r.toString());
    assertTrue(r.out().contains("\"commands\" :"), r.toString());
    assertTrue(r.out().contains("\"images\" : 0"), r.toString());
  }

  @Test
  void theShippedRobotDescriptionIsTheScenarioRobotItWasTrainedOn() throws Exception {
    Scenario s = ScenarioLibrary.load("cluttered-room");
    RobotConfig r = DeployModel.load(Path.of(MODEL), null).robot();
    assertEquals(SimRobot.describe(s, ActionSet.DEFAULT), r.description());
    var cam = SimRobot.camera(s.robot().camera());
    assertEquals(cam.mountX(), r.mount().x(), 1e-12);
    assertEquals(cam.mountY(), r.mount().y(), 1e-12);
    assertEquals(cam.mountZ(), r.mount().z(), 1e-12);
    assertEquals(cam.roll(), r.mount().roll(), 1e-12);
    assertEquals(cam.pitch(), r.mount().pitch(), 1e-12);
    assertEquals(cam.yaw(), r.mount().yaw(), 1e-12);
    assertEquals(s.robot().maxLinearAccel(), r.maxLinearAccel(), 1e-12);
    assertEquals(s.robot().maxAngularAccel(), r.maxAngularAccel(), 1e-12);
    assertEquals(s.goals().get(0).tolerance(), r.goalTolerance(), 1e-12);
  }

  @Test
  void recordFlagLeavesACompleteFileOfInputsAndOutputsAfterSigterm(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("deploy.mcap");
    String ns = "/wf_drec_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    List<TwistStamped> heard = new CopyOnWriteArrayList<>();
    try (Node robot = Node.create("robot", NodeOptions.localhost(55));
         ChildCli deploy = ChildCli.start(dir.resolve("log.txt"), "512m", "deploy", "--model", MODEL, "--goal", "1,0",
             "--domain", "55", "--localhost", "--record", file.toString(), "--topic-cmd-vel", ns + "/cmd_vel",
             "--topic-estop", ns + "/e_stop", "--topic-status", ns + "/status", "--topic-image", ns + "/image")) {
      robot.subscription(TwistStamped.TYPE, ns + "/cmd_vel", QosProfile.DEFAULT, heard::add);
      Publisher<Bool> eStop = robot.publisher(Bool.TYPE, ns + "/e_stop", QosProfile.DEFAULT);
      long end = System.nanoTime() + 60_000_000_000L;
      while ((heard.size() < 5 || eStop.confirmedSubscriptionCount() == 0) && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      assertTrue(heard.size() >= 5 && eStop.confirmedSubscriptionCount() == 1, deploy::log);
      eStop.publish(new Bool(true));
      while (!eStop.allAcknowledged() && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(300);
      deploy.terminate(30); // exit code 143: ended by the signal, after the shutdown hook
      assertTrue(deploy.said("recorded "), deploy::log);
    }
    Map<String, List<McapMessage>> byTopic = new HashMap<>();
    try (McapReader r = McapReader.open(file)) {
      McapScan scan = r.scan(m -> byTopic.computeIfAbsent(m.channel().topic(), k -> new ArrayList<>()).add(m));
      assertEquals(scan.messageCount(), r.verify().messageCount(), "the summary and indexes agree");
    }
    List<McapMessage> cmds = byTopic.getOrDefault(ns + "/cmd_vel", List.of());
    assertTrue(cmds.size() >= heard.size(), "every command the robot heard is in the file: " + cmds.size() + " < "
        + heard.size());
    TwistStamped last = TwistStamped.TYPE.deserialize(cmds.get(cmds.size() - 1).data());
    assertEquals(0.0, last.twist().linear().x(), "the zero published on SIGTERM is the last command");
    List<McapMessage> eStops = byTopic.getOrDefault(ns + "/e_stop", List.of());
    assertEquals(1, eStops.size(), "the received e-stop: " + byTopic.keySet());
    assertTrue(Bool.TYPE.deserialize(eStops.get(0).data()).data());
    assertTrue(byTopic.containsKey(ns + "/status/watchdog") && byTopic.containsKey(ns + "/status/goal_reached")
        && byTopic.containsKey(ns + "/status/recovery"), "the status it published: " + byTopic.keySet());
    String watchdog = StringMessage.TYPE.deserialize(byTopic.get(ns + "/status/watchdog").get(0).data()).data();
    assertTrue(watchdog.startsWith("watchdog: "), watchdog);
  }
}
