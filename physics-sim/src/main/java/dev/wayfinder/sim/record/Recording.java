package dev.wayfinder.sim.record;

import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.env.Action;
import dev.wayfinder.sim.env.EnvConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One recorded episode.
 *
 * @param scenarioName the episode's scenario name
 * @param fingerprint  {@link #fingerprint(Episode)} of the exact episode
 * @param seed         the env's reset seed
 * @param config       the env configuration (action type, action set, reward weights)
 * @param steps        every step in order; copied
 * @param outcome      how it ended: "success", "collision:&lt;what&gt;", a truncation key, or "running"
 */
public record Recording(String scenarioName, String fingerprint, long seed, EnvConfig config, List<Step> steps,
                        String outcome) {
    public Recording {
        Objects.requireNonNull(scenarioName, "scenarioName");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(config, "config");
        steps = List.copyOf(Objects.requireNonNull(steps, "steps"));
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * One step: the action, then the resulting true pose of base_link (float precision, which is JBullet's)
     * and reward.
     *
     * @param action     the action applied
     * @param x          metres
     * @param y          metres
     * @param yaw        radians
     * @param reward     the step's reward
     * @param terminated whether the step terminated the episode
     * @param truncated  whether the step truncated it
     */
    public record Step(Action action, float x, float y, float yaw, float reward, boolean terminated,
                       boolean truncated) {
        public Step {
            Objects.requireNonNull(action, "action");
        }
    }

    /** A stable fingerprint of every value in {@code e} (SHA-256 of its record text, 16 hex digits). */
    public static String fingerprint(Episode e) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(e.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", ex);
        }
    }
}
