package dev.wayfinder.ros.msg;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * visualization_msgs/MeshFile: a mesh sent inside a {@link Marker} instead of named by a resource.
 *
 * @param filename the file's name; its extension tells the format
 * @param data the file's bytes (copied on the way in and out)
 */
public record MeshFile(String filename, byte[] data) {
    /** The type. */
    public static final MessageType<MeshFile> TYPE = MessageType.of("visualization_msgs/msg/MeshFile", (v, w) -> {
        w.writeString(v.filename);
        w.writeOctetSequence(ByteBuffer.wrap(v.data));
    }, r -> new MeshFile(r.readString(), r.readOctetSequence()));
    /** No mesh. */
    public static final MeshFile NONE = new MeshFile("", new byte[0]);

    /** Validates and copies. */
    public MeshFile {
        if (filename == null || data == null) {
            throw new IllegalArgumentException("mesh file needs a filename and data");
        }
        data = data.clone();
    }

    /** @return a copy of the data array (the record stays immutable) */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MeshFile m && filename.equals(m.filename) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return filename.hashCode() * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MeshFile[" + filename + ", " + data.length + " bytes]";
    }
}
