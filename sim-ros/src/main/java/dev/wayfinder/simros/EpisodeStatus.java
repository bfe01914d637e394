package dev.wayfinder.simros;

import dev.wayfinder.scenarios.model.Vec2;
import java.util.Objects;

/**
 * Where an episode of the simulator on ROS stands, as published on /wayfinder/episode.
 *
 * @param scenario scenario name
 * @param episode index of the episode in this run, from 0
 * @param seed the episode's seed
 * @param status running, or how it ended
 * @param reason what was hit, why it was truncated, or ""
 * @param steps control steps of the scenario so far
 * @param simSeconds simulated time since the episode started
 * @param distanceToGoal true distance to the goal, metres
 * @param pathLength true distance driven, metres
 * @param goal the goal in the odom (and map) frame
 */
public record EpisodeStatus(String scenario, int episode, long seed, Status status, String reason, int steps,
                            double simSeconds, double distanceToGoal, double pathLength, Vec2 goal) {
    /** How an episode stands. */
    public enum Status {
        /** Still going. */
        RUNNING("running"),
        /** Reached the goal. */
        SUCCESS("success"),
        /** Touched something. */
        COLLISION("collision"),
        /** Ran out of time. */
        TIMEOUT("timeout"),
        /** Cut short by the simulation (diverged, left the arena). */
        TRUNCATED("truncated"),
        /** Ended by a request on /wayfinder/reset. */
        RESET("reset");

        private final String key;

        Status(String key) {
            this.key = key;
        }

        /** @return the word published */
        public String key() {
            return key;
        }
    }

    /** Validates. */
    public EpisodeStatus {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(goal, "goal");
    }
}
