package dev.wayfinder.benchmarks.sim;

import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.bench.SimWorkload;
import dev.wayfinder.sim.core.Physics;
import dev.wayfinder.sim.core.SimState;
import dev.wayfinder.sim.core.World;
import dev.wayfinder.sim.core.WorldCompiler;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.EpisodeSource;
import dev.wayfinder.sim.env.NavEnv;
import dev.wayfinder.sim.env.VectorEnv;
import java.util.ArrayList;
import java.util.List;
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
 * Simulator throughput on a bundled scenario's nominal episode (default cluttered-room), camera off, driving
 * the expert's recorded action sequence in a loop:
 * <ul>
 *   <li>{@code envStep}: control steps/s through the Env (physics, sensors, observation, reward), one thread;</li>
 *   <li>{@code physicsStep}: one control step of physics and sensors alone; divide by
 *       {@link World#substeps()} (12 at 10 Hz) for time per substep;</li>
 *   <li>{@code vectorEnvStep}: control steps/s of a VectorEnv of 8 envs on 2 worker threads.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/wayfinder-benchmarks-jmh.jar SimStepBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SimStepBenchmark {
    private static final int VECTOR_ENVS = 8;

    /** Per-thread env stepping. */
    @State(Scope.Thread)
    public static class EnvState {
        @Param({"cluttered-room"})
        public String scenario;
        SimWorkload workload;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            workload = new SimWorkload(Episode.nominal(ScenarioLibrary.load(scenario)));
        }
    }

    /** Physics alone. */
    @State(Scope.Thread)
    public static class PhysicsState {
        @Param({"cluttered-room"})
        public String scenario;
        World world;
        SimState state;
        double[] v;
        double[] w;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Episode e = Episode.nominal(ScenarioLibrary.load(scenario));
            world = WorldCompiler.compile(e);
            state = new SimState(world);
            SimWorkload sw = new SimWorkload(e);
            int n = sw.length();
            v = new double[n];
            w = new double[n];
            // The expert's sequence, as (v, omega) commands.
            var cfg = EnvConfig.DISCRETE;
            for (int i = 0; i < n; i++) {
                Action a = sw.action(i);
                var entry = cfg.actions().get(((Action.Discrete) a).index());
                v[i] = entry.linear() * world.robot().maxLinearSpeed();
                w[i] = entry.angular() * world.robot().maxAngularSpeed();
            }
        }
    }

    /** A VectorEnv of 8 envs on 2 worker threads. */
    @State(Scope.Benchmark)
    public static class VectorState {
        @Param({"cluttered-room"})
        public String scenario;
        VectorEnv vector;
        Action[] batch = new Action[VECTOR_ENVS];
        SimWorkload sequence;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Episode e = Episode.nominal(ScenarioLibrary.load(scenario));
            sequence = new SimWorkload(e);
            List<Env> envs = new ArrayList<>();
            for (int i = 0; i < VECTOR_ENVS; i++) {
                envs.add(new NavEnv(EpisodeSource.fixed(e), EnvConfig.DISCRETE));
            }
            vector = new VectorEnv(envs, 2);
            vector.reset(0);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            vector.close();
        }
    }

    @Benchmark
    public double envStep(EnvState s) {
        return s.workload.step();
    }

    @Benchmark
    public double physicsStep(PhysicsState s) {
        if (s.next == s.v.length || s.state.halted()) {
            s.state.reset(0);
            s.next = 0;
        }
        Physics.step(s.world, s.state, s.v[s.next], s.w[s.next]);
        s.next++;
        return s.state.robotX();
    }

    @Benchmark
    @OperationsPerInvocation(VECTOR_ENVS)
    public double vectorEnvStep(VectorState s) {
        Action a = s.sequence.action(s.next++);
        for (int i = 0; i < VECTOR_ENVS; i++) {
            s.batch[i] = a;
        }
        return s.vector.step(s.batch).reward(0);
    }
}
