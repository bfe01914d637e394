package dev.wayfinder.studio.ros;

import dev.wayfinder.ros.QosProfile;
import dev.wayfinder.ros.msg.Bool;
import dev.wayfinder.ros.msg.StringMessage;
import dev.wayfinder.scenarios.io.ScenarioWriter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.StudioException;
import dev.wayfinder.studio.edit.ScenarioDocument;
import dev.wayfinder.studio.training.TrainLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The ROS 2 tab's state. While the tab is shown ({@link #start()} to {@link #stop()}) a node of its own joins the
 * chosen domain (a {@link GraphMonitor} on threads of its own) and the topic list, each published topic's measured
 * rate, the echo of the selected topic and the status of the simulator and the deploy node follow what it finds,
 * posted through the {@code fx} executor. Changing the domain leaves the old one at once (every subscription ends)
 * and joins the new one. The simulator ({@code wayfinder sim --ros}) and the deploy node ({@code wayfinder deploy})
 * run as child processes on the same domain; their status comes from their status topics, their output from their
 * pipes.
 *
 * <p>Methods are called on one thread (the FX thread in the studio).
 */
public final class RosModel implements AutoCloseable {
    /** Messages the echo keeps. */
    public static final int ECHO_MESSAGES = 50;
    /** Where {@code wayfinder sim --ros} publishes its episode status (JSON in a std_msgs/String, latched). */
    public static final String EPISODE_TOPIC = "/wayfinder/episode";
    /** The prefix of {@code wayfinder deploy}'s status topics (goal_reached, watchdog, action; latched). */
    public static final String DEPLOY_STATUS = "/wayfinder_deploy";
    static final String NOT_LISTENING = "not listening: the ROS 2 tab is not shown";

    private final ScenarioDocument doc;
    private final Map<String, String> env;
    private final Executor fx;
    private final LongSupplier clock;
    private final ChildProcessModel sim;
    private final ChildProcessModel deploy;

    private final ObjectProperty<RosNetwork> network = new SimpleObjectProperty<>(this, "network");
    private final StringProperty networkStatus = new SimpleStringProperty(this, "networkStatus", NOT_LISTENING);
    private final ObservableList<TopicRow> topics = FXCollections.observableArrayList();
    private final ObservableList<TopicRow> topicsView = FXCollections.unmodifiableObservableList(topics);
    private final StringProperty selected = new SimpleStringProperty(this, "selected");
    private final ObservableList<String> echo = FXCollections.observableArrayList();
    private final ObservableList<String> echoView = FXCollections.unmodifiableObservableList(echo);
    private final IntegerProperty echoed = new SimpleIntegerProperty(this, "echoed");
    private final StringProperty echoStatus = new SimpleStringProperty(this, "echoStatus", "select a topic to echo it");
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final StringProperty simStatus = new SimpleStringProperty(this, "simStatus", "");
    private final StringProperty deployStatus = new SimpleStringProperty(this, "deployStatus", "");
    private final ObjectProperty<Path> deployModel = new SimpleObjectProperty<>(this, "deployModel");
    private final BooleanProperty useSimTime = new SimpleBooleanProperty(this, "useSimTime", true);
    private final BooleanProperty measureRates = new SimpleBooleanProperty(this, "measureRates", true);

    private GraphMonitor monitor;
    /** The monitor whose findings are shown; bumped on every start, stop and echo change. */
    private long generation;
    /** Echoed messages waiting for the FX thread, newest last; guarded by itself. */
    private final ArrayDeque<String> echoPending = new ArrayDeque<>();
    private int echoPendingCount;
    private boolean echoPosted;
    private String deployWatchdog;
    private String deployAction;
    private Boolean deployReached;

    /**
     * @param doc          the scenario being edited: what the simulator runs
     * @param shippedModel the model the deploy node runs unless another is chosen
     * @param launcher     how {@code wayfinder} is started
     * @param workDir      the children's working folder
     * @param env          the ROS environment variables (the first domain and discovery range, static peers)
     * @param fx           where property changes are made (the FX thread)
     */
    public RosModel(ScenarioDocument doc, Optional<Path> shippedModel, TrainLauncher launcher, Path workDir,
                    Map<String, String> env, Executor fx) {
        this(doc, shippedModel, launcher, workDir, env, fx, System::nanoTime);
    }

    RosModel(ScenarioDocument doc, Optional<Path> shippedModel, TrainLauncher launcher, Path workDir,
             Map<String, String> env, Executor fx, LongSupplier clock) {
        this.doc = Objects.requireNonNull(doc, "doc");
        this.env = Map.copyOf(env);
        this.fx = Objects.requireNonNull(fx, "fx");
        this.clock = clock;
        network.set(RosNetwork.fromEnvironment(env));
        deployModel.set(shippedModel.orElse(null));
        sim = new ChildProcessModel("the simulator", launcher, workDir, fx);
        deploy = new ChildProcessModel("the deploy node", launcher, workDir, fx);
        resetStatus();
        measureRates.addListener((o, was, on) -> {
            if (monitor != null) {
                monitor.measureRates(on);
            }
        });
    }

    /**
     * How the studio starts {@code wayfinder}: the same build and JVM options as itself; when the JVM does not say
     * how it was started, a launcher that fails saying so.
     */
    public static TrainLauncher launcher() {
        return TrainLauncher.sameAsThisJvm().orElse((args, dir) -> {
            throw new IOException("this studio cannot tell how it was started (the JVM does not say), so it cannot"
                    + " start `wayfinder " + args.get(0) + "`; run it from a terminal");
        });
    }

    /** The domain and discovery range the tab's node and the children join. */
    public ReadOnlyObjectProperty<RosNetwork> networkProperty() {
        return network;
    }

    /** Where the node is: "domain 37, localhost only: 6 topics", not listening, or why it could not join. */
    public ReadOnlyStringProperty networkStatusProperty() {
        return networkStatus;
    }

    /** The topics seen, sorted by name, refreshed every second while listening. */
    public ObservableList<TopicRow> topics() {
        return topicsView;
    }

    /** The topic being echoed (null: none). */
    public ReadOnlyStringProperty selectedProperty() {
        return selected;
    }

    /** The echoed topic's last {@value #ECHO_MESSAGES} messages as YAML, oldest first. */
    public ObservableList<String> echo() {
        return echoView;
    }

    /** Messages of the echoed topic received since it was selected (those dropped while paused included). */
    public ReadOnlyIntegerProperty echoedProperty() {
        return echoed;
    }

    /** One line about the echo: what is echoed, or why nothing is. */
    public ReadOnlyStringProperty echoStatusProperty() {
        return echoStatus;
    }

    /** While true the echo keeps what it shows; messages arriving meanwhile are counted, not kept. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** The simulator's episode as its status topic last told it ("" when nothing has been heard). */
    public ReadOnlyStringProperty simStatusProperty() {
        return simStatus;
    }

    /** The deploy node's watchdog, action and goal as its status topics last told them. */
    public ReadOnlyStringProperty deployStatusProperty() {
        return deployStatus;
    }

    /** The model folder the deploy node runs (null: none chosen). */
    public ObjectProperty<Path> deployModelProperty() {
        return deployModel;
    }

    /**
     * Whether each published topic's rate is measured: that subscribes to every one of them, as {@code ros topic hz}
     * does to one, so a simulator renders its camera while the tab is shown. Off: no rates, no such subscriptions.
     */
    public BooleanProperty measureRatesProperty() {
        return measureRates;
    }

    /** Whether the deploy node runs on the simulator's /clock ({@code --use-sim-time}). */
    public BooleanProperty useSimTimeProperty() {
        return useSimTime;
    }

    /** The simulator child ({@code wayfinder sim --ros}). */
    public ChildProcessModel sim() {
        return sim;
    }

    /** The deploy node child ({@code wayfinder deploy}). */
    public ChildProcessModel deploy() {
        return deploy;
    }

    /** Whether the tab's node is on the network (or joining it). */
    public boolean listening() {
        return monitor != null;
    }

    /** Joins the network and starts following it; nothing when already listening. */
    public void start() {
        if (monitor != null) {
            return;
        }
        long gen = ++generation;
        RosNetwork n = network.get();
        networkStatus.set(n + ": joining");
        resetStatus();
        GraphMonitor.Listener l = listener(gen);
        monitor = new GraphMonitor(n.nodeOptions(env), n.toString(), List.of(
                new GraphMonitor.StatusTopic<>(EPISODE_TOPIC, StringMessage.TYPE, QosProfile.LATCHED),
                new GraphMonitor.StatusTopic<>(DEPLOY_STATUS + "/watchdog", StringMessage.TYPE, QosProfile.LATCHED),
                new GraphMonitor.StatusTopic<>(DEPLOY_STATUS + "/action", StringMessage.TYPE, QosProfile.LATCHED),
                new GraphMonitor.StatusTopic<>(DEPLOY_STATUS + "/goal_reached", Bool.TYPE, QosProfile.LATCHED)),
                measureRates.get(), l, clock);
        String topic = selected.get();
        if (topic != null) {
            // Echo again what was echoed before: once the topic's type is known.
            selected.set(null);
            select(topic);
        }
    }

    /** Leaves the network: the node, its subscriptions and the echo end; the children keep running. */
    public void stop() {
        if (monitor == null) {
            return;
        }
        monitor.close();
        monitor = null;
        generation++;
        topics.clear();
        networkStatus.set(NOT_LISTENING);
        echoStatus.set(selected.get() == null ? "select a topic to echo it" : "not echoing: not listening");
    }

    /**
     * Changes the domain and the discovery range; the node leaves the old domain and joins the new one.
     *
     * @throws StudioException while the simulator or the deploy node runs: they stay on the domain they started on
     */
    public void setNetwork(RosNetwork n) throws StudioException {
        Objects.requireNonNull(n, "network");
        if (n.equals(network.get())) {
            return;
        }
        if (sim.stateProperty().get().busy() || deploy.stateProperty().get().busy()) {
            throw new StudioException("the simulator or the deploy node runs on " + network.get()
                    + "; stop them before changing the domain");
        }
        network.set(n);
        if (monitor != null) {
            stop();
            start();
        }
    }

    /**
     * Echoes {@code topic} (null: nothing): the messages shown so far are cleared, and the echo follows the topic's
     * type as the list shows it.
     */
    public void select(String topic) {
        if (Objects.equals(topic, selected.get())) {
            return;
        }
        selected.set(topic);
        echo.clear();
        echoed.set(0);
        synchronized (echoPending) {
            echoPending.clear();
            echoPendingCount = 0;
        }
        if (topic == null) {
            echoStatus.set("select a topic to echo it");
            if (monitor != null) {
                monitor.stopEcho();
            }
            return;
        }
        Optional<TopicRow> row = topics.stream().filter(r -> r.name().equals(topic)).findFirst();
        if (monitor == null) {
            echoStatus.set("not echoing: not listening");
        } else if (row.isEmpty()) {
            echoStatus.set(topic + ": waiting for it to be discovered");
        } else {
            echoRow(row.get());
        }
    }

    private void echoRow(TopicRow row) {
        echoStatus.set("echoing " + row.name() + " [" + row.type() + "]");
        monitor.echo(row.name(), row.type());
    }

    /** Empties the echo (the count stays). */
    public void clearEcho() {
        echo.clear();
    }

    /**
     * Starts {@code wayfinder sim --ros --scenario FILE} on this network: FILE is the open scenario's file when it is
     * saved, else the scenario written to a temporary file (removed when the simulator ends).
     */
    public void startSim() {
        Scenario s = doc.scenario();
        Optional<Path> saved = doc.isDirty() ? Optional.empty() : doc.file();
        RosNetwork n = network.get();
        Path[] temp = new Path[1];
        sim.start(() -> {
            Path file = saved.orElse(null);
            if (file == null) {
                try {
                    temp[0] = Files.createTempFile("wayfinder-studio-" + safe(s.name()) + "-", ".yaml");
                    ScenarioWriter.write(s, temp[0]);
                } catch (IOException e) {
                    throw new StudioException("cannot write the unsaved scenario to a temporary file: "
                            + e.getMessage(), e);
                }
                file = temp[0];
            }
            List<String> a = new ArrayList<>(List.of("sim", "--ros", "--scenario", file.toString()));
            a.addAll(n.args());
            return a;
        }, () -> {
            if (temp[0] != null) {
                try {
                    Files.deleteIfExists(temp[0]);
                } catch (IOException e) {
                    // A temporary file left behind; the system's cleaner removes it.
                }
            }
        });
    }

    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_-]", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }

    /**
     * Starts {@code wayfinder deploy --model DIR [--use-sim-time]} on this network.
     *
     * @throws StudioException when no model is chosen
     */
    public void startDeploy() throws StudioException {
        Path m = deployModel.get();
        if (m == null) {
            throw new StudioException("Model: none chosen; give a trained model's folder (with policy.weights and"
                    + " robot.yaml), such as models/cluttered-room-rgbd-map");
        }
        boolean simTime = useSimTime.get();
        RosNetwork n = network.get();
        deploy.start(() -> {
            if (!Files.isDirectory(m)) {
                throw new StudioException("Model: " + m + " is not a folder; expected a trained model's folder");
            }
            List<String> a = new ArrayList<>(List.of("deploy", "--model", m.toString()));
            if (simTime) {
                a.add("--use-sim-time");
            }
            a.addAll(n.args());
            return a;
        }, () -> { });
    }

    private void resetStatus() {
        simStatus.set("no episode status heard on " + EPISODE_TOPIC);
        deployWatchdog = null;
        deployAction = null;
        deployReached = null;
        deployStatus.set("no status heard on " + DEPLOY_STATUS + "/...");
    }

    private GraphMonitor.Listener listener(long gen) {
        return new GraphMonitor.Listener() {
            @Override
            public void joined(String where) {
                fx.execute(() -> {
                    if (gen == generation) {
                        networkStatus.set(where + ": listening");
                    }
                });
            }

            @Override
            public void failed(String why) {
                fx.execute(() -> {
                    if (gen == generation) {
                        networkStatus.set(why);
                    }
                });
            }

            @Override
            public void topics(List<TopicRow> rows) {
                fx.execute(() -> shown(gen, rows));
            }

            @Override
            public void echoed(String topic, String yaml) {
                boolean post;
                synchronized (echoPending) {
                    echoPending.addLast(yaml);
                    echoPendingCount++;
                    if (echoPending.size() > ECHO_MESSAGES) {
                        echoPending.removeFirst();
                    }
                    post = !echoPosted;
                    echoPosted = true;
                }
                if (post) {
                    fx.execute(() -> drainEcho(gen, topic));
                }
            }

            @Override
            public void echoRefused(String topic, String why) {
                fx.execute(() -> {
                    if (gen == generation && topic.equals(selected.get())) {
                        echoStatus.set(topic + ": " + why);
                    }
                });
            }

            @Override
            public void status(String topic, Record message) {
                fx.execute(() -> {
                    if (gen == generation) {
                        heard(topic, message);
                    }
                });
            }
        };
    }

    private void shown(long gen, List<TopicRow> rows) {
        if (gen != generation) {
            return;
        }
        if (!rows.equals(topics)) {
            topics.setAll(rows);
        }
        RosNetwork n = network.get();
        networkStatus.set(n + ": " + rows.size() + (rows.size() == 1 ? " topic" : " topics"));
        String s = selected.get();
        if (s != null && echoStatus.get().endsWith("waiting for it to be discovered")) {
            rows.stream().filter(r -> r.name().equals(s)).findFirst().ifPresent(this::echoRow);
        }
    }

    private void drainEcho(long gen, String topic) {
        List<String> texts;
        int count;
        synchronized (echoPending) {
            texts = List.copyOf(echoPending);
            count = echoPendingCount;
            echoPending.clear();
            echoPendingCount = 0;
            echoPosted = false;
        }
        if (gen != generation || !topic.equals(selected.get())) {
            return;
        }
        echoed.set(echoed.get() + count);
        if (paused.get()) {
            return;
        }
        echo.addAll(texts);
        if (echo.size() > ECHO_MESSAGES) {
            echo.remove(0, echo.size() - ECHO_MESSAGES);
        }
    }

    private void heard(String topic, Record message) {
        if (topic.equals(EPISODE_TOPIC) && message instanceof StringMessage m) {
            simStatus.set(episodeText(m.data()));
            return;
        }
        if (topic.equals(DEPLOY_STATUS + "/watchdog") && message instanceof StringMessage m) {
            deployWatchdog = m.data();
        } else if (topic.equals(DEPLOY_STATUS + "/action") && message instanceof StringMessage m) {
            deployAction = m.data();
        } else if (topic.equals(DEPLOY_STATUS + "/goal_reached") && message instanceof Bool b) {
            deployReached = b.data();
        }
        deployStatus.set(deployText(deployWatchdog, deployAction, deployReached));
    }

    /**
     * The simulator's episode status (the JSON {@code sim --ros} publishes) in words: "episode 2 (seed 3): running",
     * "episode 2 (seed 3): collision (crate-1) after 8.4 s, 1.32 m from the goal". Text that is not such JSON is
     * shown as it came.
     */
    static String episodeText(String json) {
        Object parsed;
        try {
            parsed = new Load(LoadSettings.builder().build()).loadFromString(json);
        } catch (RuntimeException e) {
            return json;
        }
        if (!(parsed instanceof Map<?, ?> m) || !(m.get("status") instanceof String status)) {
            return json;
        }
        StringBuilder b = new StringBuilder();
        if (m.get("scenario") instanceof String sc) {
            b.append(sc).append(' ');
        }
        b.append("episode ").append(m.get("episode"));
        if (m.get("seed") != null) {
            b.append(" (seed ").append(m.get("seed")).append(')');
        }
        b.append(": ").append(status);
        if (m.get("reason") instanceof String r && !r.isEmpty()) {
            b.append(" (").append(r).append(')');
        }
        if (!status.equals("running")) {
            if (m.get("sim_time") instanceof Number t) {
                b.append(String.format(Locale.ROOT, " after %.1f s", t.doubleValue()));
            }
            if (m.get("distance_to_goal") instanceof Number d) {
                b.append(String.format(Locale.ROOT, ", %.2f m from the goal", d.doubleValue()));
            }
        }
        return b.toString();
    }

    /** "watchdog ok, action forward, goal not reached" from the deploy node's status topics heard so far. */
    static String deployText(String watchdog, String action, Boolean reached) {
        List<String> parts = new ArrayList<>();
        if (watchdog != null) {
            parts.add(watchdog.equals("ok") ? "driving (watchdog ok)" : "stopped: " + watchdog);
        }
        if (action != null) {
            parts.add("action " + action);
        }
        if (reached != null) {
            parts.add(reached ? "goal reached" : "goal not reached");
        }
        return parts.isEmpty() ? "no status heard on " + DEPLOY_STATUS + "/..." : String.join(", ", parts);
    }

    /** Leaves the network and asks the children to end (SIGTERM); the studio is closing. */
    @Override
    public void close() {
        stop();
        sim.close();
        deploy.close();
    }

    /** The current monitor (for tests). */
    GraphMonitor monitor() {
        return monitor;
    }
}
