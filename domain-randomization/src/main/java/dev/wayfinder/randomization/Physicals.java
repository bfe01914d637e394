package dev.wayfinder.randomization;

import static dev.wayfinder.scenarios.model.RandomParameter.ACTUATION_NOISE;
import static dev.wayfinder.scenarios.model.RandomParameter.CAMERA_LATENCY;
import static dev.wayfinder.scenarios.model.RandomParameter.CONTROL_LATENCY;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_FRICTION;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_HUE;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_SATURATION;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_TEXTURE;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_TEXTURE_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.FLOOR_VALUE;
import static dev.wayfinder.scenarios.model.RandomParameter.IMU_NOISE;
import static dev.wayfinder.scenarios.model.RandomParameter.LIDAR_NOISE;
import static dev.wayfinder.scenarios.model.RandomParameter.MAX_SPEED_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.MOTOR_GAIN;
import static dev.wayfinder.scenarios.model.RandomParameter.MOTOR_LAG;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_FRICTION;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_HUE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_MASS_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_SATURATION;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_TEXTURE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_TEXTURE_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.OBSTACLE_VALUE;
import static dev.wayfinder.scenarios.model.RandomParameter.ODOMETRY_DRIFT;
import static dev.wayfinder.scenarios.model.RandomParameter.ROBOT_MASS_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.SENSOR_LATENCY;
import static dev.wayfinder.scenarios.model.RandomParameter.WALL_HUE;
import static dev.wayfinder.scenarios.model.RandomParameter.WALL_SATURATION;
import static dev.wayfinder.scenarios.model.RandomParameter.WALL_TEXTURE;
import static dev.wayfinder.scenarios.model.RandomParameter.WALL_TEXTURE_SCALE;
import static dev.wayfinder.scenarios.model.RandomParameter.WALL_VALUE;

import dev.wayfinder.scenarios.model.Arena;
import dev.wayfinder.scenarios.model.Dynamics;
import dev.wayfinder.scenarios.model.Material;
import dev.wayfinder.scenarios.model.Obstacle;
import dev.wayfinder.scenarios.model.ObstacleKind;
import dev.wayfinder.scenarios.model.Robot;

/**
 * The draws that do not move anything: arena materials and floor friction, the robot's mass, speed limits,
 * motor lag and camera, the actuation and sensing imperfections, and each obstacle's look, friction and
 * mass. They are drawn once per episode, independently of layout attempts.
 */
final class Physicals {
    private Physicals() {
    }

    static Arena arena(Draws d, Arena a) {
        Material wall = Looks.material(d, a.wallMaterial(), WALL_HUE, WALL_SATURATION, WALL_VALUE, WALL_TEXTURE,
                WALL_TEXTURE_SCALE);
        Material floor = Looks.material(d, a.floorMaterial(), FLOOR_HUE, FLOOR_SATURATION, FLOOR_VALUE,
                FLOOR_TEXTURE, FLOOR_TEXTURE_SCALE);
        return new Arena(a.size(), a.wallHeight(), a.wallThickness(), wall, floor,
                d.value(FLOOR_FRICTION, a.floorFriction()));
    }

    static Robot robot(Draws d, Robot r) {
        Robot out = r;
        if (d.has(ROBOT_MASS_SCALE)) {
            out = out.withMass(r.mass() * d.value(ROBOT_MASS_SCALE, 1));
        }
        if (d.has(MAX_SPEED_SCALE)) {
            out = out.withSpeedScale(d.value(MAX_SPEED_SCALE, 1));
        }
        out = out.withMotorLag(d.value(MOTOR_LAG, r.motorLag()));
        return out.withCamera(Looks.camera(d, r.camera()));
    }

    static Dynamics dynamics(Draws d) {
        Dynamics n = Dynamics.NOMINAL;
        return new Dynamics(d.value(MOTOR_GAIN, n.motorGain()), d.value(ACTUATION_NOISE, n.actuationNoise()),
                d.value(CONTROL_LATENCY, n.controlLatency()), d.value(SENSOR_LATENCY, n.sensorLatency()),
                d.value(ODOMETRY_DRIFT, n.odometryDrift()), d.value(LIDAR_NOISE, n.lidarNoiseStd()),
                d.value(IMU_NOISE, n.imuNoiseStd()), d.value(CAMERA_LATENCY, n.cameraLatency()));
    }

    /** One obstacle's look (every kind), friction (every kind) and mass (pushable ones), from its own streams. */
    static Obstacle obstacle(Draws d, Obstacle o) {
        String id = o.id();
        Material m = Looks.material(d, o.material(), OBSTACLE_HUE, OBSTACLE_SATURATION, OBSTACLE_VALUE,
                OBSTACLE_TEXTURE, OBSTACLE_TEXTURE_SCALE, id);
        double friction = d.value(OBSTACLE_FRICTION, o.friction(), id);
        double mass = o.kind() == ObstacleKind.PUSHABLE ? o.mass() * d.value(OBSTACLE_MASS_SCALE, 1, id) : o.mass();
        return o.withMaterial(m).withPhysics(friction, mass);
    }
}
