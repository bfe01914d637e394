package dev.wayfinder.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wayfinder.cli.CliRun;
import dev.wayfinder.cli.Json;
import dev.wayfinder.cli.Main;
import dev.wayfinder.render.NeedsEgl;
import dev.wayfinder.ros.mcap.McapReader;
import dev.wayfinder.ros.testkit.NetworkNamespace;
import dev.wayfinder.ros.testkit.Prerequisites;
import dev.wayfinder.ros.testkit.RosPeers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator and the deploy node as two processes joined only by RTPS: {@code wayfinder sim --ros} and
 * {@code wayfinder deploy --model models/cluttered-room-rgbd-map --use-sim-time}, each in a child JVM, in a private
 * network namespace on loopback ({@link EndToEndMain} runs there), with a Fast DDS peer listening to the commands and
 * the static transforms. The robot must reach the goal of the same randomized empty-arena episode that the in-process
 * evaluation ({@code wayfinder sim run --policy}) solves.
 *
 * <p>What "matches" means here. The two paths run the same network, robot description, episode and sensors, but not
 * the same timing: in process the policy decides once per 100 ms control step on that step's observation, and the step
 * waits for it; over ROS the simulator ticks at 30 Hz and never waits, the camera frame the policy sees is whatever
 * arrived last (its latency plus transport), the decision is applied when it arrives, and commands pass the deploy
 * node's acceleration limiter. So the trajectories differ in detail, and equality of steps would be a false claim. The
 * test holds both to success and the ROS run's time to goal to within {@value #TIME_TOLERANCE} of the in-process one
 * (a path through the empty arena at the robot's top speed leaves little room, so a stalled or wandering robot fails).
 *
 * <p>The machine this runs on is busy with parallel builds: the simulator runs at {@value #RATE} times real time, the
 * deploy node decides at 10 Hz of simulated time (it paces by the images' stamps), and its stale limit is
 * 1 s instead of 250 ms, so that a late frame on a loaded machine stops nothing it should not.
 */
class SimDeployEndToEndTest {
    /** An episode the in-process evaluation solves (randomized empty arena; checked below). */
    private static final long SEED = 4;
    private static final double RATE = 0.5;
    private static final double TIME_TOLERANCE = 0.35;
    private static final Path MODEL = Path.of("..", "models", "cluttered-room-rgbd-map").toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    @ExtendWith(NeedsEgl.class)
    void robotReachesTheGoalWithSimAndDeployAsTwoProcessesOverRtps() throws Exception {
        Prerequisites.assumeInTest(Prerequisites.missingForFastDds());
        Path peers = RosPeers.fastDds(Path.of("target", "ros-peer").toAbsolutePath());

        CliRun inProcess = CliRun.of("sim", "run", "--policy", MODEL.toString(), "--scenario", "empty-arena",
                "--randomize", "--seed", Long.toString(SEED), "--episodes", "1", "--json");
        assertEquals(Main.OK, inProcess.exitCode(), inProcess::toString);
        JsonNode reference = Json.mapper().readTree(inProcess.out()).get("episodes").get(0);
        assertTrue(reference.get("success").asBoolean(), "the in-process evaluation solves seed " + SEED + ": "
                + reference);

        NetworkNamespace.Result r = NetworkNamespace.runJava(false, System.getProperty("java.class.path"), "256m",
                EndToEndMain.class.getName(), 420, "sim-deploy", work.toString(), peers.toString(), MODEL.toString(),
                Long.toString(SEED), Double.toString(RATE));
        String out = r.output() + r.rootHint();
        assertTrue(!r.timedOut() && r.lastLine().equals("DONE"), () -> "the two-process run failed:\n" + out);

        List<JsonNode> statuses = new ArrayList<>();
        JsonNode sim = null;
        JsonNode deploy = null;
        List<String> commands = new ArrayList<>();
        List<String> transforms = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("EPISODE ")) {
                statuses.add(Json.mapper().readTree(line.substring(8)));
            } else if (line.startsWith("SIM ")) {
                sim = Json.mapper().readTree(line.substring(4));
            } else if (line.startsWith("DEPLOY ")) {
                deploy = Json.mapper().readTree(line.substring(7));
            } else if (line.startsWith("FASTDDS cmd_vel ")) {
                commands.add(line);
            } else if (line.startsWith("FASTDDS tf_static ")) {
                transforms.add(line);
            }
        }
        assertTrue(!statuses.isEmpty() && sim != null && sim.has("episodes") && deploy != null
                && deploy.has("commands"), () -> "statuses and both summaries:\n" + out);
        JsonNode last = statuses.get(statuses.size() - 1);
        assertEquals("success", last.get("status").asText(), () -> "the robot reached the goal over ROS:\n" + out);
        assertEquals(SEED, last.get("seed").asLong());
        JsonNode episode = sim.get("episodes").get(0);
        assertTrue(episode.get("success").asBoolean(), episode::toString);
        double ros = episode.get("seconds").asDouble();
        double ref = reference.get("seconds").asDouble();
        assertTrue(Math.abs(ros - ref) <= TIME_TOLERANCE * ref, () -> String.format(Locale.ROOT,
                "time to goal over ROS %.1f s, in process %.1f s: more than %.0f %% apart%n%s", ros, ref,
                100 * TIME_TOLERANCE, out));
        assertTrue(deploy.get("decisions").asLong() > 0 && deploy.get("images").asLong() > 0, deploy::toString);

        // The Fast DDS peer heard the deploy node's commands (stamped in sim time, frame base_link), some of them
        // driving, and the simulator's static transforms, base_link -> camera_link -> camera_optical_frame.
        assertTrue(commands.size() >= 20, () -> "Fast DDS heard " + commands.size() + " commands:\n" + out);
        assertTrue(commands.stream().allMatch(c -> c.split(" ")[3].equals("base_link")), commands::toString);
        assertTrue(commands.stream().anyMatch(c -> Double.parseDouble(c.split(" ")[4]) > 0.1), commands::toString);
        assertTrue(transforms.stream().anyMatch(t -> t.startsWith("FASTDDS tf_static base_link camera_link "))
                && transforms.stream().anyMatch(t -> t.startsWith(
                        "FASTDDS tf_static camera_link camera_optical_frame ")), () -> "static transforms: " + transforms);

        // Both recorded their side; the files are complete.
        for (String f : new String[] {"sim.mcap", "deploy.mcap"}) {
            try (McapReader reader = McapReader.open(work.resolve(f))) {
                assertTrue(reader.verify().messageCount() > 100, f);
            }
        }
        System.out.printf(Locale.ROOT, "two processes over RTPS: success in %.1f s simulated (in process %.1f s);"
                        + " deploy %s%n", ros, ref, deploy);
    }
}
