package dev.wayfinder.studio.ros;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One line of the ROS 2 tab's topic list.
 *
 * @param name        ROS topic, "/cmd_vel"
 * @param type        ROS type as its publishers (or subscribers) announce it, "geometry_msgs/msg/Twist"
 * @param publishers  publishers seen on other participants
 * @param subscribers subscriptions seen on other participants (the tab's own are not counted)
 * @param rateHz      messages per second measured over the last arrivals; empty before two have arrived, or when
 *                    none came for a while
 */
public record TopicRow(String name, String type, int publishers, int subscribers, OptionalDouble rateHz) {
    public TopicRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(rateHz, "rateHz");
    }

    /** The rate as the list shows it: "29.9 Hz", "0.50 Hz", or "-" when none is measured. */
    public String rateText() {
        if (rateHz.isEmpty()) {
            return "-";
        }
        double r = rateHz.getAsDouble();
        // Three significant digits; 9.996 is "10.0 Hz", not "10.00 Hz".
        return String.format(Locale.ROOT, r >= 9.95 ? "%.1f Hz" : "%.2f Hz", r);
    }
}
