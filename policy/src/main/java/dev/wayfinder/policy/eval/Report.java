package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.data.AtomicFiles;
import dev.wayfinder.policy.net.SafetyShield;

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
    private Report() {
    }

    /**
     * Writes {@code dir/report.md}; copies the training curves from {@code trainDir} when given.
     *
     * @param shield the shield's settings when the rows include the policy driving through it
     */
    public static Path write(Path dir, List<EvalRow> rows, List<Path> gifs, Optional<Path> trainDir,
                             Optional<SafetyShield.Settings> shield) throws IOException {
        StringBuilder b = new StringBuilder("# Camera policy evaluation\n\n");
        b.append("Held-out test-split seeds (disjoint from training and validation seeds); every driver sees the ")
                .append("same episodes. SPL: success weighted by path length (Anderson et al. 2018); time: mean ")
                .append("simulated seconds to the goal over successful episodes. The expert is privileged (true map ")
                .append("and pose); the policy sees only its camera, the goal vector from odometry and its previous ")
                .append("action.\n\n");
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
            };
            b.append(sh.source() == SafetyShield.DepthSource.CAMERA ? "`policy+shield`" : "`policy+pred-shield`")
                    .append(": the same policy on the same episodes, driving through a safety shield. ").append(which)
                    .append(" that moves the robot and whose next ").append(plain(sh.horizon())).append(" s keep ")
                    .append(plain(sh.margin() * 100))
                    .append(" cm beyond the robot's radius clear of the obstacles seen over the last 4 s, ")
                    .append(sh.source() == SafetyShield.DepthSource.CAMERA
                            ? "from the camera's depth image (an RGB-D camera) and odometry"
                            : "from the network's own depth prediction and odometry")
                    .append(". Standing still is taken only when no moving action is clear.\n\n");
        }
        b.append("| scenario | variant | driver | episodes | success | SPL | collision | time to goal [s] |\n");
        b.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (EvalRow r : rows) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %s |\n", r.scenario(),
                    r.variant(), r.driver(), r.episodes(), r.success(), r.spl(), r.collision(), r.timeToGoalText()));
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
        Path out = dir.resolve("report.md");
        AtomicFiles.write(out, b.toString().getBytes(StandardCharsets.UTF_8));
        return out;
    }

    /** A number as short as it can be written: 1, 0.4, 2.5. */
    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
    }
}
