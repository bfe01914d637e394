package dev.wayfinder.ros;

import dev.wayfinder.ros.rtps.behaviour.EndpointQos;

/**
 * A ROS 2 QoS profile: reliability, durability, history. The constants equal rmw's presets.
 *
 * @param reliable RELIABLE (true) or BEST_EFFORT
 * @param transientLocal TRANSIENT_LOCAL (true) or VOLATILE
 * @param keepAll KEEP_ALL (true) or KEEP_LAST
 * @param depth KEEP_LAST depth (>= 1)
 */
public record QosProfile(boolean reliable, boolean transientLocal, boolean keepAll, int depth) {
    /** rmw_qos_profile_default: reliable, volatile, keep last 10. */
    public static final QosProfile DEFAULT = new QosProfile(true, false, false, 10);
    /** rmw_qos_profile_sensor_data: best effort, volatile, keep last 5. */
    public static final QosProfile SENSOR_DATA = new QosProfile(false, false, false, 5);
    /** rmw_qos_profile_services_default: reliable, volatile, keep last 10. */
    public static final QosProfile SERVICES_DEFAULT = new QosProfile(true, false, false, 10);
    /** rmw_qos_profile_parameters: reliable, volatile, keep last 1000. */
    public static final QosProfile PARAMETERS = new QosProfile(true, false, false, 1000);
    /** rmw_qos_profile_parameter_events: reliable, volatile, keep last 1000. */
    public static final QosProfile PARAMETER_EVENTS = new QosProfile(true, false, false, 1000);
    /** rclcpp::ClockQoS: best effort, volatile, keep last 1. */
    public static final QosProfile CLOCK = new QosProfile(false, false, false, 1);
    /** A latched topic (like /tf_static or /map): reliable, transient local, keep last 1. */
    public static final QosProfile LATCHED = new QosProfile(true, true, false, 1);

    /** Validates the depth. */
    public QosProfile {
        if (depth < 1) {
            throw new IllegalArgumentException("QoS depth must be >= 1, got " + depth);
        }
    }

    /**
     * @param newDepth KEEP_LAST depth
     * @return a copy with that depth
     */
    public QosProfile withDepth(int newDepth) {
        return new QosProfile(reliable, transientLocal, keepAll, newDepth);
    }

    /** @return a copy with TRANSIENT_LOCAL durability */
    public QosProfile withTransientLocal() {
        return new QosProfile(reliable, true, keepAll, depth);
    }

    /** @return a copy with BEST_EFFORT reliability */
    public QosProfile withBestEffort() {
        return new QosProfile(false, transientLocal, keepAll, depth);
    }

    /** @return a copy with RELIABLE reliability */
    public QosProfile withReliable() {
        return new QosProfile(true, transientLocal, keepAll, depth);
    }

    EndpointQos toEndpointQos() {
        return new EndpointQos(reliable, transientLocal, keepAll, depth);
    }
}
