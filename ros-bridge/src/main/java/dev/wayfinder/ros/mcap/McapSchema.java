package dev.wayfinder.ros.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A Schema record: how a channel's messages are laid out.
 *
 * @param id unique in the file, 1..65535
 * @param name e.g. "geometry_msgs/msg/Twist"
 * @param encoding e.g. "ros2msg"; empty when no schema is known
 * @param data the schema text or bytes (copied in and out)
 */
public record McapSchema(int id, String name, String encoding, byte[] data) {
    /** Validates and copies. */
    public McapSchema {
        if (id < 1 || id > 0xFFFF || name == null || encoding == null || data == null) {
            throw new IllegalArgumentException("schema needs an id in 1..65535, a name, an encoding and data");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** @return the data as UTF-8 text */
    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof McapSchema s && id == s.id && name.equals(s.name) && encoding.equals(s.encoding)
                && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return id * 31 + name.hashCode();
    }

    @Override
    public String toString() {
        return "McapSchema[" + id + " " + name + " " + encoding + ", " + data.length + " bytes]";
    }
}
