package dev.wayfinder.policy.rollout;

import dev.wayfinder.inference.server.InferenceServer;
import dev.wayfinder.inference.server.Reply;
import dev.wayfinder.policy.data.Dataset;
import dev.wayfinder.policy.data.SampleSink;
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
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.env.StepInfo;
import dev.wayfinder.sim.env.VectorEnv;
import dev.wayfinder.sim.env.VectorStep;
import dev.wayfinder.sim.eval.EpisodeOutcome;
import dev.wayfinder.sim.expert.Expert;
import dev.wayfinder.sim.expert.GlobalPlanner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Steps {@code n} navigation envs together, in one or two lanes (each a {@link VectorEnv}; the first on the calling
 * thread, the second on a thread of its own): env {@code i} runs episodes of scenario {@code scenarios[i % S]} drawn by
 * the {@link Randomizer} under domain randomization (narrowed by the scenario's curriculum at the plan's training
 * progress), with seeds of one {@link Split}: env {@code i}'s k-th draw has split index {@code firstIndex + k * n + i}
 * (draws without a solvable layout are skipped), so results do not depend on timing. With a camera, each lane's frames
 * come from its own OpenGL renderer (created on, and bound to, the lane's thread) and the policy runs batched on
 * inference-core, one batch per lane.
 *
 * <p>One step of a run has three parts. The {@link Chooser} of the plan's {@link Driver} (a strategy: the network,
 * the expert, random actions, or DAgger's mixture) picks each env's action; step hooks see each env's step before and
 * after the choice (the dataset labeller, the robot side's memory update, the caller's {@link Listener}); the
 * VectorEnv steps, and ended episodes become {@link EpisodeOutcome}s.
 *
 * <p>The policy decides through the robot boundary: each env's {@link SimRobot} turns the env's sensor outputs into a
 * {@link RobotObservation} (what a real robot of the scenario has, per {@link #sensors}), and a {@link RobotPolicy} per
 * env prepares the network's inputs from it, follows the route on the robot's static map, keeps the obstacle memory
 * and passes the network's choice through the {@link SafetyShield} when {@link #shield} is set. Only the teacher sees
 * more: every visited state can be labelled with the action of physics-sim's privileged {@link Expert} into a
 * {@link Dataset}, with the frame's true depth profile as auxiliary target ({@link TrainingTargets#depthProfile}) and
 * the expert's cost of every action; SPL uses {@link GlobalPlanner#shortestPathLength} as the shortest path. Not
 * thread-safe; close it on the thread that made it.
 *
 * <p>An episode's outcome depends on its seed and the plan alone, not on the env that ran it or the episodes before
 * it: the random choices (the random driver, DAgger's mixture, the shield's sampled action order) start over at each
 * episode from the plan's seed and the episode's, and the batched network computes each env's row on its own. So
 * the episodes of a quota can be split over envs, processes or machines (the {@code cluster} module) and give the
 * same outcomes.
 */
public final class Rollouts implements AutoCloseable {
    /** Sees every step of every env (for recordings). */
    public interface Listener {
        /** A step was taken in env {@code env}; {@code rgb} is the frame seen before the step (may be null). */
        void step(int env, Episode episode, byte[] rgb, double x, double y, double yaw, int action);

        /** Env {@code env}'s episode ended. */
        void end(int env, Episode episode, EpisodeOutcome result);

        /**
         * The route env {@code env}'s robot side follows after the step just reported (x, y pairs in the static map's
         * frame, the world's for a simulated robot; null without one): what the robot planned, for pictures.
         */
        default void route(int env, double[] route) {
        }

        /**
         * Env {@code env}'s simulation after the step just reported: where every body is now (the moving and
         * pushable obstacles' live poses), for pictures. Simulator truth: never handed to the robot side.
         */
        default void world(int env, dev.wayfinder.sim.core.SimState state) {
        }
    }

    private final List<Scenario> scenarios;
    private final EnvConfig config;
    private final boolean camera;
    /** The lanes: lane 0 on the calling thread, lane 1 (if any) on {@link #worker}. */
    private final Lane[] lanes;
    /** Per env, its lane and its index there. */
    private final int[] laneOf;
    private final int[] localOf;
    private final ExecutorService worker;
    private final Expert[] experts;
    private final double[] shortestPath;
    private final Episode[] episodes;
    private final int n;
    private final SimRobot[] robots;
    private RobotPolicy[] deciders = new RobotPolicy[0];
    private final RobotObservation[] seen;
    /** Per env, the random choices of its current episode (seeded by the plan and the episode). */
    private final SplittableRandom[] choices;
    /** Per env, within one step: whether it acts, its expert label, its action and who chose it. */
    private final boolean[] acting;
    private final int[] expertLabel;
    private final int[] chosen;
    private final boolean[] decidedBy;
    private long planSeed;
    private SafetyShield.Settings shield;
    private SimRobot.Sensors sensors = SimRobot.Sensors.RGBD_MAP;
    private double progress = 1;

    /**
     * Rollouts in {@link #defaultLanes(int)} lanes.
     *
     * @param scenarios at least one
     * @param n         number of envs, &gt;= 1
     * @param camera    whether envs render the robot camera (needed for the camera policy and datasets)
     */
    public Rollouts(List<Scenario> scenarios, int n, boolean camera) {
        this(scenarios, n, camera, defaultLanes(n));
    }

    /**
     * @param scenarios at least one
     * @param n         number of envs, &gt;= 1
     * @param camera    whether envs render the robot camera (needed for the camera policy and datasets)
     * @param lanes     1 (everything on the calling thread) or 2: the envs split into two lanes, each a multiple of
     *                  4 envs (so the network's rows come out as in one batch), the second simulated, rendered (its
     *                  own OpenGL renderer) and decided on a thread of its own while the calling thread does the first
     */
    public Rollouts(List<Scenario> scenarios, int n, boolean camera, int lanes) {
        if (scenarios.isEmpty() || n < 1) {
            throw new IllegalArgumentException("need at least one scenario and one env");
        }
        if (lanes != 1 && !(lanes == 2 && n >= 8 && n % 4 == 0)) {
            throw new IllegalArgumentException("lanes must be 1, or 2 with a multiple of 4 envs, at least 8; got "
                    + lanes + " lanes for " + n + " envs");
        }
        this.scenarios = List.copyOf(scenarios);
        this.config = EnvConfig.DISCRETE;
        this.n = n;
        this.camera = camera;
        this.experts = new Expert[n];
        this.shortestPath = new double[n];
        this.episodes = new Episode[n];
        this.robots = new SimRobot[n];
        this.seen = new RobotObservation[n];
        this.choices = new SplittableRandom[n];
        this.acting = new boolean[n];
        this.expertLabel = new int[n];
        this.chosen = new int[n];
        this.decidedBy = new boolean[n];
        this.laneOf = new int[n];
        this.localOf = new int[n];
        for (int i = 0; i < n; i++) {
            Scenario s = this.scenarios.get(i % this.scenarios.size());
            experts[i] = new Expert(config);
            robots[i] = new SimRobot(s, config.actions(), sensors);
        }
        int first = lanes == 1 ? n : (n / 4 + 1) / 2 * 4;
        this.lanes = new Lane[lanes];
        this.lanes[0] = new Lane(0, first);
        if (lanes == 1) {
            this.worker = null;
            return;
        }
        this.worker = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name("wayfinder-rollouts-lane-1").daemon(true).unstarted(r));
        try {
            this.lanes[1] = worker.submit(() -> new Lane(first, n)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly();
            throw new IllegalStateException("interrupted while starting the rollouts' second lane", e);
        } catch (ExecutionException e) {
            closeQuietly();
            throw e.getCause() instanceof RuntimeException re ? re
                    : new IllegalStateException("the rollouts' second lane did not start: " + e.getCause(), e.getCause());
        }
    }

    /**
     * The lanes {@link #Rollouts(List, int, boolean)} uses: 2 for a multiple of 4 envs, at least 8, where the JVM sees
     * two or more processors ({@code -Dwayfinder.rollouts.lanes=1} keeps one), else 1.
     */
    public static int defaultLanes(int n) {
        int cores = Runtime.getRuntime().availableProcessors();
        boolean allowed = !"1".equals(System.getProperty("wayfinder.rollouts.lanes"));
        return allowed && cores >= 2 && n >= 8 && n % 4 == 0 ? 2 : 1;
    }

    /** The lanes the envs run in. */
    public int lanes() {
        return lanes.length;
    }

    /**
     * Envs {@code from..to-1} with their own VectorEnv (stepped on the lane's thread) and, with a camera, their own
     * OpenGL renderer: made, used and closed on the lane's thread.
     */
    private final class Lane {
        final int from;
        final int to;
        final Renderer renderer;
        final VectorEnv vector;
        final Action[] actions;
        VectorStep live;
        /** The network compiled for this lane's rows, for one run (null when it does not run). */
        InferencePolicy net;

        Lane(int from, int to) {
            this.from = from;
            this.to = to;
            this.renderer = camera ? Renderer.create() : null;
            this.actions = new Action[to - from];
            List<NavEnv> envs = new ArrayList<>();
            try {
                for (int i = from; i < to; i++) {
                    Scenario s = scenarios.get(i % scenarios.size());
                    Optional<CameraSensor> sensor = camera
                            ? Optional.of(new GlCameraSensor(renderer, s.robot().camera())) : Optional.empty();
                    envs.add(new NavEnv(seed -> draw(s, seed), config, sensor));
                    laneOf[i] = from == 0 ? 0 : 1;
                    localOf[i] = i - from;
                }
                // One thread per lane: the lane's envs share its thread's OpenGL renderer.
                this.vector = new VectorEnv(envs, 1, false);
            } catch (RuntimeException e) {
                if (renderer != null) {
                    renderer.close();
                }
                throw e;
            }
        }

        void close() {
            vector.close();
            if (renderer != null) {
                renderer.close();
            }
        }
    }

    /** Runs {@code task} on every lane, each on its own thread, and waits for all; rethrows the first failure. */
    private void onLanes(java.util.function.Consumer<Lane> task) {
        if (lanes.length == 1) {
            task.accept(lanes[0]);
            return;
        }
        java.util.concurrent.Future<?> other = worker.submit(() -> task.accept(lanes[1]));
        RuntimeException failure = null;
        try {
            task.accept(lanes[0]);
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            other.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = failure != null ? failure : new IllegalStateException("interrupted while stepping", e);
        } catch (ExecutionException e) {
            if (failure == null) {
                failure = e.getCause() instanceof RuntimeException re ? re
                        : e.getCause() instanceof Error err ? rethrow(err)
                        : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException rethrow(Error e) {
        throw e;
    }

    /** Resets every lane's envs to the plan's seed schedule (env numbers are the rollouts' own). */
    private void resetLanes(VectorEnv.Seeds seeds) {
        onLanes(l -> l.live = l.vector.reset((env, draw) -> seeds.seed(l.from + env, draw)));
    }

    /** Steps every env whose {@code actions} entry is set, each lane on its thread. */
    private void stepLanes(Action[] actions) {
        onLanes(l -> {
            System.arraycopy(actions, l.from, l.actions, 0, l.to - l.from);
            l.vector.step(l.actions);
        });
    }

    private VectorStep live(int i) {
        return lanes[laneOf[i]].live;
    }

    private boolean active(int i) {
        return live(i).active(localOf[i]);
    }

    private Observation observation(int i) {
        return live(i).observation(localOf[i]);
    }

    private Env env(int i) {
        return lanes[laneOf[i]].vector.env(localOf[i]);
    }

    private long draws(int i) {
        return lanes[laneOf[i]].vector.draws(localOf[i]);
    }

    private Episode draw(Scenario s, long seed) {
        try {
            return Randomizer.episode(s, seed, progress);
        } catch (RandomizationException e) {
            throw new EpisodeSource.Unavailable(e.getMessage(), e);
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
        this.sensors = Objects.requireNonNull(s, "sensors");
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

        /**
         * The seed schedule: env {@code i}'s draw {@code k} is split index {@code firstIndex + k * n + i}; with a
         * quota, indices past {@code firstIndex + maxEpisodes - 1} end the env's episodes, so every driver sees the
         * same episodes whatever their lengths and short ones are not favoured.
         */
        VectorEnv.Seeds seeds(int n) {
            boolean quota = maxEpisodes != Integer.MAX_VALUE;
            return (env, draw) -> {
                long offset = draw * n + env;
                return quota && offset >= maxEpisodes ? OptionalLong.empty()
                        : OptionalLong.of(split.seed(firstIndex + offset));
            };
        }
    }

    /** Totals of a run. */
    public record Outcome(List<EpisodeOutcome> episodes, long steps, long indicesUsed) {
    }

    /**
     * Who picks the executed action in each env at one step: a {@link Driver} as a strategy. Called on the env's lane
     * thread: what it touches per env must be that env's own.
     */
    private interface Chooser {
        /** Called once per step and lane before any choice there (the network runs here, batched over the lane). */
        default void beforeChoices(Lane lane) {
        }

        /**
         * Env {@code i}'s action; {@code expert} is the expert's label for it (-1 where no one uses the label: the
         * expert then does not run).
         */
        int choose(int i, int expert);

        /** Whether the last {@link #choose} for env {@code i} was the robot-side policy's own decision. */
        default boolean decided(int i) {
            return false;
        }
    }

    /**
     * Something that sees each env's step. {@link #before} (the state the choice is made in) and {@link #after} run
     * per env on its lane's thread and may touch only that env's state; {@link #commit} runs once the step's choices
     * are all made, on the calling thread, for env after env in order; {@link #end} likewise when an episode ends.
     */
    private interface StepHook {
        default void before(int i, Observation obs, int expert) {
        }

        default void after(int i, Observation obs, int action, boolean decided) {
        }

        default void commit(int i, Observation obs, int action, boolean decided) {
        }

        default void end(int i, EpisodeOutcome result) {
        }
    }

    /**
     * Runs {@code plan}. Each step, every lane observes, runs the network on its envs' rows and chooses their actions
     * on its thread; then the hooks commit in env order on the calling thread (dataset samples, listeners), and every
     * lane steps its envs on its thread. What each env does depends on its own state alone, and the order of samples
     * and outcomes is env order within a step, so the run is the same in one lane or two.
     *
     * @param policy   needed for POLICY and MIXED (batch must equal {@link #size()})
     * @param dataset  when present, every step is stored with the expert's label
     * @param listener when present, sees every step
     */
    public Outcome run(Plan plan, Optional<InferencePolicy> policy, Optional<? extends SampleSink> dataset,
                       Optional<Listener> listener) {
        boolean needsPolicy = plan.driver() == Driver.POLICY || plan.driver() == Driver.MIXED
                || plan.driver() == Driver.PLANNER;
        if (plan.driver() == Driver.PLANNER && (shield == null
                || shield.source() != SafetyShield.DepthSource.CAMERA)) {
            throw new IllegalArgumentException("the planner driver needs rollouts with a shield on the depth camera");
        }
        if (needsPolicy && (policy.isEmpty() || policy.get().batch() != n)) {
            throw new IllegalArgumentException("driver " + plan.driver().key() + " needs a policy compiled for batch "
                    + n);
        }
        if (dataset.isPresent() && policy.isEmpty()) {
            throw new IllegalArgumentException("recording a dataset needs the policy (for the network's image size)");
        }
        if ((needsPolicy || dataset.isPresent()) && !camera) {
            throw new IllegalStateException("the camera policy and datasets need rollouts with a camera");
        }
        NetworkSpec spec = !camera ? null : policy.map(InferencePolicy::spec).orElse(null);
        boolean shielding = shield != null && needsPolicy;
        checkSensors(spec, shielding);
        progress = plan.progress();
        deciders = spec == null ? new RobotPolicy[0] : robotSide(spec, plan.seed(), shielding);
        for (Lane l : lanes) {
            l.net = !needsPolicy ? null : lanes.length == 1 ? policy.get() : policy.get().withBatch(l.to - l.from);
        }

        planSeed = plan.seed();
        Chooser chooser = chooser(plan);
        List<StepHook> hooks = new ArrayList<>();
        if (dataset.isPresent()) {
            hooks.add(new Labeller(dataset.get(), spec, needsPolicy));
        }
        if (deciders.length > 0) {
            hooks.add(new StepHook() {
                @Override
                public void after(int i, Observation obs, int action, boolean decided) {
                    if (!decided) {
                        // Someone else chose (the expert, the random baseline): the robot side still sees the frame
                        // (its memory) and remembers the action as its previous one.
                        deciders[i].observe(seen[i], null, 0);
                        deciders[i].executed(action);
                    }
                }
            });
        }
        listener.ifPresent(l -> hooks.add(listen(l)));
        // The privileged expert plans globally every few steps and scores every action's arc: run it only where its
        // label is used (it drives, it mixes in, or the dataset stores it). It reads the world and changes nothing
        // there, so the episodes are the same without it.
        boolean labels = dataset.isPresent() || plan.driver() == Driver.EXPERT || plan.driver() == Driver.MIXED;
        boolean observing = spec != null;

        List<EpisodeOutcome> results = new ArrayList<>();
        resetLanes(plan.seeds(n));
        for (int i = 0; i < n; i++) {
            started(i);
        }
        Action[] actions = new Action[n];
        long steps = 0;
        while (steps < plan.maxSteps()) {
            // Which envs act this step: the active ones, in env order, while the step budget lasts.
            boolean any = false;
            long budget = steps;
            for (int i = 0; i < n; i++) {
                acting[i] = active(i) && budget < plan.maxSteps();
                if (acting[i]) {
                    budget++;
                    any = true;
                }
            }
            if (!any) {
                break;
            }
            onLanes(l -> {
                if (observing) {
                    for (int i = l.from; i < l.to; i++) {
                        if (active(i)) {
                            seen[i] = robots[i].observe(observation(i), episodes[i], env(i).state().timeNanos());
                        }
                    }
                }
                chooser.beforeChoices(l);
                for (int i = l.from; i < l.to; i++) {
                    if (!acting[i]) {
                        continue;
                    }
                    Observation obs = observation(i);
                    int expert = labels
                            ? ((Action.Discrete) experts[i].act(env(i).world(), env(i).state())).index()
                            : -1;
                    expertLabel[i] = expert;
                    for (StepHook h : hooks) {
                        h.before(i, obs, expert);
                    }
                    int a = chooser.choose(i, expert);
                    boolean decided = chooser.decided(i);
                    for (StepHook h : hooks) {
                        h.after(i, obs, a, decided);
                    }
                    chosen[i] = a;
                    decidedBy[i] = decided;
                }
            });
            for (int i = 0; i < n; i++) {
                actions[i] = null;
                if (!acting[i]) {
                    continue;
                }
                for (StepHook h : hooks) {
                    h.commit(i, observation(i), chosen[i], decidedBy[i]);
                }
                actions[i] = new Action.Discrete(chosen[i]);
                steps++;
            }
            stepLanes(actions);
            for (int i = 0; i < n; i++) {
                if (live(i).finalObservation(localOf[i]).isPresent()) {
                    EpisodeOutcome out = outcome(i, live(i).info(localOf[i]));
                    results.add(out);
                    for (StepHook h : hooks) {
                        h.end(i, out);
                    }
                    started(i);
                }
            }
        }
        long used = 0;
        for (int i = 0; i < n; i++) {
            used = Math.max(used, draws(i) * n);
        }
        for (Lane l : lanes) {
            l.net = null;
        }
        return new Outcome(results, steps, used);
    }

    /**
     * Runs {@code plan} with the network behind an {@link InferenceServer} (asynchronous mode, as EnvPool's): every
     * env sends its own request as soon as it has observed, and the envs whose replies are in are decided and stepped
     * together while the others wait for theirs, so the calling thread simulates and renders while the server
     * computes, and there may be more envs than one batch holds. Each env's action depends only on its own
     * observation, its robot side and the weights, so the episodes are those of {@link #run} with the same plan,
     * seed for seed, whatever the timing, when the server's outputs do not depend on the batch (its batch sizes all
     * multiples of 4) and neither do {@link #run}'s (a policy batch, {@link #size()}, that is a multiple of 4; other
     * sizes run their last rows through single-row kernels that may round differently). Every reply must come from
     * the same weights' version: a version change during the run fails it.
     *
     * <p>Only the {@link Driver#POLICY} driver (evaluation and validation): DAgger's mixture draws from one generator
     * in env order, and datasets store samples in step order, both of which would follow the timing here. With a
     * step budget below what the quota needs, which envs use it depends on the timing too; give evaluations a quota.
     *
     * @param spec     the served network's layout (its graph is {@link dev.wayfinder.robot.net.PolicyGraph}'s)
     * @param client   the server's client these envs submit through
     * @param listener when present, sees every step (per env in order; envs interleave by timing)
     */
    public Outcome runServed(Plan plan, NetworkSpec spec, InferenceServer.Client client, Optional<Listener> listener) {
        if (plan.driver() != Driver.POLICY) {
            throw new IllegalArgumentException("the served (asynchronous) mode runs the policy driver only, not "
                    + plan.driver().key());
        }
        if (!camera) {
            throw new IllegalStateException("the camera policy needs rollouts with a camera");
        }
        boolean shielding = shield != null;
        checkSensors(spec, shielding);
        int outputs = 1 + (spec.memorySectors() > 0 ? 1 : 0) + (spec.recurrent() ? 1 : 0);
        progress = plan.progress();
        planSeed = plan.seed();
        deciders = robotSide(spec, plan.seed(), shielding);
        StepHook hook = listener.map(this::listen).orElse(null);

        float[][][] in = new float[n][][];
        float[][][] out = new float[n][][];
        for (int i = 0; i < n; i++) {
            in[i] = new float[][] {new float[spec.imageSize()], new float[spec.stateSize()]};
            out[i] = new float[outputs][];
            out[i][0] = new float[spec.actions()];
            if (spec.memorySectors() > 0) {
                out[i][1] = new float[NetworkSpec.AUX_TARGETS];
            }
            if (spec.recurrent()) {
                out[i][outputs - 1] = new float[spec.recurrentUnits()];
            }
        }
        BlockingQueue<Reply> ready = new ArrayBlockingQueue<>(n);
        InferenceServer.Completion arrived = ready::add;
        long timeout = TimeUnit.MINUTES.toNanos(5);
        long[] version = {Long.MIN_VALUE};

        List<EpisodeOutcome> results = new ArrayList<>();
        resetLanes(plan.seeds(n));
        int pending = 0;
        for (int i = 0; i < n; i++) {
            started(i);
            if (active(i)) {
                submit(i, spec, in[i], out[i], client, timeout, arrived);
                pending++;
            }
        }
        Action[] actions = new Action[n];
        List<Reply> batch = new ArrayList<>(n);
        long steps = 0;
        while (pending > 0) {
            batch.clear();
            try {
                batch.add(ready.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the inference server", e);
            }
            ready.drainTo(batch);
            pending -= batch.size();
            Arrays.fill(actions, null);
            boolean any = false;
            for (Reply r : batch) {
                int i = (int) r.tag();
                if (!r.ok()) {
                    throw new IllegalStateException("inference server: env " + i + "'s request ended " + r.status()
                            + (r.error() == null ? "" : ": " + r.error()), r.error());
                }
                if (version[0] == Long.MIN_VALUE) {
                    version[0] = r.weightsVersion();
                } else if (version[0] != r.weightsVersion()) {
                    throw new IllegalStateException("the inference server's weights changed during the run (version "
                            + version[0] + ", then " + r.weightsVersion() + ")");
                }
                if (steps >= plan.maxSteps()) {
                    continue;
                }
                float[][] o = out[i];
                if (spec.recurrent()) {
                    deciders[i].advance(o[outputs - 1], 0);
                }
                int a = deciders[i].decide(seen[i], o[0], 0, spec.memorySectors() > 0 ? o[1] : null, 0);
                if (hook != null) {
                    hook.commit(i, observation(i), a, true);
                }
                actions[i] = new Action.Discrete(a);
                any = true;
                steps++;
            }
            if (!any) {
                continue;
            }
            stepLanes(actions);
            for (int i = 0; i < n; i++) {
                if (actions[i] == null) {
                    continue;
                }
                if (live(i).finalObservation(localOf[i]).isPresent()) {
                    EpisodeOutcome o = outcome(i, live(i).info(localOf[i]));
                    results.add(o);
                    if (hook != null) {
                        hook.end(i, o);
                    }
                    started(i);
                }
                if (active(i) && steps < plan.maxSteps()) {
                    submit(i, spec, in[i], out[i], client, timeout, arrived);
                    pending++;
                }
            }
        }
        long used = 0;
        for (int i = 0; i < n; i++) {
            used = Math.max(used, draws(i) * n);
        }
        return new Outcome(results, steps, used);
    }

    /** Env {@code i} observes through its robot, prepares the network's inputs and sends them to the server. */
    private void submit(int i, NetworkSpec spec, float[][] in, float[][] out,
                        InferenceServer.Client client, long timeout, InferenceServer.Completion arrived) {
        seen[i] = robots[i].observe(observation(i), episodes[i], env(i).state().timeNanos());
        deciders[i].prepare(seen[i], in[0], 0, in[1], 0);
        InferenceServer.Admission a = client.submit(in, out, timeout, i, arrived);
        if (a != InferenceServer.Admission.ACCEPTED) {
            throw new IllegalStateException("the inference server refused env " + i + "'s request: " + a);
        }
    }

    /**
     * A server for {@code weights}' network (its {@link dev.wayfinder.robot.net.PolicyGraph}) whose batches hold up
     * to {@code batch} requests (rounded up to a multiple of 4, so replies do not depend on their batch), with a
     * quarter and a half of that as smaller sizes.
     */
    public static InferenceServer serve(dev.wayfinder.robot.net.PolicyWeights weights, int batch) {
        int max = Math.max(4, (batch + 3) / 4 * 4);
        java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>(List.of(4, Math.max(4, max / 4 / 4 * 4),
                Math.max(4, max / 2 / 4 * 4), max));
        return InferenceServer.builder(dev.wayfinder.robot.net.PolicyGraph.build(weights))
                .batchSizes(sizes.stream().mapToInt(Integer::intValue).toArray()).maxQueueDelayMicros(200)
                .name("wayfinder-policy-server").build();
    }

    private void checkSensors(NetworkSpec spec, boolean shielding) {
        if (shielding && shield.source() == SafetyShield.DepthSource.CAMERA && !sensors.depthCamera()) {
            throw new IllegalArgumentException("a shield on the camera's depth needs robots with a depth camera");
        }
        if (spec != null && spec.plannerInputs() && !sensors.depthCamera()) {
            throw new IllegalArgumentException("this network takes the local planner's preference, scored against the"
                    + " depth camera's obstacle points, and needs robots with a depth camera");
        }
        if (spec != null && spec.followsRoute() && sensors.map() == SimRobot.MapSource.NONE
                && !(sensors.obstacleLayer() && sensors.depthCamera())) {
            throw new IllegalArgumentException("this network follows a route (look-ahead " + spec.routeLookahead()
                    + " m) and needs robots with a static map, or a depth camera to map with; the sensors have neither");
        }
    }

    /** The robot side of every env for a run: each samples its own reproducible sequence (the plan's seed, the env). */
    private RobotPolicy[] robotSide(NetworkSpec spec, long planSeed, boolean shielding) {
        SplittableRandom seeds = new SplittableRandom(planSeed ^ 0x5DEECE66DL);
        int narrowest = scenarios.stream().mapToInt(sc -> sc.robot().camera().width()).min()
                .orElse(RobotPolicy.CAMERA_STRIPS);
        RobotPolicy[] out = new RobotPolicy[n];
        for (int i = 0; i < n; i++) {
            out[i] = new RobotPolicy(spec, robots[i].description(), Optional.ofNullable(shielding ? shield : null),
                    seeds.nextLong(), narrowest, sensors.obstacleLayer() && sensors.depthCamera());
        }
        return out;
    }

    /** The plan's driver as a strategy (the network: each lane's {@link Lane#net}). */
    private Chooser chooser(Plan plan) {
        int actions = config.actions().size();
        return switch (plan.driver()) {
            case EXPERT -> (i, expert) -> expert;
            case RANDOM -> (i, expert) -> choices[i].nextInt(actions);
            case POLICY -> new NetworkChooser();
            case PLANNER -> new Chooser() {
                @Override
                public int choose(int i, int expert) {
                    return deciders[i].plan(seen[i]);
                }

                @Override
                public boolean decided(int i) {
                    return true;
                }
            };
            case MIXED -> new Chooser() {
                private final NetworkChooser network = new NetworkChooser();
                private final boolean[] byNetwork = new boolean[n];

                @Override
                public void beforeChoices(Lane lane) {
                    network.beforeChoices(lane);
                }

                @Override
                public int choose(int i, int expert) {
                    byNetwork[i] = !(choices[i].nextDouble() < plan.beta());
                    return byNetwork[i] ? network.choose(i, expert) : expert;
                }

                @Override
                public boolean decided(int i) {
                    return byNetwork[i];
                }
            };
        };
    }

    /** The camera policy: prepares every active env's inputs of a lane, runs its network once, and decides per env. */
    private final class NetworkChooser implements Chooser {
        @Override
        public void beforeChoices(Lane lane) {
            InferencePolicy net = lane.net;
            NetworkSpec spec = net.spec();
            for (int i = lane.from; i < lane.to; i++) {
                if (active(i)) {
                    int row = i - lane.from;
                    deciders[i].prepare(seen[i], net.images(), row * spec.imageSize(), net.states(),
                            row * spec.stateSize());
                }
            }
            net.run();
            if (spec.recurrent()) {
                // Every env's robot side carries its new hidden state, whoever then chooses its action.
                for (int i = lane.from; i < lane.to; i++) {
                    if (active(i)) {
                        deciders[i].advance(net.hidden(), (i - lane.from) * spec.recurrentUnits());
                    }
                }
            }
        }

        @Override
        public int choose(int i, int expert) {
            Lane lane = lanes[laneOf[i]];
            InferencePolicy net = lane.net;
            int row = i - lane.from;
            float[] predicted = net.depthProfile();
            return deciders[i].decide(seen[i], net.logits(), row * net.spec().actions(),
                    predicted.length == 0 ? null : predicted, row * NetworkSpec.AUX_TARGETS);
        }

        @Override
        public boolean decided(int i) {
            return true;
        }
    }

    /**
     * Labels every visited state for the dataset: the network's inputs, the expert's action, and the teacher's
     * targets (the frame's true depth profile and the expert's cost of every action). For a recurrent network the
     * state holds the hidden state as the robot side had it, and each sample ends with its sequence link: how many
     * samples of this run back the same env's previous sample of the same episode lies (0 at an episode's start), so
     * training can rebuild each env's sequences from the interleaved samples.
     */
    private final class Labeller implements StepHook {
        private final SampleSink dataset;
        private final NetworkSpec spec;
        private final boolean prepared;
        /** Per env, the sample of its current step, made on its lane's thread and stored in env order. */
        private final float[][] state;
        private final byte[][] sized;
        private final double[][] costs;
        /** Per env, the number of the env's last sample in this run, -1 at an episode's start. */
        private final long[] last;
        private long added;

        /** @param prepared whether the network's inputs were prepared this step (in the env's lane's network) */
        Labeller(SampleSink dataset, NetworkSpec spec, boolean prepared) {
            this.last = new long[n];
            java.util.Arrays.fill(last, -1);
            this.dataset = dataset;
            this.spec = spec;
            this.prepared = prepared;
            this.state = new float[n][spec.sampleFloats()];
            this.sized = new byte[n][spec.width() * spec.height() * 3];
            this.costs = new double[n][config.actions().size()];
        }

        @Override
        public void before(int i, Observation obs, int expert) {
            float[] st = state[i];
            if (prepared) {
                Lane lane = lanes[laneOf[i]];
                System.arraycopy(lane.net.states(), (i - lane.from) * spec.stateSize(), st, 0, spec.stateSize());
            } else {
                deciders[i].state(seen[i], st, 0);
            }
            var frame = obs.camera().orElseThrow();
            var info = frame.info();
            TrainingTargets.depthProfile(frame.depth(), frame.segmentation(), info.width(), info.height(), st,
                    spec.stateSize());
            experts[i].lastCosts(costs[i]);
            TrainingTargets.expertCosts(costs[i], costs[i].length, st, spec.costsOffset());
            Features.resampleRgb(frame.rgb(), info.width(), info.height(), sized[i], spec.width(), spec.height());
        }

        @Override
        public void commit(int i, Observation obs, int action, boolean decided) {
            float[] st = state[i];
            if (spec.recurrent()) {
                st[spec.linkOffset()] = last[i] < 0 ? 0f : (float) (added - last[i]);
                last[i] = added;
            }
            try {
                dataset.add(sized[i], st, 0, expertLabel[i]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            added++;
        }

        @Override
        public void end(int i, EpisodeOutcome result) {
            last[i] = -1;
        }
    }

    /** The caller's listener as a step hook: the pose and frame before the step, the outcome at the end. */
    private StepHook listen(Listener l) {
        return new StepHook() {
            @Override
            public void commit(int i, Observation obs, int action, boolean decided) {
                var st = env(i).state();
                byte[] rgb = obs.camera().map(f -> f.rgb()).orElse(null);
                l.step(i, episodes[i], rgb, st.robotX(), st.robotY(), st.robotYaw(), action);
                if (deciders.length > 0) {
                    l.route(i, deciders[i].route());
                }
                l.world(i, st);
            }

            @Override
            public void end(int i, EpisodeOutcome result) {
                l.end(i, episodes[i], result);
            }
        };
    }

    /** Env {@code i} started a new episode (unless it went idle): the per-episode state starts over. */
    private void started(int i) {
        if (!active(i)) {
            return;
        }
        var env = env(i);
        episodes[i] = env.world().episode();
        experts[i].reset();
        long episodeSeed = episodes[i].seed();
        choices[i] = new SplittableRandom(mix(planSeed, episodeSeed));
        if (i < deciders.length) {
            deciders[i].reset(mix(planSeed ^ 0x5DEECE66DL, episodeSeed));
        }
        shortestPath[i] = GlobalPlanner.shortestPathLength(env.world());
    }

    /** A seed for one episode's random choices from the plan's seed and the episode's. */
    static long mix(long plan, long episode) {
        return new SplittableRandom(plan * 0x9E3779B97F4A7C15L + episode).nextLong();
    }

    private EpisodeOutcome outcome(int i, StepInfo info) {
        return new EpisodeOutcome(episodes[i].scenarioName(), info.seed(), info.success(), info.collision(),
                info.truncation().key(), info.steps(), info.timeNanos() / 1e9, info.pathLength(),
                Math.max(1e-3, shortestPath[i]));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        if (lanes.length > 1 && lanes[1] != null) {
            try {
                worker.submit(lanes[1]::close).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while closing the rollouts' second lane", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        if (worker != null) {
            worker.shutdown();
        }
        lanes[0].close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes what a failed constructor made (lane 0, the worker). */
    private void closeQuietly() {
        try {
            lanes[0].close();
        } finally {
            worker.shutdownNow();
        }
    }
}
