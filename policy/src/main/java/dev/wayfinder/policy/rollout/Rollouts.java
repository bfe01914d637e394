package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.policy.net.TrainingTargets;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.randomization.RandomizationException;
import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.sim.GlCameraSensor;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.camera.CameraSensor;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.ResetResult;
import dev.wayfinder.sim.env.StepResult;
import dev.wayfinder.sim.expert.Expert;
import dev.wayfinder.sim.expert.GlobalPlanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Steps {@code n} navigation envs together on the calling thread: env {@code i} runs episodes of scenario
 * {@code scenarios[i % S]} drawn by the {@link Randomizer} under domain randomization (narrowed by the
 * scenario's curriculum at the plan's training progress), with seeds of one
 * {@link Split}: env {@code i}'s k-th episode has split index {@code firstIndex + k * n + i}, so results do not
 * depend on timing. With a camera, frames come from one shared OpenGL renderer (created on, and bound to, this
 * thread) and the policy runs batched on inference-core.
 *
 * <p>The policy decides through the robot boundary: each env's {@link SimRobot} turns the env's sensor outputs into a
 * {@link RobotObservation} (what a real robot of the scenario has, per {@link #sensors}), and a {@link RobotPolicy} per
 * env prepares the network's inputs from it, follows the route on the robot's static map, keeps the obstacle memory
 * and passes the network's choice through the {@link SafetyShield} when {@link #shield} is set. Only the teacher sees
 * more: every visited state can be labelled with the action of physics-sim's privileged {@link Expert} into a
 * {@link Dataset}, with the frame's true depth profile as auxiliary target ({@link TrainingTargets#depthProfile}) and
 * the expert's cost of every action; SPL uses {@link GlobalPlanner#shortestPathLength} as the shortest path. Not
 * thread-safe; close it on the thread that made it.
 */
public final class Rollouts implements AutoCloseable {
    /** Sees every step of every env (for recordings). */
    public interface Listener {
        /** A step was taken in env {@code env}; {@code rgb} is the frame seen before the step (may be null). */
        void step(int env, Episode episode, byte[] rgb, double x, double y, double yaw, int action);

        /** Env {@code env}'s episode ended. */
        void end(int env, Episode episode, EpisodeResult result);
    }

    private final List<Scenario> scenarios;
    private final EnvConfig config;
    private final Renderer renderer;
    private final NavEnv[] envs;
    private final Expert[] experts;
    private final double[] shortestPath;
    private final long[] episodeCount;
    private final boolean[] active;
    private final Observation[] obs;
    private final int n;
    private final SimRobot[] robots;
    private RobotPolicy[] deciders = new RobotPolicy[0];
    private final RobotObservation[] seen;
    private SafetyShield.Settings shield;
    private SimRobot.Sensors sensors = SimRobot.Sensors.RGBD_MAP;
    private double progress = 1;

    /**
     * @param scenarios at least one
     * @param n         number of envs, &gt;= 1
     * @param camera    whether envs render the robot camera (needed for the camera policy and datasets)
     */
    public Rollouts(List<Scenario> scenarios, int n, boolean camera) {
        if (scenarios.isEmpty() || n < 1) {
            throw new IllegalArgumentException("need at least one scenario and one env");
        }
        this.scenarios = List.copyOf(scenarios);
        this.config = EnvConfig.DISCRETE;
        this.n = n;
        this.renderer = camera ? Renderer.create() : null;
        this.envs = new NavEnv[n];
        this.experts = new Expert[n];
        this.shortestPath = new double[n];
        this.episodeCount = new long[n];
        this.active = new boolean[n];
        this.obs = new Observation[n];
        this.robots = new SimRobot[n];
        this.seen = new RobotObservation[n];
        for (int i = 0; i < n; i++) {
            Scenario s = this.scenarios.get(i % this.scenarios.size());
            Optional<CameraSensor> sensor = camera
                    ? Optional.of(new GlCameraSensor(renderer, s.robot().camera())) : Optional.empty();
            envs[i] = new NavEnv(seed -> Randomizer.episode(s, seed, progress), config, sensor);
            experts[i] = new Expert(config);
            robots[i] = new SimRobot(s, config.actions(), sensors);
        }
    }

    /** Number of envs. */
    public int size() {
        return n;
    }

    /** The discrete actions. */
    public EnvConfig config() {
        return config;
    }

    /**
     * Whether the policy's actions pass through a {@link SafetyShield}, and how it is set up: {@code null} (the
     * default) for none. With {@link SafetyShield.DepthSource#CAMERA} the obstacle memory (the shield's, and the
     * network's memory inputs if it has any) is built from the depth camera's image, which {@link #sensors} must
     * include; with {@link SafetyShield.DepthSource#PREDICTED} from the network's predicted depth profile, which needs
     * a network with memory.
     */
    public void shield(SafetyShield.Settings settings) {
        this.shield = settings;
    }

    /** What the robots have besides the RGB camera, odometry and IMU (default: an RGB-D camera and the nominal map). */
    public void sensors(SimRobot.Sensors s) {
        this.sensors = java.util.Objects.requireNonNull(s, "sensors");
        for (int i = 0; i < n; i++) {
            robots[i] = new SimRobot(scenarios.get(i % scenarios.size()), config.actions(), s);
        }
    }

    /** What the robots have. */
    public SimRobot.Sensors sensors() {
        return sensors;
    }

    /**
     * What a run should do.
     *
     * @param driver      who acts
     * @param beta        expert probability for {@link Driver#MIXED}, in [0, 1]
     * @param split       where seeds come from
     * @param firstIndex  first split index
     * @param maxSteps    stop after this many env steps in total (episodes in flight are dropped), &gt;= 1
     * @param maxEpisodes when below {@code Integer.MAX_VALUE}: run exactly the episodes of split indices
     *                    {@code firstIndex .. firstIndex + maxEpisodes - 1} (seeds without a solvable layout are
     *                    skipped), each to its end
     * @param seed        seeds the mixing and random choices
     * @param progress    training progress in [0, 1] for the scenarios' randomization curriculum (ranges
     *                    narrowed toward nominal early in training); 1 = full randomization
     */
    public record Plan(Driver driver, double beta, Split split, long firstIndex, long maxSteps, int maxEpisodes,
                       long seed, double progress) {
        public Plan {
            if (!(beta >= 0 && beta <= 1) || maxSteps < 1 || maxEpisodes < 1 || firstIndex < 0
                    || !(progress >= 0 && progress <= 1)) {
                throw new IllegalArgumentException("invalid rollout plan: beta " + beta + ", steps " + maxSteps
                        + ", episodes " + maxEpisodes + ", first index " + firstIndex + ", progress " + progress);
            }
        }

        /** A plan at full randomization (progress 1). */
        public Plan(Driver driver, double beta, Split split, long firstIndex, long maxSteps, int maxEpisodes,
                    long seed) {
            this(driver, beta, split, firstIndex, maxSteps, maxEpisodes, seed, 1.0);
        }
    }

    /** Totals of a run. */
    public record Outcome(List<EpisodeResult> episodes, long steps, long indicesUsed) {
    }

    /**
     * Runs {@code plan}.
     *
     * @param policy   needed for POLICY and MIXED (batch must equal {@link #size()})
     * @param dataset  when present, every step is stored with the expert's label
     * @param listener when present, sees every step
     */
    public Outcome run(Plan plan, Optional<InferencePolicy> policy, Optional<Dataset> dataset,
                       Optional<Listener> listener) {
        boolean needsPolicy = plan.driver() == Driver.POLICY || plan.driver() == Driver.MIXED;
        if (needsPolicy && (policy.isEmpty() || policy.get().batch() != n)) {
            throw new IllegalArgumentException("driver " + plan.driver().key() + " needs a policy compiled for batch "
                    + n);
        }
        if (dataset.isPresent() && policy.isEmpty()) {
            throw new IllegalArgumentException("recording a dataset needs the policy (for the network's image size)");
        }
        if ((needsPolicy || dataset.isPresent()) && renderer == null) {
            throw new IllegalStateException("the camera policy and datasets need rollouts with a camera");
        }
        progress = plan.progress();
        SplittableRandom rnd = new SplittableRandom(plan.seed());
        NetworkSpec spec = renderer == null ? null : policy.map(InferencePolicy::spec).orElse(null);
        int actions = config.actions().size();
        float[] state = spec == null ? null : new float[spec.sampleFloats()];
        byte[] sized = spec == null ? null : new byte[spec.width() * spec.height() * 3];
        double[] costs = new double[actions];
        List<EpisodeResult> results = new ArrayList<>();
        long[] nextIndex = {0};
        boolean shielding = shield != null && needsPolicy;
        if (shielding && shield.source() == SafetyShield.DepthSource.CAMERA && !sensors.depthCamera()) {
            throw new IllegalArgumentException("a shield on the camera's depth needs robots with a depth camera");
        }
        if (spec != null && spec.followsRoute() && sensors.map() == SimRobot.MapSource.NONE
                && !(sensors.obstacleLayer() && sensors.depthCamera())) {
            throw new IllegalArgumentException("this network follows a route (look-ahead " + spec.routeLookahead()
                    + " m) and needs robots with a static map, or a depth camera to map with; the sensors have neither");
        }
        deciders = new RobotPolicy[spec == null ? 0 : n];
        if (spec != null) {
            // Each env samples its own, reproducible sequence (the plan's seed, the env's index).
            SplittableRandom seeds = new SplittableRandom(plan.seed() ^ 0x5DEECE66DL);
            int narrowest = scenarios.stream().mapToInt(sc -> sc.robot().camera().width()).min()
                    .orElse(RobotPolicy.CAMERA_STRIPS);
            for (int i = 0; i < n; i++) {
                deciders[i] = new RobotPolicy(spec, robots[i].description(),
                        Optional.ofNullable(shielding ? shield : null), seeds.nextLong(), narrowest,
                        sensors.obstacleLayer() && sensors.depthCamera());
            }
        }
        for (int i = 0; i < n; i++) {
            episodeCount[i] = 0;
            active[i] = start(i, plan, nextIndex);
        }
        long steps = 0;
        while (steps < plan.maxSteps() && results.size() < plan.maxEpisodes()) {
            if (spec != null) {
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        seen[i] = robots[i].observe(obs[i], envs[i].world().episode(), envs[i].state().timeNanos());
                    }
                }
            }
            if (needsPolicy) {
                InferencePolicy p = policy.get();
                for (int i = 0; i < n; i++) {
                    if (active[i]) {
                        deciders[i].prepare(seen[i], p.images(), i * spec.imageSize(), p.states(),
                                i * spec.stateSize());
                    }
                }
                p.run();
            }
            boolean any = false;
            for (int i = 0; i < n && steps < plan.maxSteps(); i++) {
                if (!active[i]) {
                    continue;
                }
                any = true;
                NavEnv env = envs[i];
                var st = env.state();
                int expert = ((Action.Discrete) experts[i].act(env.world(), st)).index();
                byte[] rgb = renderer == null ? null : obs[i].camera().orElseThrow().rgb();
                if (dataset.isPresent()) {
                    if (needsPolicy) {
                        System.arraycopy(policy.get().states(), i * spec.stateSize(), state, 0, spec.stateSize());
                    } else {
                        deciders[i].state(seen[i], state, 0);
                    }
                    try {
                        var frame = obs[i].camera().orElseThrow();
                        var info = frame.info();
                        // The teacher's targets: the frame's true depth profile and the expert's action costs.
                        TrainingTargets.depthProfile(frame.depth(), frame.segmentation(), info.width(), info.height(),
                                state, spec.stateSize());
                        experts[i].lastCosts(costs);
                        TrainingTargets.expertCosts(costs, actions, state, spec.costsOffset());
                        Features.resampleRgb(rgb, info.width(), info.height(), sized, spec.width(), spec.height());
                        dataset.get().add(sized, state, 0, expert);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                int a = switch (plan.driver()) {
                    case EXPERT -> taken(i, expert);
                    case POLICY -> decide(i, policy.get());
                    case RANDOM -> taken(i, rnd.nextInt(actions));
                    case MIXED -> rnd.nextDouble() < plan.beta() ? taken(i, expert) : decide(i, policy.get());
                };
                if (listener.isPresent()) {
                    listener.get().step(i, env.world().episode(), rgb, st.robotX(), st.robotY(), st.robotYaw(), a);
                }
                StepResult r = env.step(new Action.Discrete(a));
                steps++;
                obs[i] = r.observation();
                if (r.done()) {
                    var info = r.info();
                    Episode e = env.world().episode();
                    double shortest = Math.max(1e-3, shortestPath[i]);
                    EpisodeResult er = new EpisodeResult(e.scenarioName(), info.seed(), info.success(),
                            info.collision(), info.steps(), info.timeNanos() / 1e9, info.pathLength(), shortest);
                    results.add(er);
                    if (listener.isPresent()) {
                        listener.get().end(i, e, er);
                    }
                    active[i] = results.size() < plan.maxEpisodes() && start(i, plan, nextIndex);
                }
            }
            if (!any) {
                break;
            }
        }
        return new Outcome(results, steps, nextIndex[0]);
    }

    /** The robot-side policy's decision for env {@code i} from the network's outputs of this step. */
    private int decide(int i, InferencePolicy p) {
        float[] predicted = p.depthProfile();
        return deciders[i].decide(seen[i], p.logits(), i * p.spec().actions(), predicted.length == 0 ? null : predicted,
                i * NetworkSpec.AUX_TARGETS);
    }

    /**
     * Action {@code a}, chosen by someone else (the expert, the random baseline), taken in env {@code i}: the robot
     * side still sees the frame (its memory) and remembers the action as its previous one.
     */
    private int taken(int i, int a) {
        if (i < deciders.length) {
            deciders[i].observe(seen[i], null, 0);
            deciders[i].executed(a);
        }
        return a;
    }

    private boolean start(int i, Plan plan, long[] nextIndex) {
        for (int attempt = 0; attempt < 20; attempt++) {
            long index = plan.firstIndex() + episodeCount[i] * n + i;
            if (plan.maxEpisodes() != Integer.MAX_VALUE && index - plan.firstIndex() >= plan.maxEpisodes()) {
                // A fixed quota: the episodes are exactly split indices first .. first + maxEpisodes - 1,
                // whatever their lengths, so every driver sees the same episodes and short ones are not favoured.
                return false;
            }
            episodeCount[i]++;
            nextIndex[0] = Math.max(nextIndex[0], episodeCount[i] * n);
            try {
                ResetResult r = envs[i].reset(plan.split().seed(index));
                obs[i] = r.observation();
                experts[i].reset();
                if (i < deciders.length) {
                    deciders[i].reset();
                }
                shortestPath[i] = GlobalPlanner.shortestPathLength(envs[i].world());
                return true;
            } catch (RandomizationException e) {
                // An unsolvable draw: skip this seed; the next index of this env is tried.
            }
        }
        return false;
    }

    @Override
    public void close() {
        for (NavEnv e : envs) {
            if (e != null) {
                e.close();
            }
        }
        if (renderer != null) {
            renderer.close();
        }
    }
}
