package dev.wayfinder.policy.data;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The aggregated imitation dataset on disk: numbered chunk files {@code chunk-000000.bin} of up to
 * {@link #CHUNK_SAMPLES} samples, each deflate-compressed, each written atomically (temp file, fsync, rename),
 * so a directory holds only complete chunks. A sample is a camera image (raw sRGB bytes), the state vector and
 * the expert's action label. Not thread-safe.
 */
public final class Dataset implements SampleSink {
    /** Samples per chunk file. */
    public static final int CHUNK_SAMPLES = 512;
    private static final int MAGIC = 0x57464453; // "WFDS"

    private final Path dir;
    private final int imageBytes;
    private final int stateSize;
    private int chunks;
    private Chunk pending;

    /**
     * Opens (creating it when absent) the dataset in {@code dir} for images of {@code imageBytes} bytes and
     * states of {@code stateSize} floats; counts the complete chunks present and removes leftover temp files.
     */
    public Dataset(Path dir, int imageBytes, int stateSize) throws IOException {
        this.dir = dir;
        this.imageBytes = imageBytes;
        this.stateSize = stateSize;
        Files.createDirectories(dir);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(".tmp")) {
                    Files.delete(p);
                }
            }
        }
        while (Files.exists(chunkPath(chunks))) {
            chunks++;
        }
        pending = new Chunk(CHUNK_SAMPLES, imageBytes, stateSize);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** Complete chunks on disk. */
    public int chunkCount() {
        return chunks;
    }

    /** Path of chunk {@code i}. */
    public Path chunkPath(int i) {
        return dir.resolve(String.format("chunk-%06d.bin", i));
    }

    /** Appends a sample; a full chunk is written to disk. */
    @Override
    public void add(byte[] rgb, float[] state, int stateAt, int label) throws IOException {
        pending.add(rgb, state, stateAt, label);
        if (pending.size() == CHUNK_SAMPLES) {
            flush();
        }
    }

    /** Writes the pending samples (if any) as a chunk. */
    public void flush() throws IOException {
        if (pending.size() == 0) {
            return;
        }
        write(pending, chunkPath(chunks));
        chunks++;
        pending.clear();
    }

    /** Deletes chunks with index &gt;= {@code keep} and drops pending samples (used when resuming). */
    public void truncate(int keep) throws IOException {
        pending.clear();
        while (chunks > keep) {
            chunks--;
            Files.deleteIfExists(chunkPath(chunks));
        }
        int i = keep;
        while (Files.deleteIfExists(chunkPath(i))) {
            i++;
        }
    }

    /** Reads chunk {@code i}. */
    public Chunk read(int i) throws IOException {
        Path p = chunkPath(i);
        try (InputStream raw = Files.newInputStream(p);
             DataInputStream in = new DataInputStream(new BufferedInputStream(new InflaterInputStream(raw), 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(p + ": not a dataset chunk");
            }
            int n = in.readInt();
            int ib = in.readInt();
            int ss = in.readInt();
            if (ib != imageBytes || ss != stateSize || n < 1 || n > CHUNK_SAMPLES) {
                throw new IOException(p + ": chunk of " + n + " samples with " + ib + "-byte images and " + ss
                        + " state floats; this dataset has " + imageBytes + " and " + stateSize + " (recorded by another"
                        + " version of wayfinder or for another network: such a run cannot be resumed; start a new one)");
            }
            Chunk c = new Chunk(n, ib, ss);
            byte[] img = new byte[ib];
            float[] st = new float[ss];
            for (int k = 0; k < n; k++) {
                int label = in.readUnsignedByte();
                for (int j = 0; j < ss; j++) {
                    st[j] = in.readFloat();
                }
                in.readFully(img);
                c.add(img, st, 0, label);
            }
            return c;
        }
    }

    private static void write(Chunk c, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Deflater deflater = new Deflater(1);
        try (OutputStream raw = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                     new DeflaterOutputStream(raw, deflater, 1 << 16), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(c.size());
            out.writeInt(c.imageBytes());
            out.writeInt(c.stateSize());
            for (int k = 0; k < c.size(); k++) {
                out.writeByte(c.label(k));
                for (int j = 0; j < c.stateSize(); j++) {
                    out.writeFloat(c.states()[k * c.stateSize() + j]);
                }
                out.write(c.images(), k * c.imageBytes(), c.imageBytes());
            }
        } finally {
            deflater.end();
        }
        AtomicFiles.fsync(tmp);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.fsyncDir(target.getParent());
    }

    /** Helper listing: indices 0..chunkCount-1. */
    public List<Integer> indices() {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            l.add(i);
        }
        return l;
    }

}
