package dev.wayfinder.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.testkit.NetworkNamespace;
import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wayfinder deploy} driving a robot that is a Cyclone DDS C program (ros-testkit's peer in its robot mode: 320x240
 * rgb8 images with CameraInfo, a registered depth image and odometry at 30 Hz, commands in, the e-stop out), the two in
 * a private network namespace on loopback ({@link EndToEndMain} checks, this test runs it). The deploy node runs the
 * shipped model without a map (routing on its depth camera, which sees nothing here) towards a goal it never reaches,
 * so the policy drives all along and every zero comes from the safety layer: commands at the 20 Hz control rate, zeros
 * within the stale limit plus one control period of the last image when the images stop, driving again only after the
 * one-second hold, and an e-stop that holds the robot while images flow until it is released. The stale limit is
 * 600 ms instead of 250 ms so that a machine busy with parallel builds (late images, rightly refused as stale) does not
 * stop the robot while it should drive; the stop is measured against that limit.
 */
class CycloneRobotDeployTest {
  private static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map").toAbsolutePath().normalize();

  @TempDir
  Path work;

  @Test
  void deployDrivesACycloneRobotAtTheControlRateStopsWhenImagesStopAndLatchesTheEStop() throws Exception {
    Prerequisites.assumeInTest(Prerequisites.missingForCyclone());
    Path peers = RosPeers.cyclone(Path.of("target", "ros-peer").toAbsolutePath());
    NetworkNamespace.Result r = NetworkNamespace.runJava(false, System.getProperty("java.class.path"), "256m",
        EndToEndMain.class.getName(), 300, "cyclone-robot", work.toString(), peers.toString(), MODEL.toString());
    String out = r.output() + r.rootHint();
    assertTrue(!r.timedOut() && r.lastLine().equals("DONE"), () -> "deploy against the Cyclone robot:\n" + out);
    System.out.println("deploy against a Cyclone DDS robot: " + Arrays.stream(out.split("\n"))
        .filter(l -> l.matches("(RATE_HZ|STOP_MS|RESUME_MS|LATCH_ZEROS) .*")).collect(Collectors.joining(", ")));
  }
}
