package dev.wayfinder.ros.msg;

/**
 * rosgraph_msgs/Clock: simulation time on /clock.
 *
 * @param clock the time
 */
public record Clock(Time clock) {
    /** The type. */
    public static final MessageType<Clock> TYPE = MessageType.of("rosgraph_msgs/msg/Clock",
            (v, w) -> Time.write(v.clock, w), r -> new Clock(Time.read(r)));
}
