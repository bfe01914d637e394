package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;

/**
 * std_msgs/ColorRGBA: a colour with channels in 0..1.
 *
 * @param r red
 * @param g green
 * @param b blue
 * @param a opacity (0 is invisible in RViz)
 */
public record ColorRGBA(float r, float g, float b, float a) {
    /** The type. */
    public static final MessageType<ColorRGBA> TYPE = MessageType.of("std_msgs/msg/ColorRGBA", ColorRGBA::write,
            ColorRGBA::read);

    static void write(ColorRGBA v, CdrWriter w) {
        w.writeFloat32(v.r);
        w.writeFloat32(v.g);
        w.writeFloat32(v.b);
        w.writeFloat32(v.a);
    }

    static ColorRGBA read(CdrReader in) {
        return new ColorRGBA(in.readFloat32(), in.readFloat32(), in.readFloat32(), in.readFloat32());
    }
}
