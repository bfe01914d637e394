package dev.wayfinder.policy.train;

import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.robot.net.SafetyShield;

import dev.wayfinder.robot.net.NetworkSpec;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines a training run; saved as {@code config.yaml} next to the checkpoints so a run can be
 * resumed and reproduced. Iteration 0 is behaviour cloning (the expert drives, beta = 1); iteration k &gt; 0 is a
 * DAgger round with expert probability {@code betaDecay^k}.
 *
 * @param scenarios          bundled scenario names or files, at least one
 * @param iterations         DAgger iterations including the first (behaviour cloning), 1..10000
 * @param firstCollectSteps  env steps collected by the expert in iteration 0, &gt;= 1
 * @param collectSteps       env steps collected in each later iteration, &gt;= 1
 * @param gradientSteps      Adam steps per iteration, &gt;= 1
 * @param batch              samples per gradient step, 1..4096
 * @param learningRate       Adam step size, (0, 1)
 * @param weightDecay        L2 decay, [0, 1)
 * @param envs               envs stepped together, 1..256
 * @param betaDecay          expert mixing decay per iteration, [0, 1]
 * @param validationEpisodes pure-policy episodes on validation seeds after each iteration, &gt;= 0
 * @param checkpointEvery    write a checkpoint every this many iterations, &gt;= 1
 * @param memoryChunks       dataset chunks held in memory while training, &gt;= 1
 * @param augmentShift       largest augmentation shift in pixels, 0..16
 * @param actionDropout      probability of hiding the previous action from a training sample, [0, 1]: it
 *                           keeps the network from merely repeating its last action (the copycat problem)
 * @param auxWeight          weight of the auxiliary depth-profile loss (the convolutions also learn how far the
 *                           nearest obstacle is in each strip of the image), [0, 100]; 0 turns it off
 * @param nearWeight         weight factor of samples with an obstacle nearer than 0.6 m ahead, (0, 100]
 * @param labelTemperature   0: learn the expert's chosen action (one-hot); above 0: learn its preferences, a
 *                           distribution over actions proportional to exp(-cost / temperature) of the expert's
 *                           cost of each action (metres of its cost; unsafe actions get 0), [0, 1]
 * @param shield             whether the policy's actions in DAgger rounds and validation pass through the safety
 *                           shield on the camera's depth ({@code SafetyShield.Settings.TRAINING}: every action
 *                           sampled from the policy's softmax at temperature 1, to explore), as the policy is then
 *                           meant to run; the expert labels the states the shielded policy visits
 * @param seed               seeds weights, sampling, mixing and episode indices
 * @param network            the network shape
 * @param depthCamera        whether the robot has an RGB-D camera (the shield reads its measured depth image)
 * @param map                which static map a route-following robot has: {@code nominal} (the scenario file's
 *                           layout, as a robot mapped it before the furniture moved) or {@code oracle} (the episode's
 *                           true layout: an upper bound, not a robot's input); a mapless network ignores it
 * @param obstacleLayer      whether a route-following robot also maps what its depth camera shows and plans its
 *                           route round it (an obstacle layer over the static map); needs the depth camera
 * @param sequenceLength     for a recurrent network ({@code network.recurrent_units} above 0): the steps of each
 *                           sequence that truncated backpropagation through time unrolls the GRU over, 1..64; each
 *                           gradient step then draws {@code max(1, batch / sequenceLength)} sequences, so about
 *                           {@code batch} samples as a feed-forward step; ignored by a feed-forward network
 * @param learner            what computes the gradient steps: {@code djl} (PyTorch through DJL) or {@code core}
 *                           (inference-core's own kernels, both cores; feed-forward networks only: a recurrent one
 *                           trains with DJL whatever this says); the same loss and update, different rounding
 */
public record TrainConfig(List<String> scenarios, int iterations, long firstCollectSteps, long collectSteps,
                          int gradientSteps, int batch, double learningRate, double weightDecay, int envs,
                          double betaDecay, int validationEpisodes, int checkpointEvery, int memoryChunks,
                          int augmentShift, double actionDropout, double auxWeight, double nearWeight,
                          double labelTemperature, boolean shield, long seed, NetworkSpec network,
                          boolean depthCamera, SimRobot.MapSource map, boolean obstacleLayer, int sequenceLength,
                          String learner) {
    /** The learners a config can name (before {@link #DEFAULT}, which its constructor checks against them). */
    public static final List<String> LEARNERS = List.of("djl", "core");

    /**
     * The demo's default: cluttered room, a few minutes on two cores; a route policy on the nominal static map with the
     * obstacle layer, an RGB-D camera.
     */
    public static final TrainConfig DEFAULT = new TrainConfig(List.of("cluttered-room"), 10, 8_000, 4_000, 400, 64,
            1e-3, 1e-5, 8, 0.5, 12, 1, 24, 4, 0.5, 1.0, 3.0, 0.0, false, 1, NetworkSpec.DEFAULT, true,
            SimRobot.MapSource.NOMINAL, true, 8, "djl");


    public TrainConfig {
        scenarios = List.copyOf(Objects.requireNonNull(scenarios, "scenarios"));
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(map, "map");
        check(!scenarios.isEmpty(), "scenarios", "at least one", scenarios);
        check(iterations >= 1 && iterations <= 10_000, "iterations", "1..10000", iterations);
        check(firstCollectSteps >= 1, "first_collect_steps", ">= 1", firstCollectSteps);
        check(collectSteps >= 1, "collect_steps", ">= 1", collectSteps);
        check(gradientSteps >= 1, "gradient_steps", ">= 1", gradientSteps);
        check(batch >= 1 && batch <= 4096, "batch", "1..4096", batch);
        check(learningRate > 0 && learningRate < 1, "learning_rate", "in (0, 1)", learningRate);
        check(weightDecay >= 0 && weightDecay < 1, "weight_decay", "in [0, 1)", weightDecay);
        check(envs >= 1 && envs <= 256, "envs", "1..256", envs);
        check(betaDecay >= 0 && betaDecay <= 1, "beta_decay", "in [0, 1]", betaDecay);
        check(validationEpisodes >= 0, "validation_episodes", ">= 0", validationEpisodes);
        check(checkpointEvery >= 1, "checkpoint_every", ">= 1", checkpointEvery);
        check(memoryChunks >= 1, "memory_chunks", ">= 1", memoryChunks);
        check(augmentShift >= 0 && augmentShift <= 16, "augment_shift", "0..16", augmentShift);
        check(actionDropout >= 0 && actionDropout <= 1, "action_dropout", "in [0, 1]", actionDropout);
        check(auxWeight >= 0 && auxWeight <= 100, "aux_weight", "in [0, 100]", auxWeight);
        check(nearWeight > 0 && nearWeight <= 100, "near_weight", "in (0, 100]", nearWeight);
        check(labelTemperature >= 0 && labelTemperature <= 1, "label_temperature", "in [0, 1]", labelTemperature);
        check(sequenceLength >= 1 && sequenceLength <= 64, "sequence_length", "1..64", sequenceLength);
        check(LEARNERS.contains(learner), "learner", "one of " + LEARNERS, learner);
        if (network.followsRoute() && map == SimRobot.MapSource.NONE) {
            throw new IllegalArgumentException("training config: network.route_lookahead " + network.routeLookahead()
                    + " follows a route on a static map, but map is none; give map: nominal, or route_lookahead: 0");
        }
        if (obstacleLayer && !depthCamera) {
            throw new IllegalArgumentException("training config: obstacle_layer: true maps with the depth camera, but"
                    + " depth_camera is false");
        }
        if (shield && !depthCamera) {
            throw new IllegalArgumentException("training config: shield: true reads the depth camera, but depth_camera"
                    + " is false");
        }
        if (network != null && network.plannerInputs() && !depthCamera) {
            throw new IllegalArgumentException("training config: network.planner_inputs scores arcs against the depth"
                    + " camera's obstacle points, but depth_camera is false");
        }
        if (network != null && network.memorySectors() > 0 && !(auxWeight > 0)) {
            throw new IllegalArgumentException("training config: network.memory_sectors " + network.memorySectors()
                    + " needs aux_weight > 0 (the obstacle memory is built from the depth profile the network learns"
                    + " to predict), got aux_weight " + auxWeight);
        }
    }

    private static void check(boolean ok, String key, String expected, Object got) {
        if (!ok) {
            throw new IllegalArgumentException("training config: " + key + " must be " + expected + ", got " + got);
        }
    }

    /** Expert probability in iteration {@code k}. */
    public double beta(int k) {
        return k == 0 ? 1 : Math.pow(betaDecay, k);
    }

    /** The YAML text of this config. */
    public String toYaml() {
        StringBuilder b = new StringBuilder("# wayfinder training run; `wayfinder train --resume DIR` continues it\n");
        b.append("scenarios: [").append(String.join(", ", scenarios)).append("]\n");
        for (Map.Entry<String, Object> e : flat().entrySet()) {
            b.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        b.append("network:\n");
        b.append("  width: ").append(network.width()).append('\n');
        b.append("  height: ").append(network.height()).append('\n');
        b.append("  conv_channels: ").append(network.convChannels()).append('\n');
        b.append("  hidden: ").append(network.hidden()).append('\n');
        b.append("  actions: ").append(network.actions()).append('\n');
        b.append("  route_lookahead: ").append(String.format(Locale.ROOT, "%s", network.routeLookahead())).append('\n');
        b.append("  memory_sectors: ").append(network.memorySectors()).append('\n');
        if (network.recurrent()) {
            b.append("  recurrent_units: ").append(network.recurrentUnits()).append('\n');
        }
        if (network.plannerInputs()) {
            b.append("  planner_inputs: true\n");
        }
        return b.toString();
    }

    private Map<String, Object> flat() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iterations", iterations);
        m.put("first_collect_steps", firstCollectSteps);
        m.put("collect_steps", collectSteps);
        m.put("gradient_steps", gradientSteps);
        m.put("batch", batch);
        m.put("learning_rate", String.format(Locale.ROOT, "%s", learningRate));
        m.put("weight_decay", String.format(Locale.ROOT, "%s", weightDecay));
        m.put("envs", envs);
        m.put("beta_decay", String.format(Locale.ROOT, "%s", betaDecay));
        m.put("validation_episodes", validationEpisodes);
        m.put("checkpoint_every", checkpointEvery);
        m.put("memory_chunks", memoryChunks);
        m.put("augment_shift", augmentShift);
        m.put("action_dropout", String.format(Locale.ROOT, "%s", actionDropout));
        m.put("aux_weight", String.format(Locale.ROOT, "%s", auxWeight));
        m.put("near_weight", String.format(Locale.ROOT, "%s", nearWeight));
        m.put("label_temperature", String.format(Locale.ROOT, "%s", labelTemperature));
        m.put("shield", shield);
        m.put("seed", seed);
        m.put("depth_camera", depthCamera);
        m.put("map", map.key());
        m.put("obstacle_layer", obstacleLayer);
        m.put("sequence_length", sequenceLength);
        m.put("learner", learner);
        return m;
    }

    /**
     * Parses YAML written by {@link #toYaml()} (or by hand); missing keys take {@link #DEFAULT}'s values.
     *
     * @throws IllegalArgumentException naming the key for an unknown key or a bad value
     */
    public static TrainConfig fromYaml(String text, String source) {
        Object root = new Load(LoadSettings.builder().setLabel(source).build()).loadFromString(text);
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(source + ": a training config must be a YAML mapping");
        }
        TrainConfig d = DEFAULT;
        NetworkSpec n = d.network;
        List<String> scen = d.scenarios;
        Map<String, Object> v = new LinkedHashMap<>(d.flat());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object val = e.getValue();
            if (key.equals("scenarios")) {
                if (!(val instanceof List<?> l)) {
                    throw new IllegalArgumentException(source + ": scenarios must be a list of names");
                }
                scen = l.stream().map(String::valueOf).toList();
            } else if (key.equals("network")) {
                if (!(val instanceof Map<?, ?> nm)) {
                    throw new IllegalArgumentException(source + ": network must be a mapping");
                }
                int w = n.width();
                int h = n.height();
                List<Integer> ch = n.convChannels();
                int hidden = n.hidden();
                int actions = n.actions();
                double route = n.routeLookahead();
                int memory = n.memorySectors();
                int recurrent = n.recurrentUnits();
                boolean planner = n.plannerInputs();
                for (Map.Entry<?, ?> ne : nm.entrySet()) {
                    String k = String.valueOf(ne.getKey());
                    switch (k) {
                        case "width" -> w = num(source, k, ne.getValue()).intValue();
                        case "height" -> h = num(source, k, ne.getValue()).intValue();
                        case "hidden" -> hidden = num(source, k, ne.getValue()).intValue();
                        case "actions" -> actions = num(source, k, ne.getValue()).intValue();
                        case "route_lookahead" -> route = num(source, k, ne.getValue()).doubleValue();
                        case "memory_sectors" -> memory = num(source, k, ne.getValue()).intValue();
                        case "recurrent_units" -> recurrent = num(source, k, ne.getValue()).intValue();
                        case "planner_inputs" -> {
                            if (!(ne.getValue() instanceof Boolean on)) {
                                throw new IllegalArgumentException(source + ": network.planner_inputs must be true or"
                                        + " false, got '" + ne.getValue() + "'");
                            }
                            planner = on;
                        }
                        case "conv_channels" -> {
                            if (!(ne.getValue() instanceof List<?> l)) {
                                throw new IllegalArgumentException(source + ": network.conv_channels must be a list");
                            }
                            List<Integer> c = new ArrayList<>();
                            for (Object o : l) {
                                c.add(num(source, k, o).intValue());
                            }
                            ch = c;
                        }
                        default -> throw new IllegalArgumentException(source + ": unknown key network." + k);
                    }
                }
                n = new NetworkSpec(w, h, ch, hidden, actions, route, memory, recurrent, planner);
            } else if (key.equals("shield") || key.equals("depth_camera") || key.equals("obstacle_layer")) {
                if (!(val instanceof Boolean b)) {
                    throw new IllegalArgumentException(source + ": " + key + " must be true or false, got '" + val
                            + "'");
                }
                v.put(key, b);
            } else if (key.equals("learner")) {
                if (!LEARNERS.contains(String.valueOf(val))) {
                    throw new IllegalArgumentException(source + ": learner must be one of " + LEARNERS + ", got '"
                            + val + "'");
                }
                v.put(key, String.valueOf(val));
            } else if (key.equals("map")) {
                SimRobot.MapSource m = SimRobot.MapSource.byKey(String.valueOf(val)).orElseThrow(
                        () -> new IllegalArgumentException(source + ": map must be nominal, oracle or none, got '"
                                + val + "'"));
                v.put(key, m.key());
            } else if (v.containsKey(key)) {
                v.put(key, num(source, key, val));
            } else {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'; expected one of "
                        + v.keySet() + ", scenarios, network");
            }
        }
        return new TrainConfig(scen, i(v, "iterations"), l(v, "first_collect_steps"), l(v, "collect_steps"),
                i(v, "gradient_steps"), i(v, "batch"), dbl(v, "learning_rate"), dbl(v, "weight_decay"), i(v, "envs"),
                dbl(v, "beta_decay"), i(v, "validation_episodes"), i(v, "checkpoint_every"), i(v, "memory_chunks"),
                i(v, "augment_shift"), dbl(v, "action_dropout"), dbl(v, "aux_weight"), dbl(v, "near_weight"),
                dbl(v, "label_temperature"), (Boolean) v.get("shield"), l(v, "seed"),
                n, (Boolean) v.get("depth_camera"), SimRobot.MapSource.byKey(String.valueOf(v.get("map"))).orElseThrow(),
                (Boolean) v.get("obstacle_layer"), i(v, "sequence_length"), (String) v.get("learner"));
    }

    private static Number num(String source, String key, Object o) {
        if (o instanceof Number x) {
            return x;
        }
        try {
            return Double.parseDouble(String.valueOf(o));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": " + key + " must be a number, got '" + o + "'");
        }
    }

    private static int i(Map<String, Object> v, String k) {
        return ((Number) toNum(v.get(k))).intValue();
    }

    private static long l(Map<String, Object> v, String k) {
        return ((Number) toNum(v.get(k))).longValue();
    }

    private static double dbl(Map<String, Object> v, String k) {
        return ((Number) toNum(v.get(k))).doubleValue();
    }

    private static Object toNum(Object o) {
        return o instanceof Number ? o : Double.parseDouble(String.valueOf(o));
    }

    /** A copy with other iteration counts and budget (for command-line flags). */
    public TrainConfig withIterations(int newIterations) {
        return new TrainConfig(scenarios, newIterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }

    /** A copy training on {@code names}. */
    public TrainConfig withScenarios(List<String> names) {
        return new TrainConfig(names, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }

    /** A copy with another network. */
    public TrainConfig withNetwork(NetworkSpec newNetwork) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, newNetwork, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }

    /** A copy that trains with the safety shield on (or off). */
    public TrainConfig withShield(boolean on) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, on, seed, network, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }

    /** A copy with other robot sensors. */
    public TrainConfig withSensors(boolean newDepthCamera, SimRobot.MapSource newMap) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network,
                newDepthCamera, newMap, obstacleLayer, sequenceLength, learner);
    }

    /** What the robots have in training and validation: the map only where the network follows a route. */
    public SimRobot.Sensors sensors() {
        return new SimRobot.Sensors(depthCamera, network.followsRoute() ? map : SimRobot.MapSource.NONE,
                network.followsRoute() && obstacleLayer);
    }

    /** A copy whose recurrent network unrolls over {@code steps} in truncated backpropagation through time. */
    public TrainConfig withSequenceLength(int steps) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network, depthCamera,
                map, obstacleLayer, steps, learner);
    }

    /** Sequences per gradient step of a recurrent network: about {@link #batch} samples in all. */
    public int sequencesPerStep() {
        return Math.max(1, batch / sequenceLength);
    }

    /** A copy with another seed. */
    public TrainConfig withSeed(long newSeed) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, newSeed, network, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }

    /** A copy whose gradient steps run on {@code name} (one of {@link #LEARNERS}). */
    public TrainConfig withLearner(String name) {
        return new TrainConfig(scenarios, iterations, firstCollectSteps, collectSteps, gradientSteps, batch,
                learningRate, weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks,
                augmentShift, actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network, depthCamera,
                map, obstacleLayer, sequenceLength, name);
    }

    /** A copy with other per-iteration budgets. */
    public TrainConfig withBudget(long firstCollect, long collect, int gradSteps) {
        return new TrainConfig(scenarios, iterations, firstCollect, collect, gradSteps, batch, learningRate,
                weightDecay, envs, betaDecay, validationEpisodes, checkpointEvery, memoryChunks, augmentShift,
                actionDropout, auxWeight, nearWeight, labelTemperature, shield, seed, network, depthCamera, map, obstacleLayer, sequenceLength, learner);
    }
}
