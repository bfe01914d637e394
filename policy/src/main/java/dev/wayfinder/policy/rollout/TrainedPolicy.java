package dev.wayfinder.policy.rollout;

import dev.wayfinder.robot.RobotPolicy;
import dev.wayfinder.robot.net.InferencePolicy;
import dev.wayfinder.robot.net.PolicyWeights;
import dev.wayfinder.robot.net.SafetyShield;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.Env;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.Observation;
import dev.wayfinder.sim.eval.Policy;

import java.util.Optional;

/**
 * A trained camera policy as physics-sim's {@link Policy}, so the one episode loop of {@code wayfinder sim run} (and
 * anything else that runs a {@link Policy}) drives it like the expert: one robot, its network compiled for batch 1 on
 * inference-core. Each step goes through the robot boundary exactly as in {@link Rollouts}: the env's sensor outputs
 * become a {@link dev.wayfinder.robot.RobotObservation} ({@link SimRobot}), and the {@link RobotPolicy} prepares the
 * inputs, runs the network, follows its route and passes its choice through the shield when one is set. The env must
 * render the robot camera. Not thread-safe; one instance per env.
 */
public final class TrainedPolicy implements Policy {
    private final SimRobot robot;
    private final RobotPolicy.Runner runner;

    /**
     * @param weights  the network
     * @param scenario the scenario whose robot it drives (nominal camera, map and robot description)
     * @param sensors  what that robot has
     * @param shield   the safety shield's settings, or empty for the network alone
     * @param seed     seeds the shield's sampling
     */
    public TrainedPolicy(PolicyWeights weights, Scenario scenario, SimRobot.Sensors sensors,
                         Optional<SafetyShield.Settings> shield, long seed) {
        if (shield.isPresent() && shield.get().source() == SafetyShield.DepthSource.CAMERA && !sensors.depthCamera()) {
            throw new IllegalArgumentException("a shield on the camera's depth needs a robot with a depth camera");
        }
        if (weights.spec().followsRoute() && sensors.map() == SimRobot.MapSource.NONE
                && !(sensors.obstacleLayer() && sensors.depthCamera())) {
            throw new IllegalArgumentException("this policy follows a route and needs a static map, or a depth camera"
                    + " and the obstacle layer to map with");
        }
        this.robot = new SimRobot(scenario, EnvConfig.DISCRETE.actions(), sensors);
        RobotPolicy p = new RobotPolicy(weights.spec(), robot.description(), shield, seed,
                scenario.robot().camera().width(), sensors.obstacleLayer() && sensors.depthCamera());
        this.runner = new RobotPolicy.Runner(p, new InferencePolicy(weights, 1));
    }

    @Override
    public void reset(Env env, long seed) {
        runner.policy().reset();
    }

    @Override
    public Action act(Env env, Observation observation) {
        if (observation.camera().isEmpty()) {
            throw new IllegalStateException("a camera policy needs an env that renders the robot camera");
        }
        var o = robot.observe(observation, env.world().episode(), env.state().timeNanos());
        return new Action.Discrete(runner.act(o));
    }
}
