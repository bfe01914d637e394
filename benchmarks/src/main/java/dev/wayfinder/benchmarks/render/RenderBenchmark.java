package dev.wayfinder.benchmarks.render;

import dev.wayfinder.render.CameraStream;
import dev.wayfinder.render.ObjectPoses;
import dev.wayfinder.render.RenderScene;
import dev.wayfinder.render.Renderer;
import dev.wayfinder.render.bench.BenchEpisodes;
import dev.wayfinder.scenarios.model.CameraEffects;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.camera.CameraFrame;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Robot camera frames per second (render plus read-back) on the cluttered room, one thread, one renderer
 * per benchmark thread; and 16 views rendered separately against 16 atlas tiles. Run with
 * {@code LP_NUM_THREADS=0} for single-thread llvmpipe numbers:
 * {@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar RenderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class RenderBenchmark {
    private static final int VIEWS = 16;

    @Param({"64x64", "128x128", "640x480"})
    public String size;

    @Param({"rgb", "rgb+depth+seg"})
    public String outputs;

    private Renderer renderer;
    private RenderScene scene;
    private ObjectPoses poses;
    private CameraStream stream;
    private CameraFrame frame;
    private RenderScene[] scenes;
    private ObjectPoses[] viewPoses;
    private CameraStream[] viewStreams;
    private CameraFrame[] views;
    private int tick;

    @Setup(Level.Trial)
    public void setUp() {
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        boolean all = outputs.contains("depth");
        Episode e = BenchEpisodes.clutteredRoom(w, h);
        renderer = Renderer.create();
        scene = RenderScene.of(e);
        poses = ObjectPoses.initial(e);
        stream = new CameraStream(e.robot().camera(), CameraEffects.NOMINAL, 0, all, all);
        frame = stream.newFrame();
        scenes = new RenderScene[VIEWS];
        viewPoses = new ObjectPoses[VIEWS];
        viewStreams = new CameraStream[VIEWS];
        views = new CameraFrame[VIEWS];
        for (int i = 0; i < VIEWS; i++) {
            scenes[i] = scene;
            viewPoses[i] = ObjectPoses.initial(e);
            viewPoses[i].setRobot(-3 + 0.3 * i, 0.2 * (i % 5) - 0.4, 0.4 * i);
            viewStreams[i] = new CameraStream(e.robot().camera(), CameraEffects.NOMINAL, 0, all, all);
            views[i] = viewStreams[i].newFrame();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        renderer.close();
    }

    /** One camera frame as the robot drives along. */
    @Benchmark
    public CameraFrame cameraFrame() {
        double a = (tick++ & 1023) * 0.01;
        poses.setRobot(-3 + Math.sin(a), 0.5 * Math.cos(a), a);
        renderer.renderCamera(scene, poses, stream, frame);
        return frame;
    }

    /** 16 views, each its own render and read-back. */
    @Benchmark
    @OperationsPerInvocation(VIEWS)
    public CameraFrame[] separateViews() {
        for (int i = 0; i < VIEWS; i++) {
            renderer.renderCamera(scenes[i], viewPoses[i], viewStreams[i], views[i]);
        }
        return views;
    }

    /** The same 16 views as tiles of one atlas with one read-back. */
    @Benchmark
    @OperationsPerInvocation(VIEWS)
    public CameraFrame[] atlasViews() {
        renderer.renderCameraAtlas(scenes, viewPoses, viewStreams, views);
        return views;
    }
}
