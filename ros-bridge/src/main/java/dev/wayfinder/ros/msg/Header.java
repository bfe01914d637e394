package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * std_msgs/Header.
 *
 * @param stamp acquisition time
 * @param frameId coordinate frame (REP-105 names such as "base_link")
 */
public record Header(Time stamp, String frameId) {
    /** The type. */
    public static final MessageType<Header> TYPE = MessageType.of("std_msgs/msg/Header", Header::write, Header::read);

    /** Validates non-null fields. */
    public Header {
        if (stamp == null || frameId == null) {
            throw new IllegalArgumentException("header needs a stamp and a frame id");
        }
    }

    static void write(Header v, CdrWriter w) {
        Time.write(v.stamp, w);
        w.writeString(v.frameId);
    }

    static Header read(CdrReader r) {
        return new Header(Time.read(r), r.readString());
    }
}
