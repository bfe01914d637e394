package dev.wayfinder.ros;

import java.util.Optional;
import java.util.regex.Pattern;

/** ROS 2 topic name rules and their DDS mapping ("/cmd_vel" is the DDS topic "rt/cmd_vel"). */
public final class TopicNames {
    private static final Pattern VALID = Pattern.compile("/?[A-Za-z_~{][A-Za-z0-9_/{}]*");

    private TopicNames() {
    }

    /**
     * @param rosTopic a ROS topic, absolute ("/cmd_vel") or relative to the root namespace ("cmd_vel")
     * @return the DDS topic name
     * @throws IllegalArgumentException if the name is not a valid ROS topic name
     */
    public static String toDds(String rosTopic) {
        if (rosTopic == null || !VALID.matcher(rosTopic).matches() || rosTopic.endsWith("/") || rosTopic.contains("//")) {
            throw new IllegalArgumentException("not a valid ROS topic name: '" + rosTopic
                    + "' (expected letters, digits, _ and /, e.g. /cmd_vel)");
        }
        return "rt" + (rosTopic.startsWith("/") ? rosTopic : "/" + rosTopic);
    }

    /**
     * @param ddsTopic a DDS topic name
     * @return the ROS topic, if the DDS name is a ROS 2 topic ("rt/...")
     */
    public static Optional<String> fromDds(String ddsTopic) {
        return ddsTopic.startsWith("rt/") ? Optional.of(ddsTopic.substring(2)) : Optional.empty();
    }

    /**
     * @param ddsType a DDS type name, "pkg::msg::dds_::Name_"
     * @return the ROS type name, "pkg/msg/Name", if it follows the convention
     */
    public static Optional<String> rosType(String ddsType) {
        String[] p = ddsType.split("::");
        if (p.length == 4 && p[2].equals("dds_") && p[3].endsWith("_")) {
            return Optional.of(p[0] + "/" + p[1] + "/" + p[3].substring(0, p[3].length() - 1));
        }
        return Optional.empty();
    }
}
