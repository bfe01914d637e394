package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * sensor_msgs/RegionOfInterest (pixels).
 *
 * @param xOffset left column
 * @param yOffset top row
 * @param height rows
 * @param width columns
 * @param doRectify whether to rectify the region
 */
public record RegionOfInterest(int xOffset, int yOffset, int height, int width, boolean doRectify) {
    /** The type. */
    public static final MessageType<RegionOfInterest> TYPE = MessageType.of("sensor_msgs/msg/RegionOfInterest",
            RegionOfInterest::write, RegionOfInterest::read);
    /** The whole image. */
    public static final RegionOfInterest FULL = new RegionOfInterest(0, 0, 0, 0, false);

    static void write(RegionOfInterest v, CdrWriter w) {
        w.writeInt32(v.xOffset);
        w.writeInt32(v.yOffset);
        w.writeInt32(v.height);
        w.writeInt32(v.width);
        w.writeBool(v.doRectify);
    }

    static RegionOfInterest read(CdrReader r) {
        return new RegionOfInterest(r.readInt32(), r.readInt32(), r.readInt32(), r.readInt32(), r.readBool());
    }
}
