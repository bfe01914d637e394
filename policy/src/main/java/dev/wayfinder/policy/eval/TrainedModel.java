package dev.wayfinder.policy.eval;

import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.policy.train.DaggerTrainer;
import dev.wayfinder.policy.train.TrainConfig;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A trained camera policy on disk, as a user names it: a model folder ({@code policy.weights} and the
 * {@code config.yaml} it was trained with, as shipped in {@code models/}), a training run folder (its
 * {@code best.weights}, else its last {@code policy.weights}), or a weights file (with the config beside it, if any).
 * The config says which robot the policy was trained for (depth camera, static map, obstacle layer).
 *
 * @param weightsFile the weights read
 * @param weights     the network
 * @param config      the training config found beside the weights, if any
 */
public record TrainedModel(Path weightsFile, PolicyWeights weights, Optional<TrainConfig> config) {
    /**
     * Loads {@code path}.
     *
     * @throws IllegalArgumentException when nothing loadable is there (the message names the path and what was
     *                                  expected) or the files are damaged
     */
    public static TrainedModel load(Path path) throws IOException {
        Path file = path;
        if (Files.isDirectory(path)) {
            file = Files.exists(path.resolve(DaggerTrainer.BEST)) ? path.resolve(DaggerTrainer.BEST)
                    : path.resolve(DaggerTrainer.WEIGHTS);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(path + ": expected a model folder (with " + DaggerTrainer.WEIGHTS + "), a "
                    + "training run folder or a weights file; found " + (Files.exists(path) ? "no weights there"
                    : "nothing"));
        }
        PolicyWeights w = PolicyWeights.fromBytes(Files.readAllBytes(file), file.toString());
        Path cfgFile = file.toAbsolutePath().getParent().resolve(DaggerTrainer.CONFIG);
        Optional<TrainConfig> cfg = Files.exists(cfgFile)
                ? Optional.of(TrainConfig.fromYaml(Files.readString(cfgFile), cfgFile.toString())) : Optional.empty();
        return new TrainedModel(file, w, cfg);
    }

    /**
     * The robot the policy was trained for: the config's depth camera, map and obstacle layer; without a config an
     * RGB-D camera and the nominal map. A mapless network gets no map.
     */
    public SimRobot.Sensors sensors() {
        SimRobot.Sensors s = config.map(c -> new SimRobot.Sensors(c.depthCamera(), c.map(),
                c.obstacleLayer() && c.depthCamera())).orElse(SimRobot.Sensors.RGBD_MAP);
        return weights.spec().followsRoute() ? s : new SimRobot.Sensors(s.depthCamera(), SimRobot.MapSource.NONE, false);
    }
}
