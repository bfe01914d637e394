package dev.wayfinder.ros.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a CDR payload by a ROS 2 schema text alone (the full .msg text with its MSG: sections), flattening the
 * values into a list of leaves in field order. Test support: it knows nothing of the Java message records, so a
 * payload it decodes to the end with the same leaves as the record proves the definition text matches the codec.
 */
final class MsgDecoder {
    private record Field(String type, int array, String name) {
        static final int SCALAR = -2;
        static final int SEQUENCE = -1;
    }

    private final Map<String, List<Field>> types = new LinkedHashMap<>();
    private final String root;

    MsgDecoder(String rootName, String fullText) {
        String[] blocks = fullText.split("\n" + "=".repeat(80) + "\n");
        root = shortName(rootName);
        types.put(root, fields(pkg(root), blocks[0]));
        for (int i = 1; i < blocks.length; i++) {
            String b = blocks[i];
            if (!b.startsWith("MSG: ")) {
                throw new IllegalArgumentException("section " + i + " does not start with 'MSG: ': " + b);
            }
            int nl = b.indexOf('\n');
            String name = b.substring(5, nl).strip();
            types.put(name, fields(pkg(name), b.substring(nl + 1)));
        }
    }

    private static String shortName(String n) {
        String[] p = n.split("/");
        return p.length == 3 ? p[0] + "/" + p[2] : n;
    }

    private static String pkg(String n) {
        return n.substring(0, n.indexOf('/'));
    }

    private static List<Field> fields(String pkg, String text) {
        List<Field> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] parts = l.split("\\s+");
            if (parts[1].contains("=") || parts.length > 2 && parts[2].startsWith("=")) {
                continue; // a constant: NAME=VALUE or NAME = VALUE
            }
            String type = parts[0];
            int array = Field.SCALAR;
            int bracket = type.indexOf('[');
            if (bracket >= 0) {
                String n = type.substring(bracket + 1, type.length() - 1);
                array = n.isEmpty() || n.startsWith("<=") ? Field.SEQUENCE : Integer.parseInt(n);
                type = type.substring(0, bracket);
            }
            if (!isPrimitive(type) && !type.contains("/")) {
                type = pkg + "/" + type;
            }
            out.add(new Field(type, array, parts[1]));
        }
        return out;
    }

    private static boolean isPrimitive(String t) {
        return switch (t) {
            case "bool", "byte", "char", "int8", "uint8", "int16", "uint16", "int32", "uint32", "int64", "uint64",
                 "float32", "float64", "string" -> true;
            default -> false;
        };
    }

    /** Decodes {@code payload} (encapsulation header included); fails unless every byte is used. */
    List<Object> decode(byte[] payload) {
        ByteBuffer bb = ByteBuffer.wrap(payload).order(payload[1] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        bb.position(4);
        List<Object> leaves = new ArrayList<>();
        message(root, bb, leaves);
        int left = bb.remaining();
        // XCDR1 may pad the end to a multiple of 4 (rmw does); more than that is unread data
        if (left > 3) {
            throw new IllegalStateException(left + " bytes left after decoding " + root);
        }
        return leaves;
    }

    private void message(String type, ByteBuffer bb, List<Object> out) {
        List<Field> fs = types.get(type);
        if (fs == null) {
            throw new IllegalStateException("no definition of " + type + " in the schema text");
        }
        if (fs.isEmpty()) {
            // rosidl gives a struct without fields one uint8 member (structure_needs_at_least_one_member)
            bb.get();
            return;
        }
        for (Field f : fs) {
            if (f.array == Field.SCALAR) {
                value(f.type, bb, out);
            } else {
                int n = f.array;
                if (n == Field.SEQUENCE) {
                    align(bb, 4);
                    n = bb.getInt();
                }
                for (int i = 0; i < n; i++) {
                    value(f.type, bb, out);
                }
            }
        }
    }

    private static void align(ByteBuffer bb, int a) {
        int rel = bb.position() - 4;
        bb.position(bb.position() + (a - rel % a) % a);
    }

    private void value(String type, ByteBuffer bb, List<Object> out) {
        switch (type) {
            case "bool", "byte", "char", "uint8" -> out.add((long) (bb.get() & 0xFF));
            case "int8" -> out.add((long) bb.get());
            case "int16" -> {
                align(bb, 2);
                out.add((long) bb.getShort());
            }
            case "uint16" -> {
                align(bb, 2);
                out.add((long) (bb.getShort() & 0xFFFF));
            }
            case "int32" -> {
                align(bb, 4);
                out.add((long) bb.getInt());
            }
            case "uint32" -> {
                align(bb, 4);
                out.add(bb.getInt() & 0xFFFFFFFFL);
            }
            case "int64", "uint64" -> {
                align(bb, 8);
                out.add(bb.getLong());
            }
            case "float32" -> {
                align(bb, 4);
                out.add((double) bb.getFloat());
            }
            case "float64" -> {
                align(bb, 8);
                out.add(bb.getDouble());
            }
            case "string" -> {
                align(bb, 4);
                int n = bb.getInt();
                byte[] b = new byte[n];
                bb.get(b);
                out.add(new String(b, 0, Math.max(0, n - 1), StandardCharsets.UTF_8));
            }
            default -> message(type, bb, out);
        }
    }
}
