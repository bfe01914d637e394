package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.behaviour.StatefulReader;
import dev.wayfinder.ros.rtps.messages.Guid;

/** A user reader of a participant. Thread-safe; close to retract it. */
public final class LocalReader implements AutoCloseable {
    private final Participant participant;
    private final StatefulReader reader;

    LocalReader(Participant participant, StatefulReader reader) {
        this.participant = participant;
        this.reader = reader;
    }

    /** @return the reader's GUID */
    public Guid guid() {
        return reader.guid();
    }

    /** @return the number of matched remote writers */
    public int matchedWriters() {
        participant.lock.lock();
        try {
            return reader.matchedWriters().size();
        } finally {
            participant.lock.unlock();
        }
    }

    /** @return how many reliable writers have sent a heartbeat (they have matched this reader too) */
    public int heartbeatingWriters() {
        participant.lock.lock();
        try {
            return reader.heartbeatingWriters();
        } finally {
            participant.lock.unlock();
        }
    }

    @Override
    public void close() {
        participant.removeLocal(reader.guid().entityId());
    }
}
