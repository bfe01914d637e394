package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.data.AtomicFiles;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.net.SafetyShield;

import java.lang.reflect.RecordComponent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes the evaluation report as Markdown beside its images. Stateless. */
public final class Report {
    /** The table as CSV beside report.md, for programs (the studio's Evaluation tab reads it). */
    public static final String RESULTS = "results.csv";

    /** The header line of {@value #RESULTS}. */
    public static final String RESULTS_HEADER = "scenario,variant,driver,episodes,success,spl,collision,truncated,"
            + "mean_steps,mean_time_to_goal";

    private Report() {
    }

    /** Writes {@code rows} to {@code dir}/{@value #RESULTS}, numbers as Java writes doubles (exact round trip). */
    public static Path writeResults(Path dir, List<EvalRow> rows) throws IOException {
        StringBuilder b = new StringBuilder(RESULTS_HEADER).append('\n');
        for (EvalRow r : rows) {
            var x = r.result();
            b.append(String.join(",", r.scenario(), r.variant(), r.driver(), Integer.toString(x.episodes()),
                    Double.toString(x.successRate()), Double.toString(x.spl()), Double.toString(x.collisionRate()),
                    Double.toString(x.truncatedRate()), Double.toString(x.meanSteps()),
                    Double.toString(x.meanTimeToGoal()))).append('\n');
        }
        Path out = dir.resolve(RESULTS);
        AtomicFiles.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** Every episode of an evaluation, one line each, beside {@value #RESULTS}: which ones failed, and how. */
    public static final String EPISODES = "episodes.csv";

    /** The header line of {@value #EPISODES}. */
    public static final String EPISODES_HEADER = "scenario,variant,driver,split_index,seed,outcome,steps,seconds,"
            + "path_length,shortest_length,spl";

    /**
     * Writes each row's episodes to {@code dir}/{@value #EPISODES} in split-index order: the index in the split (the
     * same index is the same episode for every driver of a variant), its seed, how it ended ({@code success},
     * {@code collision}, or the truncation: {@code time_limit} for a time-out), steps, seconds, metres driven, the
     * shortest path and its SPL term.
     *
     * @param episodes one list per row, the same order as {@code rows}
     */
    public static Path writeEpisodes(Path dir, List<EvalRow> rows, List<List<dev.wayfinder.sim.eval.EpisodeOutcome>>
            episodes, Split split) throws IOException {
        if (rows.size() != episodes.size()) {
            throw new IllegalArgumentException(rows.size() + " rows, " + episodes.size() + " episode lists");
        }
        StringBuilder b = new StringBuilder(EPISODES_HEADER).append('\n');
        for (int r = 0; r < rows.size(); r++) {
            EvalRow row = rows.get(r);
            for (var e : dev.wayfinder.policy.work.JobResult.inIndexOrder(episodes.get(r), split)) {
                String outcome = e.success() ? "success" : e.collision() ? "collision" : e.truncation();
                b.append(String.join(",", row.scenario(), row.variant(), row.driver(),
                        Long.toString(split.index(e.seed())), Long.toString(e.seed()), outcome,
                        Integer.toString(e.steps()), String.format(Locale.ROOT, "%.2f", e.seconds()),
                        String.format(Locale.ROOT, "%.3f", e.pathLength()),
                        String.format(Locale.ROOT, "%.3f", e.shortestLength()),
                        String.format(Locale.ROOT, "%.4f", e.spl()))).append('\n');
            }
        }
        Path out = dir.resolve(EPISODES);
        AtomicFiles.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * Reads {@value #RESULTS} as {@link #writeResults} wrote it.
     *
     * @throws IOException naming the file, the line and what was expected when it is not such a table
     */
    public static List<EvalRow> readResults(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals(RESULTS_HEADER)) {
            throw new IOException(file + ":1: expected the header '" + RESULTS_HEADER + "'");
        }
        List<EvalRow> rows = new java.util.ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 10) {
                throw new IOException(file + ":" + (i + 1) + ": expected 10 comma-separated fields, got " + f.length);
            }
            try {
                rows.add(new EvalRow(f[0], f[1], f[2], new dev.wayfinder.sim.eval.EvalResult(Integer.parseInt(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]),
                        Double.parseDouble(f[7]), Double.parseDouble(f[8]), Double.parseDouble(f[9]))));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ":" + (i + 1) + ": bad value (" + e.getMessage() + ")", e);
            }
        }
        return rows;
    }

    /**
     * Writes {@code dir/report.md} and the table as {@value #RESULTS}; copies the training curves from {@code trainDir} when given.
     *
     * @param shield the shield's settings when the rows include the policy driving through it
     */
    public static Path write(Path dir, List<EvalRow> rows, List<Path> gifs, Optional<Path> trainDir,
                             Optional<SafetyShield.Settings> shield, Split split, SimRobot.Sensors sensors,
                             double oodFactor) throws IOException {
        StringBuilder b = new StringBuilder("# Camera policy evaluation\n\n");
        b.append(split == Split.TEST
                        ? "Held-out **test-split** seeds, disjoint from the training and validation seeds: a report, "
                                + "not a place to choose settings. "
                        : "**Validation-split** seeds, disjoint from the training and test seeds: the place to choose "
                                + "settings and checkpoints. ")
                .append("Every driver sees the same episodes. ");
        if (oodFactor > 1) {
            b.append("The OOD variant widens every randomization range ").append(plain(oodFactor))
                    .append("x and draws fresh seeds of the same split (not stretched copies of the in-distribution ")
                    .append("episodes). ");
        }
        if (rows.stream().anyMatch(r -> r.variant().equals("style"))) {
            b.append("The style variant draws textures the scenario never shows and saturations above its trained range, ")
                    .append("on fresh seeds. ");
        }
        b.append("SPL: success weighted by path length (Anderson et al. 2018); time: mean simulated seconds to the ")
                .append("goal over successful episodes. The expert is privileged (the true layout and pose).\n\n");
        b.append(received(sensors)).append('\n');
        if (shield.isPresent()) {
            SafetyShield.Settings sh = shield.get();
            String order = sh.temperature() > 0
                    ? "an order sampled from the policy's softmax at temperature " + plain(sh.temperature())
                            + " (seeded)"
                    : "the order of the policy's logits";
            String which = switch (sh.sampling()) {
                case ALWAYS -> "It tries the policy's actions in " + order + " and takes the first";
                case STUCK -> "It takes the policy's first choice (its highest logit), or when that is refused or the "
                        + "robot has made under 0.15 m of progress in 3 s, the first of its actions in " + order;
                case REFUSED -> "It takes the policy's first choice (its highest logit), or when that is refused, "
                        + "the first of its other actions in " + order;
                case PLANNER -> "It takes the policy's first choice (its highest logit), or when that is refused, "
                        + "the first of its other actions in " + order + "; once the robot has made under 0.15 m of "
                        + "progress in 3 s, the classical local planner's preference (each action's arc scored against "
                        + "the route and the camera's obstacle points) takes the policy's place the same way until the "
                        + "robot is " + plain(dev.wayfinder.robot.RobotPolicy.RECOVERY_DISTANCE) + " m on, and once its "
                        + "way to the goal (the route still ahead) has shrunk by under "
                        + plain(dev.wayfinder.robot.RobotPolicy.ROUTE_PROGRESS) + " m in "
                        + plain(dev.wayfinder.robot.RobotPolicy.NO_PROGRESS_SECONDS) + " s, until that way has shrunk by "
                        + plain(dev.wayfinder.robot.RobotPolicy.RECOVERY_PROGRESS) + " m (either at most "
                        + plain(dev.wayfinder.robot.RobotPolicy.RECOVERY_SECONDS) + " s). Either way it takes the first "
                        + "action";
            };
            b.append(sh.source() == SafetyShield.DepthSource.CAMERA ? "`policy+shield`" : "`policy+pred-shield`")
                    .append(": the same policy on the same episodes, driving through a safety shield. ").append(which)
                    .append(" that moves the robot and whose next ").append(plain(sh.horizon())).append(" s keep ")
                    .append(plain(sh.margin() * 100))
                    .append(" cm beyond the robot's radius clear of the obstacles seen over the last 4 s, ")
                    .append(sh.source() == SafetyShield.DepthSource.CAMERA
                            ? "from the camera's depth image (an RGB-D camera) and odometry, each taken to be "
                                    + plain(dev.wayfinder.robot.RobotPolicy.OBSTACLE_THICKNESS * 100)
                                    + " cm deep behind what the camera sees"
                            : "from the network's own depth prediction and odometry")
                    .append(". Standing still is taken only when no moving action is clear.");
            if (sh.movers()) {
                b.append(" Moving obstacles are tracked over the depth camera's frames (objects standing out in front of"
                        + " what is beside them, placed by odometry, their velocity fitted over the last second; with a"
                        + " static map, objects on it count as the furniture it shows), and every arc, followed for ")
                        .append(plain(SafetyShield.MOVER_HORIZON)).append(" s, must also keep ")
                        .append(plain((sh.margin() + SafetyShield.MOVER_MARGIN) * 100))
                        .append(" cm beyond the robot's radius clear of where each is going at its velocity.");
            }
            b.append("\n\n");
        }
        b.append("| scenario | variant | driver | episodes | success | SPL | collision | time to goal [s] |\n");
        b.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (EvalRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %s |\n", r.scenario(),
                    r.variant(), r.driver(), r.result().episodes(), r.result().successRate(), r.result().spl(),
                    r.result().collisionRate(), r.result().timeToGoalText()));
        }
        if (trainDir.isPresent()) {
            b.append("\n## Training curves\n\n");
            for (String png : List.of("loss.png", "success.png")) {
                Path src = trainDir.get().resolve(png);
                if (Files.exists(src)) {
                    Files.copy(src, dir.resolve(png), StandardCopyOption.REPLACE_EXISTING);
                    b.append("![").append(png).append("](").append(png).append(")\n\n");
                }
            }
        }
        if (!gifs.isEmpty()) {
            b.append("\n## Sample episodes (camera view beside the top-down map)\n\n");
            for (Path g : gifs) {
                String name = g.getFileName().toString();
                b.append("**").append(name.replace(".gif", "")).append("**\n\n![").append(name).append("](")
                        .append(name).append(")\n\n");
            }
        }
        writeResults(dir, rows);
        Path out = dir.resolve("report.md");
        AtomicFiles.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /**
     * What the policy received at each decision, generated from the robot boundary's input type
     * ({@link RobotObservation}'s components) and the robot's sensors, so it cannot drift from the code.
     */
    public static String received(SimRobot.Sensors sensors) {
        StringBuilder b = new StringBuilder("What the policy received at each decision (the components of `")
                .append(RobotObservation.class.getSimpleName()).append("`, nothing else):\n\n");
        for (RecordComponent c : RobotObservation.class.getRecordComponents()) {
            String name = c.getName();
            boolean optional = c.getType() == Optional.class;
            boolean present = !optional || switch (name) {
                case "depth" -> sensors.depthCamera();
                case "map" -> sensors.map() != SimRobot.MapSource.NONE;
                default -> true;
            };
            String type = optional
                    ? ((java.lang.reflect.ParameterizedType) c.getGenericType()).getActualTypeArguments()[0]
                            .getTypeName().replaceAll(".*[.$]", "")
                    : c.getType().getSimpleName();
            b.append("- `").append(name).append("` (").append(type).append("): ");
            if (!present) {
                b.append("absent\n");
                continue;
            }
            b.append(switch (name) {
                case "image" -> "the RGB image, with the episode's randomized camera effects and latency";
                case "camera" -> "the camera's nominal calibration from the scenario file (not its randomized mount)";
                case "depth" -> "the RGB-D camera's measured depth (noise, range limits, invalid pixels)";
                case "odometry" -> "wheel odometry in the odom frame, with its drift (not the true pose)";
                case "imu" -> "the IMU's yaw rate and accelerations";
                case "goal" -> "the goal in the odom frame";
                case "map" -> sensors.map() == SimRobot.MapSource.ORACLE
                        ? "**the episode's true layout (an oracle map: an upper bound, not a robot's input)**"
                        : "the scenario file's nominal layout (walls, static obstacles at nominal poses; no jitter,"
                                + " extra obstacles, distractors, pushables or movers), the pose on it from odometry";
                default -> "as delivered";
            }).append('\n');
        }
        if (sensors.obstacleLayer()) {
            b.append("\nThe route is also planned round what the depth camera has shown since the episode began (an ")
                    .append("obstacle layer the robot builds from its depth images and odometry; unknown space counts ")
                    .append("as free)").append(sensors.map() == SimRobot.MapSource.NONE ? ", with no map besides it" : "")
                    .append(".\n");
        }
        return b.toString();
    }

    /** A number as short as it can be written: 1, 0.4, 2.5. */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }
}
