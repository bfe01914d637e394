package dev.wayfinder.sim.record;

import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.ActionMode;
import dev.wayfinder.sim.env.ActionSet;
import dev.wayfinder.sim.env.EnvConfig;
import dev.wayfinder.sim.env.RewardWeights;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes {@link Recording}s: gzip'd big-endian binary, "WFREC" and a version byte, the header
 * (scenario, fingerprint, seed, config, outcome) and 17-21 bytes per step before compression. Stateless.
 */
public final class RecordingFile {
    private static final byte[] MAGIC = {'W', 'F', 'R', 'E', 'C'};
    private static final int VERSION = 1;
    private static final int MAX_STEPS = 10_000_000;
    private static final int MAX_ACTIONS = 4096;

    private RecordingFile() {
    }

    /** The file name {@code wayfinder sim run --record} gives the recording of {@code scenario}'s episode {@code seed}. */
    public static String fileName(String scenario, long seed) {
        return scenario + "-" + seed + ".wfrec";
    }

    /** Writes {@code r} to {@code file}, replacing it. */
    public static void write(Recording r, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            write(r, os);
        }
    }

    /** Writes {@code r} to {@code out} (not closed). */
    public static void write(Recording r, OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(gz));
        d.write(MAGIC);
        d.writeByte(VERSION);
        d.writeUTF(r.scenarioName());
        d.writeUTF(r.fingerprint());
        d.writeLong(r.seed());
        EnvConfig c = r.config();
        d.writeByte(c.actionMode().ordinal());
        d.writeShort(c.actions().size());
        for (ActionSet.Entry e : c.actions().actions()) {
            d.writeUTF(e.name());
            d.writeDouble(e.linear());
            d.writeDouble(e.angular());
        }
        RewardWeights w = c.reward();
        d.writeDouble(w.progress());
        d.writeDouble(w.success());
        d.writeDouble(w.collision());
        d.writeDouble(w.time());
        d.writeUTF(r.outcome());
        d.writeInt(r.steps().size());
        for (Recording.Step s : r.steps()) {
            int flags = (s.terminated() ? 1 : 0) | (s.truncated() ? 2 : 0);
            if (s.action() instanceof Action.Velocity v) {
                d.writeByte(flags | 4);
                d.writeDouble(v.v());
                d.writeDouble(v.omega());
            } else {
                d.writeByte(flags);
                d.writeShort(((Action.Discrete) s.action()).index());
            }
            d.writeFloat(s.x());
            d.writeFloat(s.y());
            d.writeFloat(s.yaw());
            d.writeFloat(s.reward());
        }
        d.flush();
        gz.finish();
    }

    /** Reads a recording from {@code file}. */
    public static Recording read(Path file) throws IOException {
        try (InputStream is = Files.newInputStream(file)) {
            return read(is, file.toString());
        }
    }

    /**
     * Reads a recording from {@code in} (not closed); {@code name} names the source in error messages.
     *
     * @throws IOException when the data is not a recording of a supported version, or is damaged
     */
    public static Recording read(InputStream in, String name) throws IOException {
        DataInputStream d;
        try {
            d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
        } catch (IOException e) {
            throw new IOException(name + ": not a recording (expected gzip data): " + e.getMessage(), e);
        }
        try {
            byte[] magic = d.readNBytes(MAGIC.length);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(name + ": not a recording (bad magic)");
            }
            int version = d.readUnsignedByte();
            if (version != VERSION) {
                throw new IOException(name + ": recording version " + version + ", this build reads " + VERSION);
            }
            String scenario = d.readUTF();
            String fingerprint = d.readUTF();
            long seed = d.readLong();
            int mode = d.readUnsignedByte();
            if (mode >= ActionMode.values().length) {
                throw new IOException(name + ": unknown action mode " + mode);
            }
            int n = d.readUnsignedShort();
            if (n < 1 || n > MAX_ACTIONS) {
                throw new IOException(name + ": action set size " + n + " out of range 1.." + MAX_ACTIONS);
            }
            List<ActionSet.Entry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                entries.add(new ActionSet.Entry(d.readUTF(), d.readDouble(), d.readDouble()));
            }
            RewardWeights w = new RewardWeights(d.readDouble(), d.readDouble(), d.readDouble(), d.readDouble());
            EnvConfig config = new EnvConfig(ActionMode.values()[mode], new ActionSet(entries), w);
            String outcome = d.readUTF();
            int count = d.readInt();
            if (count < 0 || count > MAX_STEPS) {
                throw new IOException(name + ": step count " + count + " out of range 0.." + MAX_STEPS);
            }
            List<Recording.Step> steps = new ArrayList<>(Math.min(count, 65536));
            for (int i = 0; i < count; i++) {
                int flags = d.readUnsignedByte();
                Action a = (flags & 4) != 0 ? new Action.Velocity(d.readDouble(), d.readDouble())
                        : new Action.Discrete(d.readUnsignedShort());
                steps.add(new Recording.Step(a, d.readFloat(), d.readFloat(), d.readFloat(), d.readFloat(),
                        (flags & 1) != 0, (flags & 2) != 0));
            }
            return new Recording(scenario, fingerprint, seed, config, steps, outcome);
        } catch (java.io.EOFException e) {
            throw new IOException(name + ": recording is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new IOException(name + ": damaged recording: " + e.getMessage(), e);
        }
    }
}
