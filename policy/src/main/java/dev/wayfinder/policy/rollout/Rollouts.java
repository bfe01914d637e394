package dev.wayfinder.policy.rollout;

import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.policy.net.ActionPreference;
import dev.wayfinder.policy.net.Features;
import dev.wayfinder.policy.net.InferencePolicy;
import dev.wayfinder.policy.net.NetworkSpec;
import dev.wayfinder.policy.net.ObstacleMemory;
import dev.wayfinder.policy.net.SafetyShield;
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
 * thread) and the policy runs batched on inference-core. Every visited state can be labelled with the action of
 * physics-sim's privileged {@link Expert} into a {@link Dataset}, with the frame's depth profile as auxiliary
 * target ({@link Features#depthProfile}) and the expert's cost of every action ({@link Features#expertCosts}); SPL uses
 * {@link GlobalPlanner#shortestPathLength} as the shortest path. A network with obstacle memory gets its memory inputs
 * from an {@link ObstacleMemory} per env; with {@link #shield} set, the policy's actions pass through a
 * {@link SafetyShield}. Not thread-safe; close it on the thread that made it.
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
    private final int[] previous;
    private final long[] episodeCount;
    private final boolean[] active;
    private final Observation[] obs;
    private final int n;
    private final double[] route = new double[2];
    private ObstacleMemory[] memories = new ObstacleMemory[0];
    private SafetyShield[] shields = new SafetyShield[0];
    private ActionPreference[] preferences = new ActionPreference[0];
    private SafetyShield.Settings shield;
    private final float[] profile = new float[CAMERA_STRIPS];
    /**
     * Strips of the depth profile a shield on the camera's depth image remembers: four times the network's, so
     * that the conservative strip-wide obstacle points narrow passages less (1.4 degrees each at 90 degrees).
     */
    static final int CAMERA_STRIPS = 64;
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
        this.previous = new int[n];
        this.shortestPath = new double[n];
        this.episodeCount = new long[n];
        this.active = new boolean[n];
        this.obs = new Observation[n];
        for (int i = 0; i < n; i++) {
            Scenario s = this.scenarios.get(i % this.scenarios.size());
            Optional<CameraSensor> sensor = camera
                    ? Optional.of(new GlCameraSensor(renderer, s.robot().camera())) : Optional.empty();
            envs[i] = new NavEnv(seed -> Randomizer.episode(s, seed, progress), config, sensor);
            experts[i] = new Expert(config);
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
     * network's memory inputs if it has any) is built from the camera's depth image; with
     * {@link SafetyShield.DepthSource#PREDICTED} from the network's predicted depth profile, which needs a network
     * with memory.
     */
    public void shield(SafetyShield.Settings settings) {
        this.shield = settings;
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
        NetworkSpec spec = policy.map(InferencePolicy::spec).orElse(null);
        int actions = config.actions().size();
        float[] state = new float[spec == null ? NetworkSpec.GOAL_FEATURES + actions : spec.sampleFloats()];
        byte[] sized = spec == null ? null : new byte[spec.width() * spec.height() * 3];
        double[] costs = new double[actions];
        List<EpisodeResult> results = new ArrayList<>();
        long[] nextIndex = {0};
        boolean shielding = shield != null && needsPolicy;
        if (shielding && shield.source() == SafetyShield.DepthSource.PREDICTED && spec.memorySectors() == 0) {
            throw new IllegalArgumentException("a shield on predicted depth needs a network with obstacle memory "
                    + "(network.memory_sectors above 0)");
        }
        boolean features = spec != null && spec.memorySectors() > 0;
        boolean remember = features || shielding;
        // Memory points from the rendered depth profile when only the expert drives (the first round's
        // demonstrations) or when the shield reads the camera's depth; otherwise from the network's prediction.
        boolean cameraDepth = !needsPolicy || (shielding && shield.source() == SafetyShield.DepthSource.CAMERA);
        int sectors = spec == null ? 0 : Math.max(1, spec.memorySectors());
        // A shield on the camera's depth reads it finely; the network's memory inputs keep the profile it predicts.
        int narrowest = scenarios.stream().mapToInt(sc -> sc.robot().camera().width()).min().orElse(CAMERA_STRIPS);
        int strips = shielding && shield.source() == SafetyShield.DepthSource.CAMERA
                ? Math.min(CAMERA_STRIPS, narrowest) : NetworkSpec.AUX_TARGETS;
        if (remember && (memories.length != n || memories[0].sectors() != sectors
                || memories[0].strips() != strips)) {
            memories = new ObstacleMemory[n];
            for (int i = 0; i < n; i++) {
                memories[i] = new ObstacleMemory(sectors, ObstacleMemory.DEFAULT_HORIZON, strips);
            }
        }
        if (shielding) {
            shields = new SafetyShield[n];
            // Each env samples its own, reproducible sequence (the plan's seed, the env's index).
            preferences = new ActionPreference[n];
            SplittableRandom seeds = new SplittableRandom(plan.seed() ^ 0x5DEECE66DL);
            for (int i = 0; i < n; i++) {
                preferences[i] = new ActionPreference(actions, shield.temperature(), seeds.nextLong());
            }
        }
        for (int i = 0; i < n; i++) {
            episodeCount[i] = 0;
            active[i] = start(i, plan, nextIndex);
        }
        long steps = 0;
        while (steps < plan.maxSteps() && results.size() < plan.maxEpisodes()) {
            if (needsPolicy) {
                InferencePolicy p = policy.get();
                for (int i = 0; i < n; i++) {
                    if (!active[i]) {
                        continue;
                    }
                    var frame = obs[i].camera().orElseThrow();
                    Features.image(spec, frame.rgb(), frame.info().width(), frame.info().height(), p.images(),
                            i * spec.imageSize());
                    Features.state(spec, obs[i].goal()[0], bearing(i, spec), previous[i], p.states(),
                            i * spec.stateSize());
                    if (features) {
                        var st = envs[i].state();
                        memories[i].write(st.robotX(), st.robotY(), st.robotYaw(), p.states(),
                                i * spec.stateSize() + spec.memoryOffset());
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
                    Features.state(actions, obs[i].goal()[0], bearing(i, spec), previous[i],
                            state, 0);
                    if (features) {
                        memories[i].write(st.robotX(), st.robotY(), st.robotYaw(), state, spec.memoryOffset());
                    }
                    try {
                        var frame = obs[i].camera().orElseThrow();
                        var info = frame.info();
                        Features.depthProfile(frame.depth(), frame.segmentation(), info.width(), info.height(),
                                state, spec.stateSize());
                        experts[i].lastCosts(costs);
                        Features.expertCosts(costs, actions, state, spec.costsOffset());
                        Features.resampleRgb(rgb, info.width(), info.height(), sized, spec.width(), spec.height());
                        dataset.get().add(sized, state, 0, expert);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                if (remember) {
                    var info = obs[i].camera().orElseThrow().info();
                    if (!cameraDepth) {
                        memories[i].observe(st.robotX(), st.robotY(), st.robotYaw(), policy.get().depthProfile(),
                                i * NetworkSpec.AUX_TARGETS, info);
                    } else {
                        var frame = obs[i].camera().orElseThrow();
                        Features.depthProfile(frame.depth(), frame.segmentation(), info.width(), info.height(),
                                memories[i].strips(), profile, 0);
                        memories[i].observe(st.robotX(), st.robotY(), st.robotYaw(), profile, 0, info);
                    }
                }
                int a = switch (plan.driver()) {
                    case EXPERT -> expert;
                    case POLICY -> policyAction(i, policy.get(), shielding);
                    case RANDOM -> rnd.nextInt(actions);
                    case MIXED -> rnd.nextDouble() < plan.beta() ? expert : policyAction(i, policy.get(), shielding);
                };
                if (listener.isPresent()) {
                    listener.get().step(i, env.world().episode(), rgb, st.robotX(), st.robotY(), st.robotYaw(), a);
                }
                StepResult r = env.step(new Action.Discrete(a));
                steps++;
                previous[i] = a;
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

    /**
     * The policy's action for env {@code i}: its argmax, or the shield's choice: the argmax when clear, else the
     * first clear one of the others in logit order or sampled (every action sampled when the settings say so).
     */
    private int policyAction(int i, InferencePolicy p, boolean shielding) {
        if (!shielding) {
            return p.argmax(i);
        }
        var st = envs[i].state();
        if (shields[i] == null) {
            Scenario sc = scenarios.get(i % scenarios.size());
            var robot = sc.robot();
            shields[i] = new SafetyShield(config.actions(), robot.maxLinearSpeed(), robot.maxAngularSpeed(),
                    robot.footprint().boundingRadius(), shield.margin(), shield.horizon(), memories[i],
                    sc.limits().controlRate());
        }
        return shields[i].choose(p.logits(), i * config.actions().size(), preferences[i], shield.sampling(),
                memories[i], st.robotX(), st.robotY(), st.robotYaw());
    }

    /**
     * The bearing input of env {@code i}: to the goal (odometry's goal vector), or for a network that follows a route
     * to the point {@link NetworkSpec#routeLookahead} metres ahead along the global path the expert planned on the
     * map, from the robot's pose on the map (as a localized robot knows it); the goal's bearing until a path exists.
     */
    private double bearing(int i, NetworkSpec spec) {
        if (spec == null || !spec.followsRoute()) {
            return obs[i].goal()[1];
        }
        var st = envs[i].state();
        if (!experts[i].routePoint(st.robotX(), st.robotY(), spec.routeLookahead(), route)) {
            return obs[i].goal()[1];
        }
        return Math.IEEEremainder(Math.atan2(route[1] - st.robotY(), route[0] - st.robotX()) - st.robotYaw(),
                2 * Math.PI);
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
                if (i < memories.length) {
                    memories[i].reset();
                }
                if (i < shields.length && shields[i] != null) {
                    shields[i].reset();
                }
                shortestPath[i] = GlobalPlanner.shortestPathLength(envs[i].world());
                previous[i] = -1;
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
