package dev.wayfinder.deploy;

import java.util.Locale;
import java.util.Objects;

/**
 * A message (or a moment) the node refused to act on, with why. Every refusal is counted by its {@link Reason} and
 * logged; the robot gets zeros instead of a command built on it.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why an input was refused; each is one counter. */
    public enum Reason {
        /** An image encoding the node does not read. */
        IMAGE_ENCODING,
        /** An image of the wrong size (against its CameraInfo), or of no or absurd size. */
        IMAGE_SIZE,
        /** An image whose row step is shorter than a row of pixels. */
        IMAGE_STEP,
        /** An image with fewer bytes than its step and height need. */
        IMAGE_TRUNCATED,
        /** A compressed image that does not decode. */
        IMAGE_UNDECODABLE,
        /** A depth image of an encoding other than 32FC1 or 16UC1. */
        DEPTH_ENCODING,
        /** A depth image not registered to the colour image, or of absurd size. */
        DEPTH_SIZE,
        /** A depth image whose step is shorter than a row. */
        DEPTH_STEP,
        /** A depth image with fewer bytes than it claims. */
        DEPTH_TRUNCATED,
        /** A CameraInfo with an unusable size or intrinsics. */
        CAMERA_INFO,
        /** Odometry with NaN or infinite values, or a degenerate orientation. */
        ODOMETRY_INVALID,
        /** A goal with NaN values, in a frame the node cannot place, or outside the map. */
        GOAL_INVALID,
        /** A map with inconsistent size, resolution or cells. */
        MAP_INVALID,
        /** A transform on /tf with NaN values or a degenerate rotation. */
        TF_INVALID,
        /** A message stamped earlier than the one before it on the same topic. */
        STAMP_BACKWARDS,
        /** A message older than the staleness limit by its stamp, or stamped in the future. */
        STAMP_STALE,
        /** The node's clock (sim time or the system clock) went back. */
        CLOCK_BACKWARDS,
        /** A frame arrived before everything needed to decide (CameraInfo, odometry, depth, map, goal). */
        INPUT_MISSING,
        /** Running the policy threw. */
        INFERENCE_FAILED;

        /** The metric label: lower case with underscores. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Reason reason;

    /**
     * @param reason  the counter
     * @param message what was wrong, where, and what was expected
     */
    public Refusal(Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The counter this refusal counts in. */
    public Reason reason() {
        return reason;
    }
}
