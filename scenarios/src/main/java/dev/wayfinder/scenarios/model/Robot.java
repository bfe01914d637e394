package dev.wayfinder.scenarios.model;

/**
 * A differential-drive robot (TurtleBot3 Burger / JetBot class). base_link is the midpoint of the wheel
 * axle on the floor; +x is forward.
 *
 * @param wheelBase       distance between the wheels' contact points, metres, &gt; 0
 * @param wheelRadius     metres, &gt; 0
 * @param mass            kilograms, &gt; 0
 * @param height          body height for collision and rendering, metres, &gt; 0
 * @param footprint       outline on the floor
 * @param maxLinearSpeed  metres per second, &gt; 0
 * @param maxAngularSpeed radians per second, &gt; 0
 * @param maxLinearAccel  metres per second squared, &gt; 0
 * @param maxAngularAccel radians per second squared, &gt; 0
 * @param motorLag        first-order time constant of the wheel speed response, seconds, &gt;= 0 (0 = ideal)
 * @param camera          the forward camera
 * @param lidar           the planar lidar
 */
public record Robot(double wheelBase, double wheelRadius, double mass, double height, Footprint footprint,
                    double maxLinearSpeed, double maxAngularSpeed, double maxLinearAccel,
                    double maxAngularAccel, double motorLag, CameraSpec camera, LidarSpec lidar) {
    public Robot {
        Checks.positive("wheelBase", wheelBase);
        Checks.positive("wheelRadius", wheelRadius);
        Checks.positive("mass", mass);
        Checks.positive("height", height);
        Checks.notNull("footprint", footprint);
        Checks.positive("maxLinearSpeed", maxLinearSpeed);
        Checks.positive("maxAngularSpeed", maxAngularSpeed);
        Checks.positive("maxLinearAccel", maxLinearAccel);
        Checks.positive("maxAngularAccel", maxAngularAccel);
        Checks.nonNegative("motorLag", motorLag);
        Checks.notNull("camera", camera);
        Checks.notNull("lidar", lidar);
    }

    /** This robot with another mass (kg). */
    public Robot withMass(double newMass) {
        return new Robot(wheelBase, wheelRadius, newMass, height, footprint, maxLinearSpeed, maxAngularSpeed,
                maxLinearAccel, maxAngularAccel, motorLag, camera, lidar);
    }

    /** This robot with both speed limits multiplied by {@code factor} (&gt; 0). */
    public Robot withSpeedScale(double factor) {
        return new Robot(wheelBase, wheelRadius, mass, height, footprint, maxLinearSpeed * factor,
                maxAngularSpeed * factor, maxLinearAccel, maxAngularAccel, motorLag, camera, lidar);
    }

    /** This robot with another motor time constant (s). */
    public Robot withMotorLag(double newLag) {
        return new Robot(wheelBase, wheelRadius, mass, height, footprint, maxLinearSpeed, maxAngularSpeed,
                maxLinearAccel, maxAngularAccel, newLag, camera, lidar);
    }

    /** This robot with another camera. */
    public Robot withCamera(CameraSpec newCamera) {
        return new Robot(wheelBase, wheelRadius, mass, height, footprint, maxLinearSpeed, maxAngularSpeed,
                maxLinearAccel, maxAngularAccel, motorLag, newCamera, lidar);
    }
}
