package dev.wayfinder.sim.env;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Steps N envs together on a worker pool, resetting each env automatically when its episode ends. Env
 * {@code i}'s k-th episode gets seed {@link #seedFor(long, int, long) seedFor(base, i, k)}, so results do not
 * depend on the number of threads or on scheduling. Driven by one thread at a time; {@link #close()} closes
 * the envs and stops the pool.
 *
 * <p>A {@link Seeds} schedule can replace the default seeding (a held-out split's seeds, a fixed quota of
 * episodes): an env whose schedule has no more seeds goes idle, and a draw its {@link EpisodeSource} reports as
 * {@linkplain EpisodeSource.Unavailable unavailable} (no solvable layout for that seed) is skipped for the env's next
 * seed, at most {@link #MAX_SKIPPED_DRAWS} in a row. A {@code null} action holds an env for one step (it is not
 * stepped), so a caller with a step budget can stop part-way through a batch.
 *
 * <p>Each worker thread owns a fixed slice of the envs and is the only thread that resets and steps them:
 * JBullet binds its object pools to the thread that builds a dynamics world, so a world must not be stepped
 * by two threads at once through a shared pool.
 */
public final class VectorEnv implements AutoCloseable {
    /** Consecutive unavailable draws after which an env goes idle. */
    public static final int MAX_SKIPPED_DRAWS = 20;

    /** Which seed each env's episodes get. Must be a pure function; called on worker threads. */
    @FunctionalInterface
    public interface Seeds {
        /**
         * The reset seed of env {@code env}'s draw number {@code draw} (0, 1, ...; skipped draws count), or empty when
         * the env has no more episodes (it goes idle).
         */
        OptionalLong seed(int env, long draw);

        /** The default schedule: {@link #seedFor(long, int, long) seedFor(base, env, draw)}, without end. */
        static Seeds of(long base) {
            return (env, draw) -> OptionalLong.of(seedFor(base, env, draw));
        }
    }

    private final List<Env> envs;
    private final List<ExecutorService> workers = new ArrayList<>();
    private final List<Callable<Void>> chunks = new ArrayList<>();
    private final List<Callable<Void>> resets = new ArrayList<>();
    private final List<Future<Void>> inFlight = new ArrayList<>();
    private final long[] draws;
    private final VectorStep out;
    private Action[] pending;
    private Seeds seeds;
    private boolean started;

    /**
     * @param envs    the envs (at least one), all with equal spaces; owned by this VectorEnv from now on
     * @param threads worker threads, 1..envs.size(); 1 steps on the calling thread
     */
    public VectorEnv(List<? extends Env> envs, int threads) {
        this(envs, threads, true);
    }

    /**
     * @param envs               the envs (at least one), all with equal action spaces; owned by this VectorEnv
     * @param threads            worker threads, 1..envs.size(); 1 steps on the calling thread
     * @param sameObservations   whether the observation spaces must be equal too (Gymnasium's contract); false lets
     *                           envs of different scenarios (cameras, lidars) be stepped together, and then
     *                           {@link #observationSpace()} is env 0's
     */
    public VectorEnv(List<? extends Env> envs, int threads, boolean sameObservations) {
        Objects.requireNonNull(envs, "envs");
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("a vector env needs at least one env");
        }
        if (threads < 1 || threads > envs.size()) {
            throw new IllegalArgumentException("threads must be in 1.." + envs.size() + ", got " + threads);
        }
        this.envs = List.copyOf(envs);
        for (Env e : this.envs) {
            if (!e.actionSpace().equals(this.envs.get(0).actionSpace())
                    || sameObservations && !e.observationSpace().equals(this.envs.get(0).observationSpace())) {
                throw new IllegalArgumentException("all envs need the same " + (sameObservations ? "spaces"
                        : "action space"));
            }
        }
        this.draws = new long[envs.size()];
        this.out = new VectorStep(envs.size());
        int n = envs.size();
        for (int c = 0; c < threads; c++) {
            int from = c * n / threads;
            int to = (c + 1) * n / threads;
            chunks.add(() -> {
                for (int i = from; i < to; i++) {
                    stepOne(i);
                }
                return null;
            });
            resets.add(() -> {
                for (int i = from; i < to; i++) {
                    resetOne(i);
                }
                return null;
            });
            if (threads > 1) {
                int id = c;
                workers.add(Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "vector-env-worker-" + id);
                    t.setDaemon(true);
                    return t;
                }));
            }
        }
    }

    /** Seed of env {@code env}'s episode number {@code episode} under base seed {@code base}. */
    public static long seedFor(long base, int env, long episode) {
        long z = base + 0x9E3779B97F4A7C15L * (env + 1) + 0xBF58476D1CE4E5B9L * (episode + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Number of envs. */
    public int size() {
        return envs.size();
    }

    /** The observation space shared by the envs. */
    public DictSpace observationSpace() {
        return envs.get(0).observationSpace();
    }

    /** The action space shared by the envs. */
    public Space actionSpace() {
        return envs.get(0).actionSpace();
    }

    /** Env {@code i} (read-only use between steps). */
    public Env env(int i) {
        return envs.get(i);
    }

    /** Resets every env (episode 0 under {@code seed}); returns the live result buffer. */
    public VectorStep reset(long seed) {
        return reset(Seeds.of(seed));
    }

    /** Resets every env to the first available draw of {@code schedule}; returns the live result buffer. */
    public VectorStep reset(Seeds schedule) {
        seeds = Objects.requireNonNull(schedule, "schedule");
        java.util.Arrays.fill(draws, 0);
        runAll(resets);
        started = true;
        return out;
    }

    /** Seeds env {@code i} has drawn since the last {@link #reset}, skipped ones included. */
    public long draws(int i) {
        return draws[i];
    }

    private void resetOne(int i) {
        out.hasFinal[i] = false;
        out.stepped[i] = false;
        out.rewards[i] = 0;
        out.terminated[i] = false;
        out.truncated[i] = false;
        startNext(i);
    }

    /** Starts env {@code i}'s next available episode, or makes it idle; the observation goes to the buffer. */
    private void startNext(int i) {
        for (int skipped = 0; skipped < MAX_SKIPPED_DRAWS; skipped++) {
            OptionalLong seed = seeds.seed(i, draws[i]);
            if (seed.isEmpty()) {
                break;
            }
            draws[i]++;
            try {
                ResetResult r = envs.get(i).reset(seed.getAsLong());
                out.observations[i] = r.observation();
                out.active[i] = true;
                if (!out.hasFinal[i]) {
                    copyInfo(r.info(), out.infos[i]);
                }
                return;
            } catch (EpisodeSource.Unavailable e) {
                // No episode for this seed (e.g. no solvable layout): the env's next seed is tried.
            }
        }
        out.active[i] = false;
        out.observations[i] = null;
    }

    private void runAll(List<Callable<Void>> tasks) {
        if (workers.isEmpty()) {
            try {
                tasks.get(0).call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        inFlight.clear();
        for (int c = 0; c < tasks.size(); c++) {
            inFlight.add(workers.get(c).submit(tasks.get(c)));
        }
        RuntimeException failure = null;
        for (Future<Void> f : inFlight) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while stepping", e);
            } catch (ExecutionException e) {
                failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Steps env {@code i} with {@code actions[i]}, auto-resetting ended episodes. Idle envs are not stepped (their
     * action is ignored), nor are envs whose action is {@code null}.
     *
     * @throws IllegalStateException    before {@link #reset(long)}
     * @throws IllegalArgumentException if the number of actions differs from {@link #size()}
     */
    public VectorStep step(Action[] actions) {
        if (!started) {
            throw new IllegalStateException("call reset(seed) first");
        }
        if (actions.length != envs.size()) {
            throw new IllegalArgumentException("need " + envs.size() + " actions, got " + actions.length);
        }
        pending = actions;
        runAll(chunks);
        return out;
    }

    private void stepOne(int i) {
        out.hasFinal[i] = false;
        out.stepped[i] = out.active[i] && pending[i] != null;
        if (!out.stepped[i]) {
            return;
        }
        Env env = envs.get(i);
        StepResult r = env.step(pending[i]);
        out.rewards[i] = r.reward();
        out.terminated[i] = r.terminated();
        out.truncated[i] = r.truncated();
        copyInfo(r.info(), out.infos[i]);
        if (r.done()) {
            if (out.finals[i] == null) {
                out.finals[i] = r.observation().copy();
            } else {
                r.observation().copyInto(out.finals[i]);
            }
            out.hasFinal[i] = true;
            startNext(i);
        } else {
            out.observations[i] = r.observation();
        }
    }

    private static void copyInfo(StepInfo from, StepInfo to) {
        to.seed = from.seed;
        to.steps = from.steps;
        to.timeNanos = from.timeNanos;
        to.success = from.success;
        to.collision = from.collision;
        to.collidedWith = from.collidedWith;
        to.truncation = from.truncation;
        to.trueX = from.trueX;
        to.trueY = from.trueY;
        to.trueYaw = from.trueYaw;
        to.distanceToGoal = from.distanceToGoal;
        to.pathLength = from.pathLength;
        to.odomErrorMetres = from.odomErrorMetres;
    }

    @Override
    public void close() {
        for (ExecutorService w : workers) {
            w.shutdownNow();
        }
        for (Env e : envs) {
            e.close();
        }
    }
}
