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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The aggregated imitation dataset on disk: numbered chunk files {@code chunk-000000.bin} of up to
 * {@link #CHUNK_SAMPLES} samples, each deflate-compressed, each written atomically (temp file, fsync, rename),
 * so a directory holds only complete chunks. A sample is a camera image (raw sRGB bytes), the state vector and
 * the expert's action label.
 *
 * <p>A chunk filled by {@link #add} is compressed and written on a background thread while the next one fills (one
 * write in flight at most), so the collecting thread does not wait for deflate; {@link #flush}, {@link #read} and
 * {@link #truncate} first wait for it, and a failed write is thrown by the next call. The thread ends when idle. Not
 * thread-safe: one caller at a time.
 */
public final class Dataset implements SampleSink {
    /** Samples per chunk file. */
    public static final int CHUNK_SAMPLES = 512;
    private static final int MAGIC = 0x57464453; // "WFDS"

    private final Path dir;
    private final int imageBytes;
    private final int stateSize;
    private int chunks;
    /** Truncations so far: chunk files keep their contents from one to the next (see {@link #truncations}). */
    private int truncations;
    private long reads;
    private Chunk pending;
    /** The chunk being written in the background (null when none) and its write. */
    private Chunk writing;
    private Future<?> write;
    private final ExecutorService writer = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> Thread.ofPlatform().name("wayfinder-dataset-writer").daemon(true)
            .unstarted(r));

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

    /** Chunks written, the one being written in the background included (all complete on disk after {@link #flush}). */
    public int chunkCount() {
        return chunks;
    }

    /** Path of chunk {@code i}. */
    public Path chunkPath(int i) {
        return dir.resolve(String.format("chunk-%06d.bin", i));
    }

    /** Appends a sample; a full chunk is handed to the background writer (after the previous one is written). */
    @Override
    public void add(byte[] rgb, float[] state, int stateAt, int label) throws IOException {
        pending.add(rgb, state, stateAt, label);
        if (pending.size() == CHUNK_SAMPLES) {
            awaitWrite();
            Chunk full = pending;
            Path target = chunkPath(chunks);
            pending = writing != null ? writing : new Chunk(CHUNK_SAMPLES, imageBytes, stateSize);
            pending.clear();
            writing = full;
            write = writer.submit(() -> {
                write(full, target);
                return null;
            });
            chunks++;
        }
    }

    /** Waits for the chunk being written in the background, if any; throws its failure. */
    private void awaitWrite() throws IOException {
        if (write == null) {
            return;
        }
        Future<?> w = write;
        write = null;
        try {
            w.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a dataset chunk in " + dir);
        } catch (ExecutionException e) {
            chunks--;
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException("writing a dataset chunk in " + dir + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** Writes the pending samples (if any) as a chunk, and waits until every chunk is on disk. */
    public void flush() throws IOException {
        awaitWrite();
        if (pending.size() == 0) {
            return;
        }
        write(pending, chunkPath(chunks));
        chunks++;
        pending.clear();
    }

    /**
     * Truncations so far. A chunk file, once written, keeps its contents until a truncation (indices from there on
     * are written again), so chunks read while this count stays the same may be reused instead of read again.
     */
    public int truncations() {
        return truncations;
    }

    /** Deletes chunks with index &gt;= {@code keep} and drops pending samples (used when resuming). */
    public void truncate(int keep) throws IOException {
        awaitWrite();
        truncations++;
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

    /** Chunk files read and inflated so far by {@link #read}. */
    public long chunkReads() {
        return reads;
    }

    /** Reads chunk {@code i}. */
    public Chunk read(int i) throws IOException {
        awaitWrite();
        reads++;
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
