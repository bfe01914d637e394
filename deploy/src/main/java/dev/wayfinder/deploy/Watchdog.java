package dev.wayfinder.deploy;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The watchdog as a pure state machine: it is told when each watched input was last fresh and when something failed,
 * on a monotonic clock the caller passes in (tests drive time explicitly), and says at any moment whether the robot may
 * move. It trips when a watched input is older than its limit (or was never seen) or when a failure is reported, and
 * stays tripped until every input is fresh again and {@link Settings#holdNanos()} has passed since the last cause.
 * Not thread-safe: the node calls it under one lock.
 */
public final class Watchdog {
    /** The inputs watched. */
    public enum Input {
        /** The camera image (the newest accepted frame). */
        IMAGE,
        /** Wheel odometry. */
        ODOMETRY,
        /** /clock (only with sim time). */
        CLOCK,
        /** The policy thread's decisions: a decision per frame, or a refusal. */
        DECISION;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param staleNanos how old an input may be, nanoseconds (default 250 ms)
     * @param holdNanos  how long zeros continue after the last cause, nanoseconds (default 1 s)
     */
    public record Settings(long staleNanos, long holdNanos) {
        /** 250 ms, 1 s. */
        public static final Settings DEFAULT = new Settings(250_000_000L, 1_000_000_000L);

        public Settings {
            if (staleNanos <= 0 || holdNanos < 0) {
                throw new IllegalArgumentException("watchdog limit must be > 0 and hold >= 0, got " + staleNanos
                        + " ns and " + holdNanos + " ns");
            }
        }
    }

    /**
     * What the watchdog says now.
     *
     * @param ok     whether the robot may move
     * @param reason why not ("image 0.31 s old", "inference failed: ..."); "ok" when it may
     */
    public record State(boolean ok, String reason) {
        static final State OK = new State(true, "ok");
    }

    private final Settings settings;
    private final Map<Input, Long> limits = new EnumMap<>(Input.class);
    private final Map<Input, Long> fresh = new EnumMap<>(Input.class);
    private boolean tripped = true;
    private boolean everOk;
    private long holdUntil = Long.MIN_VALUE;
    private String failure;
    private long failureAt;
    private String lastCause = "starting: waiting for every input";
    private long trips;

    /**
     * @param settings the limits
     * @param watched  the inputs watched, each with the staleness limit unless {@code extra} gives it more
     * @param extra    extra allowance per input, nanoseconds (the decision period for {@link Input#DECISION})
     */
    public Watchdog(Settings settings, Set<Input> watched, Map<Input, Long> extra) {
        this.settings = Objects.requireNonNull(settings, "settings");
        for (Input i : watched) {
            limits.put(i, settings.staleNanos() + extra.getOrDefault(i, 0L));
        }
    }

    /** Input {@code i} was fresh at {@code now}. */
    public void fresh(Input i, long now) {
        fresh.put(i, now);
    }

    /** Something failed at {@code now} (inference threw, the clock jumped back): trips at once. */
    public void fail(String reason, long now) {
        failure = Objects.requireNonNull(reason, "reason");
        failureAt = now;
    }

    /** Forgets when every input was last fresh (after a clock jump, stamps of before mean nothing). */
    public void forgetInputs() {
        fresh.clear();
    }

    /** The state at {@code now}; counts a trip on each change from ok to tripped. */
    public State check(long now) {
        String cause = null;
        if (failure != null) {
            cause = failure;
            failure = null;
            holdUntil = Math.max(holdUntil, failureAt + settings.holdNanos());
        }
        if (cause == null) {
            for (var e : limits.entrySet()) {
                Long at = fresh.get(e.getKey());
                if (at == null) {
                    cause = "no " + e.getKey().key() + " yet";
                    break;
                }
                long age = now - at;
                if (age > e.getValue()) {
                    cause = String.format(Locale.ROOT, "%s %.3f s old (limit %.3f s)", e.getKey().key(), age / 1e9,
                            e.getValue() / 1e9);
                    break;
                }
            }
            if (cause != null && everOk) {
                holdUntil = Math.max(holdUntil, now + settings.holdNanos());
            }
        }
        if (cause != null) {
            if (!tripped) {
                trips++;
            }
            tripped = true;
            lastCause = cause;
            return new State(false, cause);
        }
        if (tripped && now < holdUntil) {
            return new State(false, "holding zeros after: " + lastCause);
        }
        tripped = false;
        everOk = true;
        return State.OK;
    }

    /** Changes from ok to tripped so far (waiting for the first inputs at start is not one). */
    public long trips() {
        return trips;
    }

    /** The limits. */
    public Settings settings() {
        return settings;
    }
}
