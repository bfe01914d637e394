package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.train.ScenarioRefs;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.core.BodyKind;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A replay shows the moving obstacles where they are in each frame, not only where they started. */
class FilmTest {
    @Test
    void movingObstaclesAreDrawnAtTheirLivePoses(@TempDir Path dir) throws Exception {
        Scenario s = ScenarioRefs.load(List.of("moving-obstacles")).get(0);
        long seed = 7;
        Episode e = Randomizer.episode(s, seed);
        Film film = new Film(dir, "m", 4, 4);
        double[] pose = new double[7];
        double[][] first = null;
        double[][] last = null;
        try (NavEnv env = new NavEnv(EpisodeSource.fixed(e), EnvConfig.CONTINUOUS)) {
            env.reset(seed);
            int movers = 0;
            for (var b : env.world().bodies()) {
                movers += b.kind() == BodyKind.MOVING ? 1 : 0;
            }
            assertTrue(movers > 0, "the scenario has moving obstacles");
            for (int t = 0; t < 60; t++) {
                film.step(0, e, new byte[4 * 4 * 3], env.state().robotX(), env.state().robotY(),
                        env.state().robotYaw(), 0);
                boolean over = env.step(new Action.Velocity(0, 0)).done();
                film.world(0, env.state());
                double[][] now = new double[env.world().bodies().size()][];
                for (var b : env.world().bodies()) {
                    if (b.kind() == BodyKind.MOVING) {
                        env.state().bodyPose(b.index(), pose);
                        now[b.index()] = new double[] {pose[0], pose[1]};
                    }
                }
                if (first == null) {
                    first = now;
                }
                last = now;
                if (over) {
                    break;
                }
            }
        }
        film.end(0, e, new EpisodeOutcome(s.name(), seed, false, false, "time_limit", 60, 6, 0, 1));
        Path gif = dir.resolve("m-failure.gif");
        assertTrue(Files.exists(gif));
        BufferedImage firstFrame = frame(gif, 0);
        BufferedImage lastFrame = frame(gif, -1);
        MapLayout view = MapLayout.of(e.arena(), 320).shifted(firstFrame.getHeight(), 0);
        int checked = 0;
        for (int i = 0; i < first.length; i++) {
            if (first[i] == null || Math.hypot(last[i][0] - first[i][0], last[i][1] - first[i][1]) < 0.5) {
                continue;
            }
            // Where a mover is now, the last frame is orange and the first is not (it was elsewhere then); where it
            // was at first, the other way round.
            assertTrue(orange(lastFrame, view, last[i]), "body " + i + " drawn where it is at the end, seed " + seed);
            assertTrue(!orange(firstFrame, view, last[i]), "body " + i + " not drawn there at first, seed " + seed);
            assertTrue(orange(firstFrame, view, first[i]), "body " + i + " drawn where it was at first, seed " + seed);
            checked++;
        }
        assertTrue(checked > 0, "some mover moved 0.5 m in 6 s");
    }

    /**
     * Whether most pixels within 4 pixels of the point are orange (a filled obstacle, not the thin dashed patrol
     * line that runs under it).
     */
    private static boolean orange(BufferedImage img, MapLayout view, double[] at) {
        int cx = (int) Math.round(view.px(at[0]));
        int cy = (int) Math.round(view.py(at[1]));
        int all = 0;
        int hits = 0;
        for (int dy = -4; dy <= 4; dy++) {
            for (int dx = -4; dx <= 4; dx++) {
                if (dx * dx + dy * dy > 16) {
                    continue;
                }
                int rgb = img.getRGB(cx + dx, cy + dy);
                int r = rgb >> 16 & 0xff;
                int g = rgb >> 8 & 0xff;
                int b = rgb & 0xff;
                // MapDrawer.MOVING over the light floor: red high, blue low.
                hits += r > 180 && r - b > 100 && g < r ? 1 : 0;
                all++;
            }
        }
        return hits > 0.7 * all;
    }

    private static BufferedImage frame(Path gif, int index) throws Exception {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int n = reader.getNumImages(true);
            BufferedImage img = reader.read(index < 0 ? n + index : index);
            reader.dispose();
            return img;
        }
    }

}
