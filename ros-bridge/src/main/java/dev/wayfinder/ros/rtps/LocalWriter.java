package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.behaviour.StatefulWriter;
import dev.wayfinder.ros.rtps.messages.Guid;

/** A user writer of a participant. Thread-safe; close to retract it. */
public final class LocalWriter implements AutoCloseable {
    private final Participant participant;
    private final StatefulWriter writer;

    LocalWriter(Participant participant, StatefulWriter writer) {
        this.participant = participant;
        this.writer = writer;
    }

    /** @return the writer's GUID */
    public Guid guid() {
        return writer.guid();
    }

    /**
     * Sends a sample to every matched reader (fragmented if large) and keeps it for resends.
     *
     * @param payload serialized payload with encapsulation header
     * @return its sequence number
     */
    public long write(byte[] payload) {
        participant.lock.lock();
        try {
            return writer.write(payload, null, false);
        } finally {
            participant.lock.unlock();
        }
    }

    /** @return the number of matched remote readers */
    public int matchedReaders() {
        participant.lock.lock();
        try {
            return writer.matchedReaders().size();
        } finally {
            participant.lock.unlock();
        }
    }

    /** @return how many reliable readers have acknowledged at least once (they have matched this writer too) */
    public int acknowledgingReaders() {
        participant.lock.lock();
        try {
            return writer.acknowledgingReaders();
        } finally {
            participant.lock.unlock();
        }
    }

    /** @return whether every reliable reader acknowledged everything written */
    public boolean allAcknowledged() {
        participant.lock.lock();
        try {
            return writer.allAcknowledged();
        } finally {
            participant.lock.unlock();
        }
    }

    /** @return how many samples written so far the slowest reliable reader has not acknowledged */
    public long unacknowledged() {
        participant.lock.lock();
        try {
            return writer.unacknowledged();
        } finally {
            participant.lock.unlock();
        }
    }

    @Override
    public void close() {
        participant.removeLocal(writer.guid().entityId());
    }
}
