package dev.wayfinder.sim.core;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.scenarios.model.Robot;

import java.util.List;
import java.util.Optional;

/**
 * A compiled episode: immutable geometry and parameters (MuJoCo's mjModel). Made by
 * {@link WorldCompiler#compile}; every mutable quantity lives in a {@link SimState}. Immutable and
 * thread-safe: one World may serve many SimStates on many threads.
 *
 * <p>Bodies: index {@link #ROBOT} is the robot, index {@code 1 + i} is {@code episode().obstacles().get(i)}.
 * The floor and the four walls are not bodies; they are described by {@code episode().arena()} and carry the
 * segmentation ids {@link SegmentationIds#FLOOR} and {@link SegmentationIds#WALL}; body {@code b} has
 * {@link SegmentationIds#body}{@code (b)}.
 */
public final class World {
    /** Body index of the robot. */
    public static final int ROBOT = 0;
    /** Largest physics substep, seconds. */
    public static final double MAX_SUBSTEP = 1.0 / 120;

    private final Episode episode;
    private final List<Body> bodies;
    private final PatrolPath[] patrols;
    private final int substeps;
    private final double substepSeconds;
    private final long controlPeriodNanos;
    private final int latencySubsteps;
    private final int sensorLatencySubsteps;
    private final int cameraLatencySubsteps;
    private final long cameraLatencyNanos;
    private final int[] movingBodies;
    private final double[] staticSegments;
    private final double[] staticCircles;
    private final double robotRadius;
    private final double[] beamCos;
    private final double[] beamSin;

    World(Episode episode, List<Body> bodies, PatrolPath[] patrols, double[] staticSegments,
          double[] staticCircles) {
        this.episode = episode;
        this.bodies = List.copyOf(bodies);
        this.patrols = patrols.clone();
        this.controlPeriodNanos = episode.limits().controlPeriodNanos();
        double period = controlPeriodNanos * 1e-9;
        this.substeps = Math.max(1, (int) Math.ceil(period / MAX_SUBSTEP - 1e-9));
        this.substepSeconds = period / substeps;
        this.latencySubsteps = (int) Math.round(episode.dynamics().controlLatency() / substepSeconds);
        this.sensorLatencySubsteps = (int) Math.min(substeps - 1,
                Math.round(episode.dynamics().sensorLatency() / substepSeconds));
        this.cameraLatencySubsteps = (int) Math.round(episode.dynamics().cameraLatency() / substepSeconds);
        this.cameraLatencyNanos = Math.round(cameraLatencySubsteps * (controlPeriodNanos / (double) substeps));
        this.movingBodies = this.bodies.stream().filter(b -> b.kind() != BodyKind.STATIC).mapToInt(Body::index)
                .toArray();
        this.staticSegments = staticSegments.clone();
        this.staticCircles = staticCircles.clone();
        this.robotRadius = episode.robot().footprint().boundingRadius();
        var lidar = episode.robot().lidar();
        this.beamCos = new double[lidar.beams()];
        this.beamSin = new double[lidar.beams()];
        for (int i = 0; i < lidar.beams(); i++) {
            beamCos[i] = Math.cos(lidar.angle(i));
            beamSin[i] = Math.sin(lidar.angle(i));
        }
    }

    /** The episode this world was compiled from (arena, materials, lighting, robot, dynamics, goal). */
    public Episode episode() {
        return episode;
    }

    /** The robot's parameters. */
    public Robot robot() {
        return episode.robot();
    }

    /** All bodies, robot first; immutable. */
    public List<Body> bodies() {
        return bodies;
    }

    /** Number of bodies (robot included). */
    public int bodyCount() {
        return bodies.size();
    }

    /** The segmentation id of body {@code index}. */
    public int segmentationId(int index) {
        return bodies.get(index).segmentationId();
    }

    /** The patrol of body {@code index}, present exactly for moving obstacles. */
    public Optional<PatrolPath> patrol(int index) {
        return Optional.ofNullable(patrols[index]);
    }

    PatrolPath patrolOrNull(int index) {
        return patrols[index];
    }

    /** Physics substeps per control step, &gt;= 1. */
    public int substeps() {
        return substeps;
    }

    /** Length of one physics substep, seconds, &lt;= {@link #MAX_SUBSTEP}. */
    public double substepSeconds() {
        return substepSeconds;
    }

    /** Length of one control step, nanoseconds. */
    public long controlPeriodNanos() {
        return controlPeriodNanos;
    }

    /** Control latency rounded to whole substeps. */
    public int latencySubsteps() {
        return latencySubsteps;
    }

    /**
     * Sensor latency rounded to whole substeps: readings are sampled this many substeps before the end of a
     * control step. At most {@code substeps() - 1}: a latency of a whole control period or more is clamped.
     */
    public int sensorLatencySubsteps() {
        return sensorLatencySubsteps;
    }

    /**
     * Camera latency rounded to whole substeps: a frame delivered after a control step shows the bodies as
     * they were this many substeps before its end (possibly in earlier control steps). Not clamped.
     */
    public int cameraLatencySubsteps() {
        return cameraLatencySubsteps;
    }

    /** {@link #cameraLatencySubsteps()} in nanoseconds: how much older a delivered frame is than its delivery. */
    public long cameraLatencyNanos() {
        return cameraLatencyNanos;
    }

    /** Indices of the bodies that can move (the robot, pushable and moving obstacles), ascending. */
    int[] movingBodiesRef() {
        return movingBodies;
    }

    /** Radius of the circle enclosing the robot's footprint, metres. */
    public double robotRadius() {
        return robotRadius;
    }

    /** Number of static segments (walls and static boxes, four per box). */
    public int staticSegmentCount() {
        return staticSegments.length / 4;
    }

    /** Number of static circles (static cylinders). */
    public int staticCircleCount() {
        return staticCircles.length / 3;
    }

    double[] beamCosRef() {
        return beamCos;
    }

    double[] beamSinRef() {
        return beamSin;
    }

    double[] staticSegmentsRef() {
        return staticSegments;
    }

    double[] staticCirclesRef() {
        return staticCircles;
    }
}
