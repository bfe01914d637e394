package dev.wayfinder.robot;

import dev.wayfinder.robot.net.ActionPreference;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.MoverTracker;
import dev.wayfinder.robot.net.NetworkSpec;
import dev.wayfinder.robot.net.ObstacleMemory;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstacles;
import dev.wayfinder.robot.route.LocalPlanner;
import dev.wayfinder.robot.route.RouteFollower;

import java.util.Objects;
import java.util.Optional;

/**
 * One robot's decisions, from {@link RobotObservation}s alone: input preparation for the network, the bearing it
 * steers by (the goal from odometry, or a route planned on the static map), the obstacle memory, the safety shield and
 * the choice of action. The network itself runs outside (batched over many robots in simulation, alone on a robot), so
 * one decision is three calls: {@link #prepare} fills the network's inputs, the caller runs the network,
 * {@link #decide} turns its outputs into an action; {@link #executed} records what was actually done when someone
 * else (a teacher, a test) chose it. {@link Runner} does all of it for one robot with its own compiled network.
 *
 * <p>A recurrent network's hidden state lives here, one per robot: zeros at {@link #reset}, written into the state
 * vector's tail by {@link #prepare}/{@link #state}, and replaced by the network's new hidden state through
 * {@link #advance} after every run of the network, whoever then chooses the action (a teacher's step still advances
 * it when the network ran). {@link #decide} refuses to choose for a recurrent network whose new hidden state was not
 * handed over, so a caller cannot forget it silently.
 *
 * <p>Where the memory's obstacle points come from: the depth camera's image (obstacles separated from the floor by
 * {@link DepthObstacles}) when the shield reads the camera's depth, or the network's own depth prediction. Points are
 * placed by odometry. A shield whose settings track movers ({@link SafetyShield.Settings#movers}) has a
 * {@link MoverTracker} fed the same depth profile (and the static map, where the observation has one), and keeps
 * clear of where the moving ones are going. Allocates nothing per decision after the first. Not thread-safe: one per robot.
 */
public final class RobotPolicy {
    /**
     * Strips of the depth profile a shield on the camera's depth remembers: four times the network's, so the
     * conservative strip-wide obstacle points narrow passages less (1.4 degrees each at 90 degrees).
     */
    public static final int CAMERA_STRIPS = 64;
    /**
     * How far from where a planner recovery began the robot must get before the network drives again, metres (chosen
     * on validation episodes: 0.3 m against 0 and 0.6 m, policy/README.md).
     */
    public static final double RECOVERY_DISTANCE = 0.3;
    /** The longest a planner recovery lasts, seconds, should the robot not get that far. */
    public static final double RECOVERY_SECONDS = 10;
    /**
     * The second trigger of a planner recovery: a robot that moves but whose way to the goal (the route still ahead,
     * or the straight line to the goal without a route) has not shrunk by {@link #ROUTE_PROGRESS} over this many
     * seconds is going round in circles (chosen on validation episodes with the two below, policy/README.md).
     */
    public static final double NO_PROGRESS_SECONDS = 8;
    /** How much the way to the goal must shrink over {@link #NO_PROGRESS_SECONDS}, metres. */
    public static final double ROUTE_PROGRESS = 0.3;
    /**
     * How much a recovery the second trigger began shrinks the way to the goal before the network drives again,
     * metres (at most {@link #RECOVERY_SECONDS}).
     */
    public static final double RECOVERY_PROGRESS = 0.5;

    /**
     * How deep whatever the depth camera shows is taken to be in the obstacle memory, metres
     * ({@link ObstacleMemory#setThickness}): a wall seen from one side has a far corner the camera never shows, and the
     * shield let a robot turning round a thin wall's end cut it. Chosen on validation episodes (0.05 against 0 and
     * 0.1 m, policy/README.md).
     */
    public static final double OBSTACLE_THICKNESS = 0.05;

    private final NetworkSpec spec;
    private final RobotDescription robot;
    private final SafetyShield.Settings shieldSettings;
    private final ObstacleMemory memory;
    /** Moving obstacles in the depth camera's view, for the shield; null when it does not predict them. */
    private final MoverTracker movers;
    private final SafetyShield shield;
    private final ActionPreference preference;
    private final RouteFollower route;
    private final DepthObstacles obstacles = new DepthObstacles();
    /** For a memory of the network's coarse strips fed by the camera (expert-driven rounds): its own profiler. */
    private final DepthObstacles coarseObstacles = new DepthObstacles();
    private final float[] coarse = new float[NetworkSpec.AUX_TARGETS];
    private final boolean cameraDepth;
    /** Whether the memory holds the depth camera's points: a shield on the camera, or the planner's inputs. */
    private final boolean cameraFed;
    /** The observation whose obstacles the memory last took in (each frame is taken in once). */
    private RobotObservation observed;
    /** The observation {@link #planLogits} were scored for (each frame is scored once). */
    private RobotObservation scored;
    /** When the shield's planner recovery drives instead of the network. */
    private final PlannerRecovery recovery;
    private final int cameraStrips;
    /** The depth image (this very one) and camera {@link #obstacles} last profiled; null before the first. */
    private RobotObservation.DepthImage profiledDepth;
    private CameraModel profiledCamera;
    private final float[] profile;
    private final float[] memoryInputs;
    private int previous = -1;
    private double bearing;
    /** A recurrent network's hidden state h (the last h' handed to {@link #advance}); empty for a feed-forward one. */
    private final float[] hidden;
    /** Whether {@link #advance} has been called since the last {@link #state}. */
    private boolean advanced;
    /** The classical local planner of {@link #plan} (made on first use), its scratch and its points. */
    private LocalPlanner local;
    private float[] planState;
    private float[] planLogits;
    private double[] planXs;
    private double[] planYs;
    private final double[] target = new double[2];

    /**
     * @param spec   the network's shape
     * @param robot  the robot
     * @param shield the safety shield's settings; empty for none (the network's argmax is taken)
     * @param seed   seeds the shield's sampled action order (a deployment is replayable)
     * @param strips strips of the camera's depth profile the shield's memory reads (1..{@link #CAMERA_STRIPS}, at
     *               most the image width): the robot's camera width decides the usable number
     * @param layered whether a route-following policy's route also avoids what the depth camera has shown
     *               ({@link dev.wayfinder.robot.route.ObstacleLayer}); a mapless robot with a depth camera needs it
     */
    public RobotPolicy(NetworkSpec spec, RobotDescription robot, Optional<SafetyShield.Settings> shield, long seed,
                       int strips, boolean layered) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.robot = Objects.requireNonNull(robot, "robot");
        this.shieldSettings = shield.orElse(null);
        if (robot.actions().size() != spec.actions()) {
            throw new IllegalArgumentException("the network chooses between " + spec.actions() + " actions, the robot"
                    + " has " + robot.actions().size());
        }
        this.cameraDepth = shieldSettings != null && shieldSettings.source() == SafetyShield.DepthSource.CAMERA;
        if (shieldSettings != null && shieldSettings.sampling() == SafetyShield.Sampling.PLANNER
                && shieldSettings.source() != SafetyShield.DepthSource.CAMERA) {
            throw new IllegalArgumentException("the shield's planner recovery scores arcs against the depth camera's"
                    + " points; it needs a shield on the depth camera");
        }
        if (shieldSettings != null && !cameraDepth && spec.memorySectors() == 0) {
            throw new IllegalArgumentException("a shield on predicted depth needs a network with obstacle memory "
                    + "(network.memory_sectors above 0)");
        }
        this.cameraFed = cameraDepth || spec.plannerInputs();
        boolean remember = spec.memorySectors() > 0 || shieldSettings != null || spec.plannerInputs();
        this.cameraStrips = Math.max(1, Math.min(strips, CAMERA_STRIPS));
        int use = cameraFed ? cameraStrips : NetworkSpec.AUX_TARGETS;
        this.memory = remember ? new ObstacleMemory(Math.max(1, spec.memorySectors()), ObstacleMemory.DEFAULT_HORIZON,
                use) : null;
        if (memory != null && cameraFed) {
            memory.setThickness(OBSTACLE_THICKNESS);
        }
        this.movers = cameraDepth && shieldSettings.movers() ? new MoverTracker(cameraStrips) : null;
        this.profile = new float[cameraStrips];
        this.memoryInputs = new float[Math.max(1, spec.memorySectors())];
        this.shield = shieldSettings == null ? null
                : new SafetyShield(robot, shieldSettings.margin(), shieldSettings.horizon(), memory);
        this.preference = new ActionPreference(spec.actions(), shieldSettings == null ? 0 : shieldSettings.temperature(),
                seed);
        this.route = spec.followsRoute() ? new RouteFollower(robot.radius(), robot.controlRate(), layered) : null;
        this.hidden = new float[spec.recurrentUnits()];
        this.recovery = new PlannerRecovery(robot.controlRate());
    }

    /** The network's shape. */
    public NetworkSpec spec() {
        return spec;
    }

    /** The robot. */
    public RobotDescription robot() {
        return robot;
    }

    /**
     * Whether this policy needs a depth image in every observation (its shield reads the depth camera, or its network
     * takes the local planner's preference, which is scored against the depth camera's points).
     */
    public boolean needsDepth() {
        return cameraFed;
    }

    /** Whether this policy needs a static map in every observation (it follows a route). */
    public boolean needsMap() {
        return route != null;
    }

    /**
     * Starts a new episode (or goal): forgets the memory, the route, the previous action and a recurrent network's
     * hidden state.
     */
    public void reset() {
        previous = -1;
        observed = null;
        scored = null;
        recovery.reset();
        java.util.Arrays.fill(hidden, 0f);
        advanced = false;
        if (memory != null) {
            memory.reset();
        }
        if (movers != null) {
            movers.reset();
        }
        if (shield != null) {
            shield.reset();
        }
        if (route != null) {
            route.reset();
        }
    }

    /**
     * {@link #reset()}, and the shield's sampled action order starts over from {@code seed}: an episode then decides
     * alike whichever env, process or machine runs it, and whatever ran before it.
     */
    public void reset(long seed) {
        reset();
        preference.reseed(seed);
    }

    /**
     * Fills the network's inputs for {@code o}: its image ({@link NetworkSpec#imageSize()} floats at {@code imageAt})
     * and its state ({@link NetworkSpec#stateSize()} floats at {@code stateAt}): the goal's distance, the bearing to
     * steer by, the previous action, the remembered obstacles (seen before this frame) and a recurrent network's
     * hidden state; for a network with {@link NetworkSpec#plannerInputs} the local planner's preference, for which the
     * memory takes in this frame's obstacles now instead of in {@link #decide}.
     */
    public void prepare(RobotObservation o, float[] images, int imageAt, float[] states, int stateAt) {
        RobotObservation.RgbImage img = o.image();
        Features.image(spec, img.rgb(), img.width(), img.height(), images, imageAt);
        state(o, states, stateAt);
    }

    /** Fills only the state vector of {@link #prepare} (a dataset stores the image separately). */
    public void state(RobotObservation o, float[] states, int stateAt) {
        Pose2D p = o.odometry().pose();
        double dx = o.goal().x() - p.x();
        double dy = o.goal().y() - p.y();
        double distance = Math.hypot(dx, dy);
        double goalBearing = Math.IEEEremainder(Math.atan2(dy, dx) - p.yaw(), 2 * Math.PI);
        if (route != null) {
            if (o.map().isEmpty() && !(route.layered() && o.depth().isPresent())) {
                throw new IllegalArgumentException("this policy follows a route on a static map (route look-ahead "
                        + spec.routeLookahead() + " m), but the observation has no map"
                        + (route.layered() ? " and no depth image to map with" : ""));
            }
            bearing = route.bearing(o, spec.routeLookahead(),
                    route.layered() && o.depth().isPresent() && profile(o) != null ? obstacles : null);
        } else {
            bearing = goalBearing;
        }
        Features.state(spec, distance, bearing, previous, states, stateAt);
        if (spec.memorySectors() > 0) {
            memory.write(p.x(), p.y(), p.yaw(), states, stateAt + spec.memoryOffset());
        }
        if (spec.plannerInputs()) {
            plannerPreference(o, states, stateAt + spec.plannerOffset());
        }
        if (hidden.length > 0) {
            System.arraycopy(hidden, 0, states, stateAt + spec.hiddenOffset(), hidden.length);
        }
        advanced = false;
    }

    /**
     * Hands over a recurrent network's new hidden state h' after it ran on the inputs {@link #prepare} wrote
     * ({@link NetworkSpec#recurrentUnits()} floats at {@code at}, e.g. {@code InferencePolicy.hidden()}): the next
     * step's state carries it. Call it whenever the network ran for this robot, also when someone else then chooses
     * the action. Nothing to do for a feed-forward network.
     *
     * @throws IllegalArgumentException when a value is not finite
     */
    public void advance(float[] next, int at) {
        for (int i = 0; i < hidden.length; i++) {
            float v = next[at + i];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("the network's hidden state " + i + " is not finite: " + v);
            }
            hidden[i] = v;
        }
        advanced = true;
    }

    /** A copy of a recurrent network's hidden state (what the next {@link #state} writes); empty without one. */
    public float[] hidden() {
        return hidden.clone();
    }

    /**
     * Adds {@code o}'s obstacles to the memory (before choosing): from its depth image when the shield reads the
     * camera's depth (or when {@code predicted} is null and the observation has one), else from the network's
     * predicted depth profile ({@link NetworkSpec#AUX_TARGETS} values at {@code predictedAt}).
     */
    public void observe(RobotObservation o, float[] predicted, int predictedAt) {
        if (memory == null || o == observed) {
            return;
        }
        if (cameraFed || predicted == null) {
            if (o.depth().isEmpty()) {
                if (cameraFed) {
                    throw new IllegalArgumentException("the " + (cameraDepth ? "shield" : "local planner") + " reads"
                            + " the depth camera, but the observation has no depth image");
                }
                return;
            }
            observed = o;
            // The points are where the robot was when the image was taken, not where it is now.
            Pose2D p = o.odometry().poseAt(o.depth().get().stampNanos());
            if (memory.strips() == cameraStrips) {
                float[] prof = profile(o);
                if (movers != null) {
                    RobotObservation.StaticMap site = o.map().orElse(null);
                    movers.map(site == null ? null : site.grid(), site == null ? null : site.odomInMap());
                    movers.observe(o.depth().get().stampNanos(), p.x(), p.y(), p.yaw(), prof, 0, o.camera());
                }
                memory.observe(p.x(), p.y(), p.yaw(), prof, 0, o.camera());
            } else {
                // A memory of the network's coarse strips, fed the camera's depth while the network does not drive.
                coarseObstacles.profile(o.depth().get(), o.camera(), memory.strips(), Features.MAX_DEPTH, coarse, 0);
                memory.observe(p.x(), p.y(), p.yaw(), coarse, 0, o.camera());
            }
        } else {
            observed = o;
            Pose2D p = o.odometry().poseAt(o.image().stampNanos());
            memory.observe(p.x(), p.y(), p.yaw(), predicted, predictedAt, o.camera());
        }
    }

    /**
     * The action for {@code o} from the network's outputs: the argmax of its logits, or the shield's choice. Observes
     * the frame first ({@link #observe}) and records the action as executed.
     *
     * @param logits    {@link NetworkSpec#actions()} logits at {@code logitsAt}
     * @param predicted the network's depth profile ({@link NetworkSpec#AUX_TARGETS} values at {@code predictedAt}),
     *                  or null when it predicts none
     */
    public int decide(RobotObservation o, float[] logits, int logitsAt, float[] predicted, int predictedAt) {
        if (hidden.length > 0 && !advanced) {
            throw new IllegalStateException("a recurrent network's new hidden state must be handed to advance() after "
                    + "it runs and before decide()");
        }
        observe(o, predicted, predictedAt);
        int a;
        if (shield != null) {
            // The tracker's moving obstacles, predicted to the decision's time (none without a tracker).
            shield.movers(movers, o.odometry().stampNanos());
        }
        if (shield == null) {
            a = argmax(logits, logitsAt, spec.actions());
        } else if (shieldSettings.sampling() == SafetyShield.Sampling.PLANNER) {
            // A recovery behaviour: once the robot makes no progress, the local planner's preference drives until the
            // robot is some way from where the recovery began, so the network does not steer straight back.
            Pose2D p = o.odometry().pose();
            boolean stuck = shield.progress(p.x(), p.y());
            boolean recovering = recovery.next(stuck, p.x(), p.y(), wayToGoal(o, p));
            if (recovery.expired()) {
                shield.reset();
            }
            if (recovering) {
                localLogits(o);
                a = shield.choose(planLogits, 0, preference, SafetyShield.Sampling.REFUSED, memory, p.x(), p.y(),
                        p.yaw(), true);
            } else {
                a = shield.choose(logits, logitsAt, preference, SafetyShield.Sampling.REFUSED, memory, p.x(), p.y(),
                        p.yaw(), false);
            }
        } else {
            Pose2D p = o.odometry().pose();
            a = shield.choose(logits, logitsAt, preference, shieldSettings.sampling(), memory, p.x(), p.y(), p.yaw());
        }
        previous = a;
        return a;
    }

    /**
     * The robot's way to the goal: the route still ahead when it follows one, else the straight line from odometry.
     */
    private double wayToGoal(RobotObservation o, Pose2D p) {
        double left = route == null ? Double.NaN : route.remaining();
        return Double.isNaN(left) ? Math.hypot(o.goal().x() - p.x(), o.goal().y() - p.y()) : left;
    }

    /**
     * Whether the last {@link #decide} was the shield's planner recovery ({@link SafetyShield.Sampling#PLANNER}: the
     * robot was stuck and the local planner chose); false for any other setting.
     */
    public boolean recovering() {
        return recovery.recovering();
    }

    /**
     * The classical baseline's decision for {@code o}, with no network: the same route (static map and obstacle
     * layer, from odometry), obstacle memory (the depth camera's points placed by odometry), safety shield and action
     * choice as {@link #decide}, but the preference over actions comes from a {@link LocalPlanner} scoring each
     * command's arc against the route's look-ahead point and the remembered obstacles instead of from the network's
     * logits. Needs a shield on the camera's depth.
     */
    public int plan(RobotObservation o) {
        if (!cameraDepth) {
            throw new IllegalStateException("the local planner needs a shield on the depth camera");
        }
        if (planState == null) {
            planState = new float[spec.stateSize()];
        }
        state(o, planState, 0);
        localLogits(o);
        Pose2D p = o.odometry().pose();
        shield.movers(movers, o.odometry().stampNanos());
        int a = shield.choose(planLogits, 0, preference, shieldSettings.sampling(), memory, p.x(), p.y(), p.yaw());
        previous = a;
        return a;
    }

    /**
     * The {@link LocalPlanner}'s logits for {@code o} into {@link #planLogits}: the memory takes in the frame first, the
     * target is the route's look-ahead point (pulled in until the straight line to it keeps clear of what the camera
     * showed) or the goal. Scored once per observation: the planner's inputs and a recovery in the same decision read
     * the same logits.
     */
    private void localLogits(RobotObservation o) {
        if (o == scored) {
            return;
        }
        if (local == null) {
            local = new LocalPlanner(robot);
            planLogits = new float[spec.actions()];
            planXs = new double[memory.capacity()];
            planYs = new double[memory.capacity()];
        }
        observe(o, null, 0);
        Pose2D p = o.odometry().pose();
        int count = memory.near(p.x(), p.y(), local.reach(), planXs, planYs);
        double tx = o.goal().x();
        double ty = o.goal().y();
        if (route != null) {
            // The farthest point up to the look-ahead distance that the robot can reach in a straight line with a
            // little clearance from what the camera has shown.
            for (double l = spec.routeLookahead(); ; l -= 0.1) {
                double ahead = Math.max(l, 0.12);
                if (!route.target(ahead, target)) {
                    break;
                }
                tx = target[0];
                ty = target[1];
                if (ahead <= 0.12 || local.lineClear(p.x(), p.y(), tx, ty, planXs, planYs, count, 0.03)) {
                    break;
                }
            }
        }
        local.score(p.x(), p.y(), p.yaw(), o.odometry().angular(), tx, ty, o.goal().x(), o.goal().y(), planXs, planYs,
                count, planLogits, 0);
        scored = o;
    }

    /**
     * The network's planner inputs ({@link NetworkSpec#plannerInputs}): the {@link LocalPlanner}'s logits scaled back
     * to metres of cost above the best action's, negated and clipped at -1 (a refused arc reads -1), one per action.
     */
    private void plannerPreference(RobotObservation o, float[] out, int at) {
        localLogits(o);
        for (int a = 0; a < spec.actions(); a++) {
            out[at + a] = (float) Math.max(-1.0, planLogits[a] / LocalPlanner.LOGIT_SCALE);
        }
    }

    /** Records that action {@code a} was executed (when the caller chose it instead of {@link #decide}). */
    public void executed(int a) {
        if (a < 0 || a >= spec.actions()) {
            throw new IllegalArgumentException("action must be in 0.." + (spec.actions() - 1) + ", got " + a);
        }
        previous = a;
    }

    /**
     * The obstacle profile of {@code o}'s depth image in the camera strips, computed once per depth image (or taken from
     * {@link #prepareDepth}).
     */
    private float[] profile(RobotObservation o) {
        profile(o.depth().get(), o.camera());
        return profile;
    }

    private void profile(RobotObservation.DepthImage depth, CameraModel camera) {
        if (depth != profiledDepth || !camera.equals(profiledCamera)) {
            // Forgotten first: should profiling throw, nothing half-written passes for this image's profile.
            profiledDepth = null;
            obstacles.profile(depth, camera, cameraStrips, Features.MAX_DEPTH, profile, 0);
            profiledDepth = depth;
            profiledCamera = camera;
        }
    }

    /**
     * Takes the obstacle profile of a depth image made elsewhere, before the observation that will carry it: a robot
     * whose depth image arrives ahead of its colour image (an RGB-D driver publishes both for one instant) profiles it
     * on the thread that received it ({@link DepthObstacles#snapshot} with {@link #depthStrips()} strips and
     * {@link Features#MAX_DEPTH}), while the colour image is still on its way, and the decision on an observation with
     * this very depth image (the same object) and an equal camera reads the result instead of computing it. The
     * decision is the same either way; an observation with any other depth image is profiled as before.
     *
     * @param depth    the depth image a coming observation will carry
     * @param camera   the camera that observation will carry
     * @param profiled {@code depth}'s profile in that camera
     * @throws IllegalArgumentException when the profile has other strips or another depth range than this policy's
     */
    public void prepareDepth(RobotObservation.DepthImage depth, CameraModel camera, DepthObstacles.Snapshot profiled) {
        if (profiled.strips() != cameraStrips || profiled.maxDepth() != Features.MAX_DEPTH) {
            throw new IllegalArgumentException("a depth profile of " + profiled.strips() + " strips up to "
                    + profiled.maxDepth() + " m; this policy reads " + cameraStrips + " strips up to "
                    + Features.MAX_DEPTH + " m");
        }
        profiledDepth = null;
        obstacles.restore(profiled);
        profiled.profile(profile, 0);
        profiledDepth = Objects.requireNonNull(depth, "depth");
        profiledCamera = Objects.requireNonNull(camera, "camera");
    }

    /** The strips of the camera's depth profile this policy reads ({@link #prepareDepth}). */
    public int depthStrips() {
        return cameraStrips;
    }

    /**
     * Whether this policy reads the camera's depth profile ({@link #prepareDepth} is worth calling): its shield's memory
     * is fed from the depth camera, or its route avoids what the depth camera showed.
     */
    public boolean readsDepthProfile() {
        return (memory != null && cameraDepth && memory.strips() == cameraStrips) || (route != null && route.layered());
    }

    /** The bearing the last {@link #prepare} steered by, radians in base_link. */
    public double bearing() {
        return bearing;
    }

    /** The route the policy follows in the map frame (x, y pairs), or null (mapless, or before the first plan). */
    public double[] route() {
        return route == null ? null : route.route();
    }

    static int argmax(float[] logits, int at, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (logits[at + i] > logits[at + best]) {
                best = i;
            }
        }
        return best;
    }

    /** A policy with its own network compiled for one robot: {@link #act} is a whole decision. */
    public static final class Runner {
        private final RobotPolicy policy;
        private final dev.wayfinder.robot.net.InferencePolicy net;

        /** Runs {@code policy} on {@code net} (compiled for batch 1, of the policy's shape). */
        public Runner(RobotPolicy policy, dev.wayfinder.robot.net.InferencePolicy net) {
            if (net.batch() != 1 || !net.spec().equals(policy.spec())) {
                throw new IllegalArgumentException("a runner needs the policy's network compiled for batch 1");
            }
            this.policy = policy;
            this.net = net;
        }

        /** The decision for {@code o}. */
        public int act(RobotObservation o) {
            policy.prepare(o, net.images(), 0, net.states(), 0);
            net.run();
            policy.advance(net.hidden(), 0);
            float[] predicted = net.depthProfile();
            return policy.decide(o, net.logits(), 0, predicted.length == 0 ? null : predicted, 0);
        }

        /** The robot-side policy. */
        public RobotPolicy policy() {
            return policy;
        }
    }
}
