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
 *   <li>{@code cyclone-robot WORK PEERS MODEL}: the Cyclone DDS C peer plays the robot (320x240 rgb8 images,
 *       CameraInfo, a registered depth image and odometry at 30 Hz; it receives the commands and publishes the e-stop)
 *       for {@code wayfinder deploy --model MODEL} in a child JVM; checks the command rate, the zeros after the images
 *       stop, the restart after the hold and the e-stop latch, and prints the measured {@code RATE_HZ},
 *       {@code STOP_MS} and {@code LATCH_ZEROS}</li>
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
                case "cyclone-robot" -> cycloneRobot(Path.of(args[1]), Path.of(args[2]), args[3]);
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
        // The policy decides at the rate it was trained at (the robot's 10 Hz) in simulated time: deploy paces its
        // decisions by the images' stamps. Its control period is wall time: 20 Hz of simulated time.
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
                         "--robot", robot.toString(), "--use-sim-time", "--stale-limit", "1.0", "--control-rate",
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

    /** A command as the robot peer received it. */
    private record Command(long receivedNanos, double linear, double angular) {
        boolean zero() {
            return linear == 0 && angular == 0;
        }
    }

    private static List<Command> commands(PeerProcess peer, long fromNanos) {
        List<Command> out = new ArrayList<>();
        for (String l : peer.lines()) {
            if (l.startsWith("cmd ")) {
                String[] f = l.split(" ");
                Command c = new Command(Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                if (c.receivedNanos() >= fromNanos) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private static long wallNanos() {
        java.time.Instant i = java.time.Instant.now();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier cond, long timeoutMs)
            throws InterruptedException {
        long end = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return cond.getAsBoolean();
    }

    /** The wall-clock stamp the peer printed on a line starting with {@code prefix} after {@code from}. */
    private static long stampAfter(PeerProcess peer, String prefix, int field, long from) {
        for (String l : peer.lines()) {
            if (l.startsWith(prefix)) {
                long t = Long.parseLong(l.split(" ")[field]);
                if (t >= from) {
                    return t;
                }
            }
        }
        return -1;
    }

    private static String cycloneRobot(Path work, Path peers, String model) throws Exception {
        Files.createDirectories(work);
        double controlHz = 20;
        long staleMs = 600;
        long periodMs = (long) (1000 / controlHz);
        try (PeerProcess robot = new PeerProcess(peers.resolve("ros_peer"), peers.resolve("cyclone-peer.xml"),
                "robot", "-", "600", "320", "240", "30");
             ChildCli deploy = ChildCli.start(work.resolve("deploy.log"), "768m", "deploy", "--model", model,
                     "--no-map", "--goal", "30,0", "--stale-limit", String.format(Locale.ROOT, "%.3f", staleMs / 1e3),
                     "--control-rate", Double.toString(controlHz), "--localhost", "--domain", "0", "--json",
                     "--report-every", "5")) {
            // 1. driving: the policy's commands arrive at the control rate
            check(waitUntil(() -> commands(robot, 0).stream().filter(c -> !c.zero()).count() >= 20, 120_000),
                    "deploy never drove the Cyclone robot: " + robot.lines().size() + " peer lines; deploy said:\n"
                            + deploy.log());
            long from = wallNanos();
            Thread.sleep(3000);
            List<Command> window = commands(robot, from);
            double rate = (window.size() - 1) / ((window.get(window.size() - 1).receivedNanos()
                    - window.get(0).receivedNanos()) / 1e9);
            say("RATE_HZ", String.format(Locale.ROOT, "%.2f", rate));
            check(Math.abs(rate - controlHz) <= 0.1 * controlHz, "commands at " + rate + " Hz, not " + controlHz);
            check(window.stream().filter(Command::zero).count() <= 1, "zeros while driving: " + window);

            // 2. the images stop: zeros within the stale limit plus one control period of the last image
            long off = wallNanos();
            robot.send("images off");
            check(waitUntil(() -> stampAfter(robot, "images-off ", 1, 0) > 0, 5000), "the peer did not stop images");
            long lastImage = stampAfter(robot, "images-off ", 1, 0);
            Thread.sleep(staleMs + 1500);
            List<Command> after = commands(robot, off);
            Command firstZero = null;
            for (int i = after.size() - 1; i >= 0 && after.get(i).zero(); i--) {
                firstZero = after.get(i);
            }
            check(firstZero != null && after.get(after.size() - 1).zero(), "no zeros after the images stopped: "
                    + after);
            long stopMs = (firstZero.receivedNanos() - lastImage) / 1_000_000;
            say("STOP_MS", Long.toString(stopMs));
            // transport of the last image and of the command back, on a loaded machine: 50 ms on top of the bound
            check(stopMs <= staleMs + periodMs + 50, "zeros " + stopMs + " ms after the last image; the bound is "
                    + staleMs + " + " + periodMs + " ms");

            // 3. the images come back: driving again after the one-second hold
            robot.send("images on");
            long on = wallNanos();
            check(waitUntil(() -> commands(robot, on).stream().anyMatch(c -> !c.zero()), 10_000),
                    "no driving after the images came back");
            long resumed = commands(robot, on).stream().filter(c -> !c.zero()).findFirst().orElseThrow()
                    .receivedNanos();
            say("RESUME_MS", Long.toString((resumed - on) / 1_000_000));
            check(resumed - on >= 900_000_000L, "drove " + (resumed - on) / 1_000_000 + " ms after the images came"
                    + " back, inside the 1 s hold");

            // 4. the e-stop latches: zeros while images flow, until it is released
            robot.send("estop 1");
            check(waitUntil(() -> stampAfter(robot, "estop 1 ", 2, 0) > 0, 5000), "the peer did not send the e-stop");
            long engaged = stampAfter(robot, "estop 1 ", 2, 0);
            Thread.sleep(3000);
            List<Command> stopped = commands(robot, engaged + (periodMs + 50) * 1_000_000L);
            check(stopped.size() >= 40 && stopped.stream().allMatch(Command::zero), "commands while the e-stop is"
                    + " engaged: " + stopped.size() + ", moving " + stopped.stream().filter(c -> !c.zero()).count());
            say("LATCH_ZEROS", Integer.toString(stopped.size()));
            robot.send("estop 0");
            long released = wallNanos();
            check(waitUntil(() -> commands(robot, released).stream().anyMatch(c -> !c.zero()), 10_000),
                    "no driving after the e-stop was released");
            deploy.terminate(30);
            say("DEPLOY", json(deploy.log()));
            check(robot.alive(), "the robot peer died");
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
