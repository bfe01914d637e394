package dev.wayfinder.policy.work;

import dev.wayfinder.robot.net.PolicyWeights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Policy weights as they are broadcast: their serialized bytes ({@link PolicyWeights#toBytes}), a content key (the
 * SHA-256 of the bytes, so a worker's cached copy can never be stale) and a version (the DAgger iteration whose
 * policy they are; collected samples are tagged with it).
 */
public record WeightsBlob(String key, int version, byte[] bytes) {
    public WeightsBlob {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** The blob of {@code weights} at {@code version}. */
    public static WeightsBlob of(PolicyWeights weights, int version) {
        byte[] b = weights.toBytes();
        return new WeightsBlob(keyOf(b), version, b);
    }

    /** The content key of serialized weights. */
    public static String keyOf(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The weights. */
    public PolicyWeights weights() {
        try {
            return PolicyWeights.fromBytes(bytes, "weights " + key + " (version " + version + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
