package dev.wayfinder.inference.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A minimal protobuf wire-format writer. Not thread-safe. */
final class ProtoWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    byte[] toBytes() {
        return out.toByteArray();
    }

    private void tag(int field, int wire) {
        varint((long) field << 3 | wire);
    }

    private void varint(long v) {
        while ((v & ~0x7fL) != 0) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    ProtoWriter int64(int field, long v) {
        tag(field, ProtoReader.VARINT);
        varint(v);
        return this;
    }

    ProtoWriter float32(int field, float v) {
        tag(field, ProtoReader.FIXED32);
        int b = Float.floatToRawIntBits(v);
        for (int i = 0; i < 4; i++) {
            out.write(b >>> (8 * i) & 0xff);
        }
        return this;
    }

    ProtoWriter bytes(int field, byte[] v) {
        tag(field, ProtoReader.LEN);
        varint(v.length);
        out.writeBytes(v);
        return this;
    }

    ProtoWriter string(int field, String s) {
        return bytes(field, s.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter message(int field, ProtoWriter m) {
        return bytes(field, m.toBytes());
    }

    /** Packed repeated int64. */
    ProtoWriter int64s(int field, long[] v) {
        ProtoWriter p = new ProtoWriter();
        for (long x : v) {
            p.varint(x);
        }
        return bytes(field, p.toBytes());
    }

    /** Packed repeated float. */
    ProtoWriter floats(int field, float[] v) {
        byte[] b = new byte[v.length * 4];
        for (int i = 0; i < v.length; i++) {
            int x = Float.floatToRawIntBits(v[i]);
            for (int k = 0; k < 4; k++) {
                b[i * 4 + k] = (byte) (x >>> (8 * k));
            }
        }
        return bytes(field, b);
    }
}
