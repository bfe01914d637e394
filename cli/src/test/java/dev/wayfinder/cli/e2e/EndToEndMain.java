package dev.wayfinder.cli.e2e;

import dev.wayfinder.cli.ChildCli;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.ros.testkit.PeerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs inside a private network namespace (started by the end-to-end tests through ros-testkit's
 * {@code NetworkNamespace}): starts the {@code wayfinder} processes and peers of one scenario, joined only by RTPS on
 * loopback, watches them from a node of its own and prints what it saw as {@code KEY value} lines, the last one
 * {@code DONE} or {@code FAIL reason}; exits 0 or 1. Arguments: scenario, work folder, then the scenario's own.
 *
 * <ul>
 *   <li>{@code sim-deploy WORK PEERS MODEL SEED RATE}: {@code wayfinder sim --ros} (empty arena, randomized, one
 *       episode from SEED at RATE times real time) and {@code wayfinder deploy --model MODEL --use-sim-time}, each in a
 *       child JVM (the model's robot stopping within 0.1 m of the goal by odometry, inside the arena's 0.2 m success
 *       radius), and the Fast DDS peer listening to /cmd_vel and /tf_static; prints every /wayfinder/episode status
 *       ({@code EPISODE json}), the sim's summary ({@code SIM json}), the deploy summary ({@code DEPLOY json}) and what
 *       the Fast DDS peer heard ({@code FASTDDS line})</li>
 * </ul>
 */
public final class EndToEndMain {
    private EndToEndMain() {
    }

    /** @param args scenario, work folder, scenario arguments */
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        String result;
        try {
            result = switch (args[0]) {
                case "sim-deploy" -> simDeploy(Path.of(args[1]), Path.of(args[2]), args[3], Long.parseLong(args[4]),
                        Double.parseDouble(args[5]));
                default -> "FAIL unknown scenario " + args[0];
            };
        } catch (AssertionError | Exception e) {
            e.printStackTrace(System.out);
            result = "FAIL " + e;
        }
        System.out.println(result);
        System.out.flush();
        Runtime.getRuntime().halt(result.startsWith("DONE") ? 0 : 1);
    }

    private static void say(String key, String value) {
        synchronized (System.out) {
            System.out.println(key + " " + value);
            System.out.flush();
        }
    }

    /** The JSON summary a command printed last (pretty-printed: from a line that is "{" to one that is "}"), on one line. */
    static String json(String output) {
        int start = output.startsWith("{") ? 0 : output.lastIndexOf("\n{") + 1;
        int end = output.lastIndexOf("\n}");
        return start <= 0 && !output.startsWith("{") || end < start ? "{}"
                : output.substring(start, end + 2).replace('\n', ' ');
    }

    private static String simDeploy(Path work, Path peers, String model, long seed, double rate) throws Exception {
        Files.createDirectories(work);
        String rateText = String.format(Locale.ROOT, "%.3f", rate);
        // The policy decides at the rate it was trained at in simulated time (10 Hz): deploy paces by the wall clock.
        String decisions = String.format(Locale.ROOT, "%.3f", 10 * rate);
        String control = String.format(Locale.ROOT, "%.3f", Math.max(1, 20 * rate));
        // The model's robot.yaml (the cluttered room's robot) counts the goal reached within 0.25 m by odometry; the
        // empty arena's episodes succeed within 0.2 m of the true pose. A robot told to stop outside the task's
        // success radius never succeeds, so this robot stops within 0.1 m by odometry (room for its drift).
        Path robot = work.resolve("robot.yaml");
        String yaml = Files.readString(Path.of(model, "robot.yaml"), StandardCharsets.UTF_8);
        String stricter = yaml.replaceFirst("(?m)^goal_tolerance: [0-9.]+", "goal_tolerance: 0.1");
        check(!stricter.equals(yaml), "robot.yaml has no goal_tolerance line to change");
        Files.writeString(robot, stricter, StandardCharsets.UTF_8);
        try (Node watcher = Node.create("e2e_watcher", NodeOptions.localhost(0));
             PeerProcess fastdds = new PeerProcess(peers.resolve("fastdds_peer"), peers.resolve("cyclone-peer.xml"),
                     "sub-robot", "-", "600")) {
            List<String> statuses = new CopyOnWriteArrayList<>();
            watcher.subscription(StringMessage.TYPE, "/wayfinder/episode", QosProfile.LATCHED.withDepth(5), m -> {
                statuses.add(m.data());
                say("EPISODE", m.data());
            });
            long t0 = System.nanoTime();
            try (ChildCli sim = ChildCli.start(work.resolve("sim.log"), "768m", "sim", "--ros", "--scenario",
                    "empty-arena", "--randomize", "--seed", Long.toString(seed), "--episodes", "1", "--rate-factor",
                    rateText, "--localhost", "--domain", "0", "--json", "--record",
                    work.resolve("sim.mcap").toString());
                 ChildCli deploy = ChildCli.start(work.resolve("deploy.log"), "768m", "deploy", "--model", model,
                         "--robot", robot.toString(), "--use-sim-time", "--stale-limit", "1.0", "--decision-rate", decisions, "--control-rate",
                         control, "--localhost", "--domain", "0", "--json", "--report-every", "5", "--record",
                         work.resolve("deploy.mcap").toString())) {
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (sim.alive() && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
                say("WALL_S", String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9));
                if (sim.alive()) {
                    say("SIMLOG", sim.log().replace('\n', '|'));
                    say("DEPLOYLOG", deploy.log().replace('\n', '|'));
                    return "FAIL the simulator's episode did not end within 240 s";
                }
                deploy.terminate(30);
                say("SIM", json(sim.log()));
                say("DEPLOY", json(deploy.log()));
                say("DEPLOYLOG", deploy.log().replace('\n', '|'));
                say("SIMLOG", sim.log().replace('\n', '|'));
            }
            List<String> heard = new ArrayList<>(fastdds.lines());
            for (String l : heard) {
                say("FASTDDS", l);
            }
            check(fastdds.alive(), "the Fast DDS peer died");
        }
        return "DONE";
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
