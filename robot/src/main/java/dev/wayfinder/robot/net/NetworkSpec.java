package dev.wayfinder.robot.net;

import java.util.List;
import java.util.Objects;

/**
 * The shape of the policy network: an RGB image through {@code convChannels.size()} 3x3 stride-2 convolutions
 * (padding 1, ReLU), flattened and concatenated with the state vector (goal features and the previous action),
 * then one hidden dense layer (ReLU) and a dense layer giving one logit per discrete action. A recurrent network
 * ({@code recurrentUnits} above 0) puts a GRU cell between the two: its input is the hidden layer's output, its
 * previous hidden state h the last {@code recurrentUnits} floats of the state vector ({@link #hiddenOffset()}), and
 * the logits are computed from its new hidden state h', which the network also outputs so the caller can hand it
 * back with the next step's state.
 *
 * @param width        image width in pixels, divisible by 2^(number of convolutions), 8..512
 * @param height       image height in pixels, same constraint
 * @param convChannels output channels of each convolution, 1..6 layers, each 1..256
 * @param hidden       units of the hidden dense layer, 1..4096
 * @param actions      number of discrete actions (logits), 2..64
 * @param routeLookahead what the bearing input points at: 0 for the goal itself (the goal vector from odometry);
 *                     above 0, the point this many metres ahead along a global path to the goal planned on the map
 *                     (the route a map-based global planner gives a local controller), 0..5 metres
 * @param memorySectors obstacle-memory inputs in the state vector, 0..32: 0 for none; above 0, the nearest
 *                     obstacle remembered in each of this many equal sectors all round the robot
 *                     ({@link ObstacleMemory}: what the camera showed over the last seconds, carried along by
 *                     odometry)
 * @param recurrentUnits units of the GRU cell, 0..{@value #MAX_RECURRENT_UNITS}: 0 for a feed-forward network (the
 *                     default)
 * @param plannerInputs whether the state vector also carries the classical local planner's preference over the
 *                     actions ({@link #actions} floats at {@link #plannerOffset()}: each action's cost above the best
 *                     one's in metres, negated and clipped to -1; see
 *                     {@link dev.wayfinder.robot.route.LocalPlanner}), computed on the robot from the route, odometry
 *                     and the depth camera's obstacle points, so the network learns where to follow it and where not
 */
public record NetworkSpec(int width, int height, List<Integer> convChannels, int hidden, int actions,
                          double routeLookahead, int memorySectors, int recurrentUnits, boolean plannerInputs) {
    /** Input channels of the image (RGB). */
    public static final int IMAGE_CHANNELS = 3;
    /** Goal features in the state vector: clipped distance, sin and cos of the bearing. */
    public static final int GOAL_FEATURES = 3;

    /**
     * Auxiliary training targets stored with each sample (not network inputs): the distance to the nearest wall or
     * obstacle seen in each of this many vertical strips of the image, see {@link dev.wayfinder.robot.perception.DepthObstacles}.
     */
    public static final int AUX_TARGETS = 8;

    /**
     * 64x64, convolutions 16-32-32-32, hidden 128, six actions, bearing input 0.8 m ahead along the planned route
     * (the measured configuration; {@code withRouteLookahead(0)} for a mapless policy that sees the goal bearing).
     */
    public static final NetworkSpec DEFAULT = new NetworkSpec(64, 64, List.of(16, 32, 32, 32), 128, 6, 0.8);

    public NetworkSpec {
        convChannels = List.copyOf(Objects.requireNonNull(convChannels, "convChannels"));
        if (convChannels.isEmpty() || convChannels.size() > 6) {
            throw new IllegalArgumentException("need 1..6 convolutions, got " + convChannels.size());
        }
        for (int c : convChannels) {
            if (c < 1 || c > 256) {
                throw new IllegalArgumentException("conv channels must be in 1..256, got " + convChannels);
            }
        }
        int div = 1 << convChannels.size();
        if (width < 8 || width > 512 || height < 8 || height > 512 || width % div != 0 || height % div != 0) {
            throw new IllegalArgumentException("image " + width + "x" + height + " must be 8..512 pixels a side and "
                    + "divisible by " + div + " for " + convChannels.size() + " stride-2 convolutions");
        }
        if (hidden < 1 || hidden > 4096) {
            throw new IllegalArgumentException("hidden units must be in 1..4096, got " + hidden);
        }
        if (actions < 2 || actions > 64) {
            throw new IllegalArgumentException("actions must be in 2..64, got " + actions);
        }
        if (!(routeLookahead >= 0 && routeLookahead <= 5)) {
            throw new IllegalArgumentException("route look-ahead must be in 0..5 metres, got " + routeLookahead);
        }
        if (memorySectors < 0 || memorySectors > MAX_MEMORY_SECTORS) {
            throw new IllegalArgumentException("memory sectors must be in 0.." + MAX_MEMORY_SECTORS + ", got "
                    + memorySectors);
        }
        if (recurrentUnits < 0 || recurrentUnits > MAX_RECURRENT_UNITS) {
            throw new IllegalArgumentException("recurrent units must be in 0.." + MAX_RECURRENT_UNITS + ", got "
                    + recurrentUnits);
        }
    }

    /** Most obstacle-memory sectors. */
    public static final int MAX_MEMORY_SECTORS = 32;
    /** Most units of the recurrent cell. */
    public static final int MAX_RECURRENT_UNITS = 512;

    /** A network without the local planner's preference as input. */
    public NetworkSpec(int width, int height, List<Integer> convChannels, int hidden, int actions,
                       double routeLookahead, int memorySectors, int recurrentUnits) {
        this(width, height, convChannels, hidden, actions, routeLookahead, memorySectors, recurrentUnits, false);
    }

    /** A feed-forward network. */
    public NetworkSpec(int width, int height, List<Integer> convChannels, int hidden, int actions,
                       double routeLookahead, int memorySectors) {
        this(width, height, convChannels, hidden, actions, routeLookahead, memorySectors, 0);
    }

    /** A network without obstacle memory. */
    public NetworkSpec(int width, int height, List<Integer> convChannels, int hidden, int actions,
                       double routeLookahead) {
        this(width, height, convChannels, hidden, actions, routeLookahead, 0, 0);
    }

    /** A network whose bearing input points at the goal itself. */
    public NetworkSpec(int width, int height, List<Integer> convChannels, int hidden, int actions) {
        this(width, height, convChannels, hidden, actions, 0, 0, 0);
    }

    /** A copy whose bearing input follows a route {@code metres} ahead (0: the goal itself). */
    public NetworkSpec withRouteLookahead(double metres) {
        return new NetworkSpec(width, height, convChannels, hidden, actions, metres, memorySectors, recurrentUnits,
                plannerInputs);
    }

    /** A copy with {@code sectors} obstacle-memory inputs (0: none). */
    public NetworkSpec withMemorySectors(int sectors) {
        return new NetworkSpec(width, height, convChannels, hidden, actions, routeLookahead, sectors, recurrentUnits,
                plannerInputs);
    }

    /** A copy with a GRU cell of {@code units} (0: feed-forward). */
    public NetworkSpec withRecurrentUnits(int units) {
        return new NetworkSpec(width, height, convChannels, hidden, actions, routeLookahead, memorySectors, units,
                plannerInputs);
    }

    /** A copy with (or without) the local planner's preference as input. */
    public NetworkSpec withPlannerInputs(boolean on) {
        return new NetworkSpec(width, height, convChannels, hidden, actions, routeLookahead, memorySectors,
                recurrentUnits, on);
    }

    /**
     * Where the local planner's preference starts in the state vector ({@link #plannerInputs}), after the obstacle
     * memory; {@link #hiddenOffset()} when the network has none.
     */
    public int plannerOffset() {
        return memoryOffset() + memorySectors;
    }

    /** Whether the network carries a hidden state from step to step ({@link #recurrentUnits} above 0). */
    public boolean recurrent() {
        return recurrentUnits > 0;
    }

    /**
     * Where the recurrent hidden state h (the previous step's h', zeros at an episode's start) starts in the state
     * vector: after the goal features, the previous action, the obstacle memory and the planner's preference; the
     * state's last {@link #recurrentUnits} floats. Equal to {@link #stateSize()} for a feed-forward network.
     */
    public int hiddenOffset() {
        return plannerOffset() + (plannerInputs ? actions : 0);
    }

    /** Length of the state vector without the hidden state: what the hidden dense layer reads from it. */
    public int inputStateSize() {
        return hiddenOffset();
    }

    /** Where the obstacle-memory inputs start in the state vector, after the goal features and previous action. */
    public int memoryOffset() {
        return GOAL_FEATURES + actions;
    }

    /** Whether the bearing input follows a planned route ({@link #routeLookahead} above 0). */
    public boolean followsRoute() {
        return routeLookahead > 0;
    }

    /**
     * Length of the state vector: goal features, a one-hot previous action, the obstacle memory, the local planner's
     * preference, then the recurrent hidden state.
     */
    public int stateSize() {
        return hiddenOffset() + recurrentUnits;
    }

    /**
     * Floats stored per dataset sample: the state vector (for a recurrent network with the hidden state as it was
     * when the sample was collected), then the {@link #AUX_TARGETS} auxiliary targets, then the expert's cost of each
     * action (the policy module's training targets), and for a recurrent network one more: the sequence link
     * ({@link #linkOffset()}).
     */
    public int sampleFloats() {
        return linkOffset() + (recurrent() ? 1 : 0);
    }

    /**
     * Where a recurrent network's dataset sample holds its sequence link: how many samples earlier in the dataset the
     * same robot's previous sample of the same episode lies, 0 at an episode's start (a small whole number, exact as
     * a float). Equal to {@link #sampleFloats()} for a feed-forward network, whose samples have none.
     */
    public int linkOffset() {
        return costsOffset() + actions;
    }

    /** Where a dataset sample's expert action costs start, after the state and the auxiliary targets. */
    public int costsOffset() {
        return stateSize() + AUX_TARGETS;
    }

    /** Floats of one image, channels x height x width. */
    public int imageSize() {
        return IMAGE_CHANNELS * width * height;
    }

    /** Side of the last feature map along x. */
    public int featureWidth() {
        return width >> convChannels.size();
    }

    /** Side of the last feature map along y. */
    public int featureHeight() {
        return height >> convChannels.size();
    }

    /** Length of the flattened image features. */
    public int flatFeatures() {
        return convChannels.get(convChannels.size() - 1) * featureWidth() * featureHeight();
    }

    /** Input channels of convolution {@code i}. */
    public int convIn(int i) {
        return i == 0 ? IMAGE_CHANNELS : convChannels.get(i - 1);
    }
}
