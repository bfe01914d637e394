package dev.wayfinder.ros.rtps;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Real datagrams captured from Cyclone DDS and Fast DDS (test resource captured-datagrams.txt). */
public final class Captured {
    private static final Map<String, byte[]> ALL = load();

    private Captured() {
    }

    private static Map<String, byte[]> load() {
        try (InputStream in = Captured.class.getResourceAsStream("captured-datagrams.txt")) {
            Map<String, byte[]> m = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] p = line.trim().split(" ");
                    m.put(p[0], HexFormat.of().parseHex(p[1]));
                }
            }
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the datagram with that name (a copy) */
    public static byte[] get(String name) {
        byte[] b = ALL.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no captured datagram " + name);
        }
        return b.clone();
    }

    /** @return all captured datagrams by name (copies) */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        ALL.forEach((k, v) -> m.put(k, v.clone()));
        return m;
    }
}
