package dev.wayfinder.policy.work;

import dev.wayfinder.policy.rollout.Driver;
import dev.wayfinder.policy.rollout.Rollouts;
import dev.wayfinder.policy.rollout.SimRobot;
import dev.wayfinder.randomization.Split;
import dev.wayfinder.robot.net.SafetyShield;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of episodes any process recomputes alike: split indices {@code firstIndex .. firstIndex + episodes - 1} of
 * one scenario variant, driven by one driver with the plan's seed, each to its end ({@link Rollouts}' quota: an
 * index without a solvable layout gives no episode). Everything in it is plain data; the policy's weights travel
 * apart, by {@link #weightsKey} ({@link WeightsBlob}), so a job stays small.
 *
 * @param scenario       the scenario's text and variant
 * @param driver         who acts
 * @param beta           the expert's probability for {@link Driver#MIXED}
 * @param split          where the seeds come from
 * @param firstIndex     first split index
 * @param episodes       number of split indices, &gt;= 1
 * @param seed           the plan's seed (with each episode's seed, its random choices)
 * @param progress       curriculum progress, [0, 1]
 * @param envs           envs stepped together where it runs (at most {@code episodes} are used)
 * @param camera         whether the envs render the robot camera
 * @param sensors        what the robot has
 * @param shieldSettings the safety shield, or null for none
 * @param weightsKey     the weights' content key, or null for drivers without a network
 * @param weightsVersion the weights' version (the DAgger iteration); results carry it back
 * @param collect        whether every visited state is labelled and returned as samples (DAgger)
 */
public record EpisodeJob(ScenarioText scenario, Driver driver, double beta, Split split, long firstIndex,
                         int episodes, long seed, double progress, int envs, boolean camera,
                         SensorsData sensors, ShieldData shieldSettings, String weightsKey, int weightsVersion,
                         boolean collect) implements Serializable {
    /** {@link SimRobot.Sensors} as plain data. */
    public record SensorsData(boolean depthCamera, SimRobot.MapSource map, boolean obstacleLayer)
            implements Serializable {
        public static SensorsData of(SimRobot.Sensors s) {
            return new SensorsData(s.depthCamera(), s.map(), s.obstacleLayer());
        }

        public SimRobot.Sensors sensors() {
            return new SimRobot.Sensors(depthCamera, map, obstacleLayer);
        }
    }

    /** {@link SafetyShield.Settings} as plain data. */
    public record ShieldData(SafetyShield.DepthSource source, double margin, double horizon, double temperature,
                             SafetyShield.Sampling sampling, boolean movers) implements Serializable {
        public static ShieldData of(SafetyShield.Settings s) {
            return new ShieldData(s.source(), s.margin(), s.horizon(), s.temperature(), s.sampling(), s.movers());
        }

        public SafetyShield.Settings settings() {
            return new SafetyShield.Settings(source, margin, horizon, temperature, sampling, movers);
        }
    }

    public EpisodeJob {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(sensors, "sensors");
        if (episodes < 1 || envs < 1 || firstIndex < 0) {
            throw new IllegalArgumentException("a job needs episodes >= 1, envs >= 1 and a first index >= 0; got "
                    + episodes + ", " + envs + ", " + firstIndex);
        }
        boolean network = driver == Driver.POLICY || driver == Driver.MIXED || driver == Driver.PLANNER || collect;
        if (network && weightsKey == null) {
            throw new IllegalArgumentException("driver " + driver.key() + (collect ? " collecting samples" : "")
                    + " needs the policy's weights");
        }
        if ((network || collect) && !camera) {
            throw new IllegalArgumentException("the camera policy and collected samples need the camera");
        }
    }

    /** This job over split indices {@code first .. first + count - 1} instead. */
    public EpisodeJob range(long first, int count) {
        return new EpisodeJob(scenario, driver, beta, split, first, count, seed, progress, envs, camera, sensors,
                shieldSettings, weightsKey, weightsVersion, collect);
    }

    /** This job stepped on {@code n} envs together instead. */
    public EpisodeJob withEnvs(int n) {
        return new EpisodeJob(scenario, driver, beta, split, firstIndex, episodes, seed, progress, n, camera, sensors,
                shieldSettings, weightsKey, weightsVersion, collect);
    }

    /** The shield, if any. */
    public Optional<SafetyShield.Settings> shield() {
        return Optional.ofNullable(shieldSettings).map(ShieldData::settings);
    }

    /** The rollout plan: every index of the range to its episode's end. */
    public Rollouts.Plan plan() {
        return new Rollouts.Plan(driver, beta, split, firstIndex, Long.MAX_VALUE, episodes, seed, progress);
    }

    /** A short description for logs. */
    public String describe() {
        return scenario.source() + (scenario.variant().equals(ScenarioText.BASE) ? "" : "/" + scenario.variant())
                + " " + driver.key() + (shieldSettings == null ? "" : "+shield") + " " + split.key() + " ["
                + firstIndex + ".." + (firstIndex + episodes - 1) + "]";
    }
}
