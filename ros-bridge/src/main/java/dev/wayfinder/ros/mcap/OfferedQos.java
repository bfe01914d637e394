package dev.wayfinder.ros.mcap;

import dev.wayfinder.ros.QosProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code offered_qos_profiles} channel metadata of ROS 2 bags: the QoS of each publisher a topic was recorded
 * from, as a YAML list. Written in the numeric form rosbag2 reads for bags of metadata version 8 (what Humble
 * writes, and what Jazzy reads when a file's "rosbag2" metadata record carries no serialized metadata, as ours);
 * read in that form and in the named form newer rosbag2 writes ({@code reliability: reliable}).
 */
public final class OfferedQos {
    private static final int HISTORY_KEEP_LAST = 1;
    private static final int HISTORY_KEEP_ALL = 2;
    private static final int RELIABLE = 1;
    private static final int BEST_EFFORT = 2;
    private static final int TRANSIENT_LOCAL = 1;
    private static final int VOLATILE = 2;
    private static final int LIVELINESS_AUTOMATIC = 1;

    private OfferedQos() {
    }

    /**
     * @param offers the publishers' QoS
     * @return the YAML list ("" for none); deadline, lifespan and lease are 0 (the middleware's default, infinite)
     */
    public static String toYaml(List<QosProfile> offers) {
        StringBuilder s = new StringBuilder();
        for (QosProfile q : offers) {
            s.append("- history: ").append(q.keepAll() ? HISTORY_KEEP_ALL : HISTORY_KEEP_LAST).append('\n');
            s.append("  depth: ").append(q.keepAll() ? 0 : q.depth()).append('\n');
            s.append("  reliability: ").append(q.reliable() ? RELIABLE : BEST_EFFORT).append('\n');
            s.append("  durability: ").append(q.transientLocal() ? TRANSIENT_LOCAL : VOLATILE).append('\n');
            for (String d : List.of("deadline", "lifespan")) {
                s.append("  ").append(d).append(":\n    sec: 0\n    nsec: 0\n");
            }
            s.append("  liveliness: ").append(LIVELINESS_AUTOMATIC).append('\n');
            s.append("  liveliness_lease_duration:\n    sec: 0\n    nsec: 0\n");
            s.append("  avoid_ros_namespace_conventions: false\n");
        }
        return s.toString();
    }

    /**
     * Reads the list back: history, depth, reliability and durability of each profile.
     *
     * @param yaml the metadata value
     * @return the profiles, in order
     * @throws IllegalArgumentException naming the line when a value is not one rosbag2 writes
     */
    public static List<QosProfile> parse(String yaml) {
        List<QosProfile> out = new ArrayList<>();
        String[] lines = yaml.split("\r?\n");
        Builder b = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String body;
            if (line.startsWith("- ")) {
                if (b != null) {
                    out.add(b.build());
                }
                b = new Builder();
                body = line.substring(2);
            } else if (line.startsWith("  ") && !line.startsWith("   ") && b != null) {
                body = line.substring(2);
            } else {
                continue; // nested durations: not needed to publish
            }
            int colon = body.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'key: value', got '" + line + "'");
            }
            String key = body.substring(0, colon).strip();
            String value = body.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            try {
                b.set(key, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (b != null) {
            out.add(b.build());
        }
        return out;
    }

    private static final class Builder {
        private boolean reliable = true;
        private boolean transientLocal;
        private boolean keepAll;
        private int depth = 10;

        void set(String key, String v) {
            switch (key) {
                case "history" -> keepAll = switch (v) {
                    case "2", "keep_all" -> true;
                    case "0", "1", "3", "keep_last", "system_default", "unknown" -> false;
                    default -> throw bad(key, v, "1 or keep_last, 2 or keep_all");
                };
                case "depth" -> {
                    try {
                        depth = Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw bad(key, v, "a whole number");
                    }
                }
                case "reliability" -> reliable = switch (v) {
                    case "1", "reliable", "0", "system_default", "3", "unknown", "4", "best_available" -> true;
                    case "2", "best_effort" -> false;
                    default -> throw bad(key, v, "1 or reliable, 2 or best_effort");
                };
                case "durability" -> transientLocal = switch (v) {
                    case "1", "transient_local" -> true;
                    case "2", "volatile", "0", "system_default", "3", "unknown", "4", "best_available" -> false;
                    default -> throw bad(key, v, "1 or transient_local, 2 or volatile");
                };
                default -> {
                    // deadline, lifespan, liveliness...: do not change what a publisher needs to match
                }
            }
        }

        private static IllegalArgumentException bad(String key, String v, String expected) {
            return new IllegalArgumentException(key + " is '" + v + "', expected " + expected);
        }

        QosProfile build() {
            return new QosProfile(reliable, transientLocal, keepAll, Math.max(1, depth));
        }
    }
}
