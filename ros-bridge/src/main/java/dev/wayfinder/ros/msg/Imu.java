package dev.wayfinder.ros.msg;

/**
 * sensor_msgs/Imu.
 *
 * @param header time and sensor frame
 * @param orientation orientation
 * @param orientationCovariance 3x3
 * @param angularVelocity rad/s
 * @param angularVelocityCovariance 3x3
 * @param linearAcceleration m/s^2
 * @param linearAccelerationCovariance 3x3
 */
public record Imu(Header header, Quaternion orientation, Covariance orientationCovariance, Vector3 angularVelocity,
                  Covariance angularVelocityCovariance, Vector3 linearAcceleration,
                  Covariance linearAccelerationCovariance) {
    /** The type. */
    public static final MessageType<Imu> TYPE = MessageType.of("sensor_msgs/msg/Imu", (v, w) -> {
        Header.write(v.header, w);
        Quaternion.write(v.orientation, w);
        w.writeFloat64Array(v.orientationCovariance.raw());
        Vector3.write(v.angularVelocity, w);
        w.writeFloat64Array(v.angularVelocityCovariance.raw());
        Vector3.write(v.linearAcceleration, w);
        w.writeFloat64Array(v.linearAccelerationCovariance.raw());
    }, r -> new Imu(Header.read(r), Quaternion.read(r), new Covariance(r.readFloat64Array(9)), Vector3.read(r),
            new Covariance(r.readFloat64Array(9)), Vector3.read(r), new Covariance(r.readFloat64Array(9))));

    /** Validates the covariance sizes. */
    public Imu {
        for (Covariance c : new Covariance[] {orientationCovariance, angularVelocityCovariance,
            linearAccelerationCovariance}) {
            if (c.raw().length != 9) {
                throw new IllegalArgumentException("IMU covariances are 3x3");
            }
        }
    }
}
