package dev.wayfinder.benchmarks.ros;

import dev.wayfinder.deploy.DeployModel;
import dev.wayfinder.robot.CameraModel;
import dev.wayfinder.robot.Pose2D;
import dev.wayfinder.robot.RobotObservation;
import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.Features;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.robot.perception.DepthObstacles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One decision of the deploy node's policy thread on a robot's camera, without the transport: the shipped model
 * (models/cluttered-room-rgbd-map: 64x64 RGB-D network, safety shield on the depth camera, route on the depth
 * obstacle layer) on a {@code size} RGB image with a registered depth image of a room (floor, a wall 3 m ahead, a box
 * 1.2 m ahead on the left, 2 % invalid pixels), the robot creeping forward so the route and memory stay live:
 * <ul>
 *   <li>{@code decide}: {@code RobotPolicy.Runner.act}, the whole decision (image resize, depth obstacles, route,
 *       network, memory, shield);</li>
 *   <li>{@code depthObstacles}: the depth image's obstacle profile alone (at 640x480 read in 4x4 blocks);</li>
 *   <li>{@code imageFeatures}: the RGB image resized into the network's input alone.</li>
 * </ul>
 * Run from the repository root: {@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar DeployDecision}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class DeployDecisionBenchmark {
    @Param({"640x480", "64x64"})
    public String size;

    private DeployModel model;
    private RobotPolicy.Runner runner;
    private CameraModel camera;
    private byte[] rgb;
    private float[] depth;
    private final DepthObstacles obstacles = new DepthObstacles();
    private final float[] profile = new float[64];
    private float[] images;
    private int step;

    @Setup
    public void setUp() {
        Path dir = Path.of("models", "cluttered-room-rgbd-map");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("run from the repository root: " + dir.toAbsolutePath() + " is missing");
        }
        model = DeployModel.load(dir, null);
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        double f = w / 2.0 / Math.tan(Math.toRadians(35));
        camera = new CameraModel(w, h, f, f, w / 2.0, h / 2.0, 0.05, 0, 0.15, 0, Math.toRadians(10), 0);
        SplittableRandom rnd = new SplittableRandom(7);
        rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (byte) rnd.nextInt(256);
        }
        depth = dev.wayfinder.deploy.PolicyWarmup.room(camera, rnd);
        InferencePolicy net = new InferencePolicy(model.weights(), 1);
        runner = new RobotPolicy.Runner(new RobotPolicy(model.spec(), model.robot().description(),
                Optional.of(SafetyShield.Settings.DEFAULT), 1, Math.min(RobotPolicy.CAMERA_STRIPS, w),
                model.obstacleLayer()), net);
        images = new float[net.images().length];
    }

    private RobotObservation observation() {
        long stamp = step * 100_000_000L;
        Pose2D pose = new Pose2D(0.0005 * (step % 1000), 0, 0);
        step++;
        return new RobotObservation(new RobotObservation.RgbImage(camera.width(), camera.height(), rgb, stamp),
                camera, Optional.of(new RobotObservation.DepthImage(camera.width(), camera.height(), depth, stamp)),
                new RobotObservation.Odometry(pose, 0.05, 0, stamp), Optional.empty(), new RobotObservation.Goal(5, 0),
                Optional.empty());
    }

    @Benchmark
    public int decide() {
        return runner.act(observation());
    }

    @Benchmark
    public float[] depthObstacles() {
        obstacles.profile(new RobotObservation.DepthImage(camera.width(), camera.height(), depth, 0), camera,
                Math.min(64, camera.width()), Features.MAX_DEPTH, profile, 0);
        return profile;
    }

    @Benchmark
    public float[] imageFeatures() {
        Features.image(model.spec(), rgb, camera.width(), camera.height(), images, 0);
        return images;
    }
}
