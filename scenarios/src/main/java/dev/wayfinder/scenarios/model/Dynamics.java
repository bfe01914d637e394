package dev.wayfinder.scenarios.model;

/**
 * Per-episode actuation and sensing imperfections (those not already folded into {@link Robot}).
 *
 * @param motorGain       multiplier on commanded wheel speeds, &gt; 0 (1 = ideal)
 * @param actuationNoise  standard deviation of multiplicative wheel-speed noise, &gt;= 0 (fraction)
 * @param controlLatency  delay between a command and its application, seconds, &gt;= 0
 * @param sensorLatency   age of observations when delivered, seconds, &gt;= 0
 * @param odometryDrift   standard deviation of the odometry error per metre travelled, &gt;= 0 (fraction)
 * @param lidarNoiseStd   standard deviation of lidar range noise, metres, &gt;= 0
 * @param imuNoiseStd     standard deviation of IMU angular-rate noise, radians per second, &gt;= 0
 * @param cameraLatency   age of camera frames when delivered, seconds, &gt;= 0: a frame delivered at time t
 *                        shows the world at {@code t - cameraLatency} (rounded to physics substeps), and its
 *                        stamp says so; unlike {@code sensorLatency} it may exceed a control period
 */
public record Dynamics(double motorGain, double actuationNoise, double controlLatency, double sensorLatency,
                       double odometryDrift, double lidarNoiseStd, double imuNoiseStd, double cameraLatency) {
    /** An ideal robot: no gain error, noise, latency or drift. */
    public static final Dynamics NOMINAL = new Dynamics(1, 0, 0, 0, 0, 0, 0, 0);

    public Dynamics {
        Checks.positive("motorGain", motorGain);
        Checks.nonNegative("actuationNoise", actuationNoise);
        Checks.nonNegative("controlLatency", controlLatency);
        Checks.nonNegative("sensorLatency", sensorLatency);
        Checks.nonNegative("odometryDrift", odometryDrift);
        Checks.nonNegative("lidarNoiseStd", lidarNoiseStd);
        Checks.nonNegative("imuNoiseStd", imuNoiseStd);
        Checks.nonNegative("cameraLatency", cameraLatency);
    }

    /** These imperfections with a camera that delivers frames without latency. */
    public Dynamics(double motorGain, double actuationNoise, double controlLatency, double sensorLatency,
                    double odometryDrift, double lidarNoiseStd, double imuNoiseStd) {
        this(motorGain, actuationNoise, controlLatency, sensorLatency, odometryDrift, lidarNoiseStd, imuNoiseStd, 0);
    }

    /** Control latency in nanoseconds (rounded). */
    public long controlLatencyNanos() {
        return Math.round(controlLatency * 1e9);
    }

    /** Sensor latency in nanoseconds (rounded). */
    public long sensorLatencyNanos() {
        return Math.round(sensorLatency * 1e9);
    }

    /** Camera latency in nanoseconds (rounded). */
    public long cameraLatencyNanos() {
        return Math.round(cameraLatency * 1e9);
    }
}
