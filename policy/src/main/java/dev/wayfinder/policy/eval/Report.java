package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.data.AtomicFiles;

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

    /** Writes {@code dir/report.md}; copies the training curves from {@code trainDir} when given. */
    public static Path write(Path dir, List<EvalRow> rows, List<Path> gifs, Optional<Path> trainDir)
            throws IOException {
        StringBuilder b = new StringBuilder("# Camera policy evaluation\n\n");
        b.append("Held-out test-split seeds (disjoint from training and validation seeds); every driver sees the ")
                .append("same episodes. SPL: success weighted by path length (Anderson et al. 2018); time: mean ")
                .append("simulated seconds to the goal over successful episodes. The expert is privileged (true map ")
                .append("and pose); the policy sees only its camera, the goal vector from odometry and its previous ")
                .append("action.\n\n");
        if (rows.stream().anyMatch(r -> r.driver().startsWith("policy+"))) {
            b.append("`policy+shield`: the same policy on the same episodes, driving through a safety shield that ")
                    .append("takes, of the policy's actions in its order of preference, the first whose next fraction ")
                    .append("of a second keeps clear of the obstacles seen over the last 4 s, from the camera's depth ")
                    .append("image (an RGB-D camera) and odometry. `policy+pred-shield`: the same with the obstacles ")
                    .append("from the network's own depth prediction instead of a depth image.\n\n");
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
}
