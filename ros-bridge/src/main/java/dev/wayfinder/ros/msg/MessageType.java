package dev.wayfinder.ros.msg;

import dev.wayfinder.ros.cdr.CdrException;
import dev.wayfinder.ros.cdr.CdrReader;
import dev.wayfinder.ros.cdr.CdrWriter;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A ROS 2 message type: its name and its CDR codec. Add your own by implementing this (or with {@link #of}).
 *
 * @param <T> the Java value type
 */
public interface MessageType<T> {
    /** @return the ROS name, "pkg/msg/Name" */
    String name();

    /**
     * Writes the value's fields (no encapsulation header).
     *
     * @param value the message
     * @param out the writer
     */
    void write(T value, CdrWriter out);

    /**
     * Reads the value's fields.
     *
     * @param in the reader
     * @return the message
     * @throws CdrException on malformed data
     */
    T read(CdrReader in);

    /** @return the DDS type name ROS 2 uses on the wire, "pkg::msg::dds_::Name_" */
    default String ddsTypeName() {
        String[] parts = name().split("/");
        if (parts.length != 3) {
            throw new IllegalStateException("ROS type name must be pkg/msg/Name, got " + name());
        }
        return parts[0] + "::" + parts[1] + "::dds_::" + parts[2] + "_";
    }

    /**
     * @param value the message
     * @return the serialized payload (CDR_LE with encapsulation header)
     */
    default byte[] serialize(T value) {
        CdrWriter w = new CdrWriter(false, 256);
        write(value, w);
        return w.toByteArray();
    }

    /**
     * @param payload serialized payload with encapsulation header (XCDR1 or XCDR2, either byte order); lent for the
     *     call only: a node's subscription reuses the array for a later sample once this returns, so an implementation
     *     copies what it keeps (reading through {@link CdrReader} always copies)
     * @return the message
     * @throws CdrException on malformed data
     */
    default T deserialize(byte[] payload) {
        return read(new CdrReader(payload));
    }

    /**
     * A type whose values are serialized payloads as they travel (encapsulation header included), passed through
     * unchanged: what recording and playing back any topic needs, whatever its type.
     *
     * @param name "pkg/msg/Name"
     * @return the type; {@link #serialize} and {@link #deserialize} copy the bytes, {@link #write} and {@link #read}
     *     move the bytes after the 4-byte header
     */
    static MessageType<byte[]> raw(String name) {
        if (name.split("/").length != 3) {
            throw new IllegalArgumentException("ROS type name must be pkg/msg/Name, got " + name);
        }
        return new MessageType<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(byte[] value, CdrWriter out) {
                if (value.length < 4) {
                    throw new IllegalArgumentException("a serialized payload has a 4-byte header, got " + value.length
                            + " bytes");
                }
                out.writeOctets(value, 4, value.length - 4);
            }

            @Override
            public byte[] read(CdrReader in) {
                return in.readOctets(in.remaining());
            }

            @Override
            public byte[] serialize(byte[] value) {
                return value.clone();
            }

            @Override
            public byte[] deserialize(byte[] payload) {
                if (payload.length < 4) {
                    throw new CdrException("a serialized payload has a 4-byte header, got " + payload.length + " bytes");
                }
                return payload.clone();
            }

            @Override
            public String toString() {
                return name + " (serialized)";
            }
        };
    }

    /**
     * Builds a type from a name and two functions.
     *
     * @param name "pkg/msg/Name"
     * @param writer writes the fields
     * @param reader reads the fields
     * @param <T> the value type
     * @return the type
     */
    static <T> MessageType<T> of(String name, BiConsumer<T, CdrWriter> writer, Function<CdrReader, T> reader) {
        if (name.split("/").length != 3) {
            throw new IllegalArgumentException("ROS type name must be pkg/msg/Name, got " + name);
        }
        return new MessageType<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void write(T value, CdrWriter out) {
                writer.accept(value, out);
            }

            @Override
            public T read(CdrReader in) {
                return reader.apply(in);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
