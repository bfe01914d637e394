package dev.wayfinder.policy.train;

import dev.wayfinder.policy.data.AtomicFiles;
import dev.wayfinder.robot.net.Crc32Trailer;
import dev.wayfinder.robot.net.PolicyWeights;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The resumable state of a training run after a finished iteration, stored in one file written atomically
 * ({@link AtomicFiles}): a crash leaves the previous checkpoint or this one, never a torn file.
 *
 * @param iteration      the last finished iteration, &gt;= 0
 * @param datasetChunks  dataset chunks that belong to the run at this point, &gt;= 0
 * @param metricsRows    rows of metrics.csv that belong to it, &gt;= 0
 * @param nextTrainIndex next unused train-split episode index, &gt;= 0
 * @param elapsedSeconds training wall time so far, &gt;= 0
 * @param weights        the network's weights
 */
public record Checkpoint(int iteration, int datasetChunks, int metricsRows, long nextTrainIndex,
                         double elapsedSeconds, PolicyWeights weights) {
    /** File name inside a run folder. */
    public static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x57464350; // "WFCP"

    public Checkpoint {
        Objects.requireNonNull(weights, "weights");
        if (iteration < 0 || datasetChunks < 0 || metricsRows < 0 || nextTrainIndex < 0 || !(elapsedSeconds >= 0)) {
            throw new IllegalArgumentException("invalid checkpoint counters");
        }
    }

    /** Writes this checkpoint to {@code dir/checkpoint.bin} atomically. */
    public void write(Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(iteration);
            out.writeInt(datasetChunks);
            out.writeInt(metricsRows);
            out.writeLong(nextTrainIndex);
            out.writeDouble(elapsedSeconds);
            byte[] w = weights.toBytes();
            out.writeInt(w.length);
            out.write(w);
        }
        AtomicFiles.write(dir.resolve(FILE), Crc32Trailer.append(bytes.toByteArray()));
    }

    /** The checkpoint in {@code dir}, if there is one. */
    public static Optional<Checkpoint> read(Path dir) throws IOException {
        Path p = dir.resolve(FILE);
        if (!Files.exists(p)) {
            return Optional.empty();
        }
        byte[] data = Files.readAllBytes(p);
        if (data.length < 40) {
            throw new IOException(p + ": truncated checkpoint");
        }
        int body = Crc32Trailer.verify(data, p.toString(), "the checkpoint");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, 0, body))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(p + ": not a wayfinder checkpoint");
            }
            int it = in.readInt();
            int chunks = in.readInt();
            int rows = in.readInt();
            long next = in.readLong();
            double elapsed = in.readDouble();
            byte[] w = new byte[in.readInt()];
            in.readFully(w);
            return Optional.of(new Checkpoint(it, chunks, rows, next, elapsed, PolicyWeights.fromBytes(w, p.toString())));
        }
    }
}
