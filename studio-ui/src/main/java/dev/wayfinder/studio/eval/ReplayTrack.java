package dev.wayfinder.studio.eval;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.eval.PerturbedStarts;
import dev.wayfinder.sim.record.Recorder;
import dev.wayfinder.sim.record.Recording;
import dev.wayfinder.scenarios.draw.MapDrawer;
import dev.wayfinder.scenarios.draw.MapLayout;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A recording replayed once, kept step by step so that any step can be shown at once: the pose of every body (the
 * robot first) after the reset (step 0) and after each recorded step, the simulated time, and the action taken. The
 * replay feeds the recorded actions to a fresh physics-sim env, as {@code wayfinder sim replay} does, and notes the
 * first step whose pose, reward or events differ from the recording. Immutable; built off the FX thread.
 */
public final class ReplayTrack {
    private final Recording recording;
    private final Scenario scenario;
    private final Episode episode;
    private final boolean randomized;
    private final double[][] poses;
    private final long[] timeNanos;
    private final long controlPeriodNanos;
    private final int firstMismatch;
    private final String replayedOutcome;
    private final TopDown map;

    /** Pixels per side of the longer side of the top-down map's arena. */
    static final int MAP_SIZE = 520;

    /**
     * The episode's top-down map as {@code wayfinder scenario draw} draws an episode (walls, obstacles, start, goal), with the layout that places world points on it.
     *
     * @param argb   0xAARRGGBB, row 0 at the top
     * @param width  pixels
     * @param height pixels
     * @param layout world to pixel
     */
    public record TopDown(int[] argb, int width, int height, MapLayout layout) {
    }

    private ReplayTrack(Recording recording, Scenario scenario, Episode episode, boolean randomized,
                        double[][] poses, long[] timeNanos, long controlPeriodNanos, int firstMismatch,
                        String replayedOutcome) {
        this.recording = recording;
        this.scenario = scenario;
        this.episode = episode;
        this.randomized = randomized;
        this.poses = poses;
        this.timeNanos = timeNanos;
        this.controlPeriodNanos = controlPeriodNanos;
        this.firstMismatch = firstMismatch;
        this.replayedOutcome = replayedOutcome;
        BufferedImage img = MapDrawer.draw(episode, new MapDrawer.Options(MAP_SIZE, false,
                Optional.of(episode.scenarioName() + " \u2014 seed " + recording.seed())));
        int[] argb = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        this.map = new TopDown(argb, img.getWidth(), img.getHeight(), MapLayout.of(episode.arena(), MAP_SIZE));
    }

    /**
     * Replays {@code r} on the first of {@code candidates} whose episode for the recorded seed is the recorded one
     * (its fingerprint), drawn as {@code wayfinder sim run} draws it: perturbed starts, or with {@code --randomize}
     * the scenario's full domain randomization; both are tried.
     *
     * @throws IllegalArgumentException when no candidate gives the recorded episode, saying which were tried
     */
    public static ReplayTrack replay(Recording r, List<Scenario> candidates) {
        Objects.requireNonNull(r, "recording");
        for (Scenario s : candidates) {
            for (boolean randomize : new boolean[] {false, true}) {
                EpisodeSource source = source(s, randomize);
                Episode e;
                try {
                    e = source.episode(r.seed());
                } catch (RuntimeException ex) {
                    continue;
                }
                if (Recording.fingerprint(e).equals(r.fingerprint())) {
                    return run(r, s, source, randomize);
                }
            }
        }
        List<String> tried = candidates.stream().map(Scenario::name).distinct().toList();
        throw new IllegalArgumentException("it was recorded on episode " + r.fingerprint() + " of " + r.scenarioName()
                + " (seed " + r.seed() + "), which " + (tried.isEmpty() ? "no scenario at hand" : "neither "
                + String.join(" nor ", tried)) + " gives, with or without domain randomization; open the scenario"
                + " file it was recorded on in the editor and try again");
    }

    /** The episodes {@code wayfinder sim run} draws: {@code EpisodeSources} of the command line. */
    static EpisodeSource source(Scenario s, boolean randomize) {
        return randomize ? seed -> Randomizer.draw(s, seed, 1.0).episode() : PerturbedStarts.of(s);
    }

    private static ReplayTrack run(Recording r, Scenario s, EpisodeSource source, boolean randomized) {
        int n = r.steps().size();
        List<double[]> poses = new ArrayList<>(n + 1);
        List<Long> times = new ArrayList<>(n + 1);
        int mismatch = -1;
        try (NavEnv env = new NavEnv(source, r.config())) {
            env.reset(r.seed());
            poses.add(poses(env.world(), env.state()));
            times.add(env.state().timeNanos());
            Recorder again = new Recorder(r.config());
            again.start(env, r.seed());
            for (int i = 0; i < n; i++) {
                Recording.Step recorded = r.steps().get(i);
                StepResult res = env.step(recorded.action());
                again.step(recorded.action(), res);
                if (mismatch < 0 && !again.lastStep().equals(recorded)) {
                    mismatch = i;
                }
                poses.add(poses(env.world(), env.state()));
                times.add(env.state().timeNanos());
                if (res.done()) {
                    if (mismatch < 0 && i != n - 1) {
                        mismatch = i + 1;
                    }
                    break;
                }
            }
            long[] t = new long[times.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = times.get(i);
            }
            return new ReplayTrack(r, s, env.world().episode(), randomized, poses.toArray(double[][]::new), t,
                    env.world().controlPeriodNanos(), mismatch, again.outcome());
        }
    }

    private static double[] poses(World w, SimState state) {
        int bodies = w.bodyCount();
        double[] out = new double[3 * bodies];
        double[] p = new double[7];
        for (int b = 0; b < bodies; b++) {
            state.bodyPose(b, p);
            out[3 * b] = p[0];
            out[3 * b + 1] = p[1];
            out[3 * b + 2] = state.bodyYaw(b);
        }
        return out;
    }

    /** The recording replayed. */
    public Recording recording() {
        return recording;
    }

    /** The scenario it was replayed on. */
    public Scenario scenario() {
        return scenario;
    }

    /** The episode replayed (what to draw). */
    public Episode episode() {
        return episode;
    }

    /** Whether the episode came from the scenario's full domain randomization. */
    public boolean randomized() {
        return randomized;
    }

    /** The last step: steps run from 0 (after the reset) to this. */
    public int lastStep() {
        return poses.length - 1;
    }

    /** x, y (metres) and yaw (radians) of every body after step {@code k}, robot first; a copy. */
    public double[] poses(int k) {
        return poses[k].clone();
    }

    /** The robot's x, y and yaw after step {@code k}. */
    public double[] robotPose(int k) {
        return new double[] {poses[k][0], poses[k][1], poses[k][2]};
    }

    /** Simulated time after step {@code k}, nanoseconds since the reset. */
    public long timeNanos(int k) {
        return timeNanos[k];
    }

    /** The episode's top-down map (the array is shared: do not change it). */
    public TopDown map() {
        return map;
    }

    /** Simulated time between two steps, nanoseconds. */
    public long controlPeriodNanos() {
        return controlPeriodNanos;
    }

    /** The action that led to step {@code k} (k &gt;= 1) in words, or "" for step 0. */
    public String action(int k) {
        if (k == 0) {
            return "";
        }
        Action a = recording.steps().get(k - 1).action();
        return switch (a) {
            case Action.Discrete d -> recording.config().actions().get(d.index()).name();
            case Action.Velocity v -> String.format(Locale.ROOT, "v %.2f m/s, \u03c9 %.2f rad/s", v.v(), v.omega());
        };
    }

    /** The first step whose replay differs from the recording, or -1 when it reproduced bit for bit. */
    public int firstMismatch() {
        return firstMismatch;
    }

    /** How the replayed episode ended ("success", "collision:&lt;what&gt;", a truncation key, or "running"). */
    public String replayedOutcome() {
        return replayedOutcome;
    }
}
