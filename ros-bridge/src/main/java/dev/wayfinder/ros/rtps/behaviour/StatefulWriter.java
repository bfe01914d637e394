package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.SequenceNumberSet;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A writer that keeps one proxy per matched reader (spec 8.4.9): sends each sample to every reader, keeps a
 * history of the QoS depth (plus unacknowledged samples, up to {@link #MAX_UNACKED_BYTES}), and for reliable readers answers ACKNACK with resends and GAPs, NACK_FRAG with
 * fragment resends, and sends HEARTBEATs while something is unacknowledged. Samples larger than
 * {@link #maxUnfragmented} go out as DATA_FRAG. Not thread-safe: one caller at a time.
 */
public final class StatefulWriter {
    /** Fragment size in bytes (Cyclone DDS's default, fits an Ethernet MTU). */
    public static final int FRAGMENT_SIZE = 1344;
    /** Fragments per DATA_FRAG submessage (one submessage per datagram). */
    public static final int FRAGMENTS_PER_MESSAGE = 10;
    private static final int maxUnfragmented = FRAGMENT_SIZE * FRAGMENTS_PER_MESSAGE;
    /** Most bytes kept beyond the history depth for reliable readers that have not acknowledged them. */
    public static final long MAX_UNACKED_BYTES = 16L << 20;

    private final Guid guid;
    private final EndpointQos qos;
    private final Output out;
    private final TreeMap<Long, Sample> history = new TreeMap<>();
    private final Map<Guid, ReaderProxy> readers = new LinkedHashMap<>();
    private long lastSeq;
    private int heartbeatCount;
    private long historyBytes;

    /**
     * Keeps the QoS depth, and beyond it samples some reliable reader has not acknowledged yet, as long as the
     * history stays under {@link #MAX_UNACKED_BYTES}: a reader that stalls briefly still gets every sample.
     */
    private void trimHistory() {
        if (qos.keepAll()) {
            return;
        }
        long oldestUnacked = Long.MAX_VALUE;
        for (ReaderProxy p : readers.values()) {
            if (p.reliable) {
                oldestUnacked = Math.min(oldestUnacked, p.ackedBelow);
            }
        }
        while (history.size() > qos.depth()) {
            Map.Entry<Long, Sample> first = history.firstEntry();
            if (first.getKey() >= oldestUnacked && historyBytes <= MAX_UNACKED_BYTES) {
                return;
            }
            history.pollFirstEntry();
            historyBytes -= first.getValue().payload.length;
        }
    }

    /** One history entry. */
    private record Sample(byte[] payload, byte[] inlineQos, boolean key) {
    }

    /**
     * @param guid this writer
     * @param qos its QoS (history depth bounds the resend history unless keep-all)
     * @param out where messages go
     */
    public StatefulWriter(Guid guid, EndpointQos qos, Output out) {
        this.guid = guid;
        this.qos = qos;
        this.out = out;
    }

    /** @return this writer's GUID */
    public Guid guid() {
        return guid;
    }

    /** @return the writer's QoS */
    public EndpointQos qos() {
        return qos;
    }

    /** @return the GUIDs of matched readers */
    public Collection<Guid> matchedReaders() {
        return List.copyOf(readers.keySet());
    }

    /** @return the last sequence number written (0 before the first) */
    public long lastSequence() {
        return lastSeq;
    }

    /**
     * Matches a remote reader. A transient-local writer sends it the history at once.
     *
     * @param reader remote reader
     * @param locators where it listens
     * @param reliable whether the reader is reliable
     */
    public void matchReader(Guid reader, List<Locator> locators, boolean reliable) {
        if (readers.containsKey(reader)) {
            return;
        }
        long first = qos.transientLocal() ? 1 : lastSeq + 1;
        ReaderProxy p = new ReaderProxy(reader, locators, reliable && qos.reliable(), first);
        readers.put(reader, p);
        if (qos.transientLocal()) {
            for (Map.Entry<Long, Sample> e : history.entrySet()) {
                sendSample(p, e.getKey(), e.getValue(), false);
            }
        }
        if (p.reliable) {
            heartbeat(p, false);
        }
    }

    /** @param reader remote reader to forget */
    public void unmatchReader(Guid reader) {
        if (readers.remove(reader) != null) {
            trimHistory();
        }
    }

    /**
     * Writes a sample to every matched reader.
     *
     * @param payload serialized payload with encapsulation header
     * @param inlineQos encoded inline QoS or null
     * @param key whether the payload is a key only (dispose)
     * @return the sequence number given to it
     */
    public long write(byte[] payload, byte[] inlineQos, boolean key) {
        long seq = ++lastSeq;
        Sample s = new Sample(payload, inlineQos, key);
        history.put(seq, s);
        historyBytes += payload.length;
        trimHistory();
        for (ReaderProxy p : readers.values()) {
            sendSample(p, seq, s, p.reliable);
        }
        return seq;
    }

    private void sendSample(ReaderProxy p, long seq, Sample s, boolean withHeartbeat) {
        EntityId rid = p.guid.entityId();
        if (s.payload.length <= maxUnfragmented || s.key) {
            MessageBuilder m = out.message(p.guid.prefix()).infoTs(out.nowNanos())
                    .data(rid, guid.entityId(), seq, s.inlineQos, s.payload, s.key);
            if (withHeartbeat) {
                appendHeartbeat(m, p, true);
            }
            out.send(m.toBytes(), p.locators);
            return;
        }
        int total = fragmentCount(s.payload.length);
        for (int f = 1; f <= total; f += FRAGMENTS_PER_MESSAGE) {
            sendFragments(p, seq, s, f, Math.min(FRAGMENTS_PER_MESSAGE, total - f + 1),
                    withHeartbeat && f + FRAGMENTS_PER_MESSAGE > total);
        }
    }

    private void sendFragments(ReaderProxy p, long seq, Sample s, int first, int count, boolean withHeartbeat) {
        MessageBuilder m = out.message(p.guid.prefix()).infoTs(out.nowNanos())
                .dataFrag(p.guid.entityId(), guid.entityId(), seq, first, count, FRAGMENT_SIZE, s.payload);
        if (withHeartbeat) {
            appendHeartbeat(m, p, false);
        }
        out.send(m.toBytes(), p.locators);
    }

    private static int fragmentCount(int size) {
        return (size + FRAGMENT_SIZE - 1) / FRAGMENT_SIZE;
    }

    private long firstAvailable(ReaderProxy p) {
        long first = history.isEmpty() ? lastSeq + 1 : history.firstKey();
        return Math.max(first, p.firstRelevant);
    }

    private void appendHeartbeat(MessageBuilder m, ReaderProxy p, boolean isFinal) {
        long first = firstAvailable(p);
        long last = Math.max(lastSeq, first - 1);
        m.heartbeat(p.guid.entityId(), guid.entityId(), first, last, ++heartbeatCount, isFinal);
    }

    private void heartbeat(ReaderProxy p, boolean isFinal) {
        MessageBuilder m = out.message(p.guid.prefix());
        appendHeartbeat(m, p, isFinal);
        out.send(m.toBytes(), p.locators);
    }

    /**
     * Periodic work: a HEARTBEAT to every reliable reader that has not acknowledged everything, or has not
     * answered at all yet (it may not have matched this writer yet).
     */
    public void onTimer() {
        for (ReaderProxy p : readers.values()) {
            if (p.reliable && (p.ackedBelow <= lastSeq || !p.acknowledged)) {
                heartbeat(p, false);
            }
        }
    }

    /** @return how many reliable readers have acknowledged at least once, proving they matched this writer */
    public int acknowledgingReaders() {
        return (int) readers.values().stream().filter(p -> p.reliable && p.acknowledged).count();
    }

    /** @return whether every reliable reader has acknowledged everything written */
    public boolean allAcknowledged() {
        return readers.values().stream().noneMatch(p -> p.reliable && p.ackedBelow <= lastSeq);
    }

    /**
     * @return how many of the samples written so far the slowest reliable reader has not acknowledged (0 without
     *     reliable readers); a caller that wants flow control waits for this to fall before writing more
     */
    public long unacknowledged() {
        long most = 0;
        for (ReaderProxy p : readers.values()) {
            if (p.reliable) {
                most = Math.max(most, lastSeq + 1 - p.ackedBelow);
            }
        }
        return most;
    }

    /**
     * Handles an ACKNACK from a matched reader: records the acknowledgement, resends what is requested and still
     * in the history, and sends GAP for the rest.
     *
     * @param reader the reader's GUID
     * @param a the submessage
     */
    public void onAckNack(Guid reader, Submessage.AckNack a) {
        ReaderProxy p = readers.get(reader);
        if (p == null || !p.reliable) {
            return;
        }
        p.acknowledged = true;
        if (a.count() <= p.lastAckCount && p.lastAckCount != Integer.MIN_VALUE) {
            return;
        }
        p.lastAckCount = a.count();
        long base = Math.min(a.state().base(), lastSeq + 1);
        p.ackedBelow = Math.max(p.ackedBelow, base);
        trimHistory();
        List<Long> gaps = new ArrayList<>();
        boolean resent = false;
        for (long seq : a.state().members()) {
            Sample s = history.get(seq);
            if (s == null || seq < p.firstRelevant) {
                if (seq <= lastSeq) {
                    gaps.add(seq);
                }
            } else {
                sendSample(p, seq, s, false);
                resent = true;
            }
        }
        if (!gaps.isEmpty()) {
            sendGap(p, gaps);
        }
        // a non-final ACKNACK asks for an answer (spec 8.4.2.2.4): also the pre-emptive one of a reader that has
        // not heard a heartbeat yet, which otherwise would never learn that this writer has matched it
        if (resent || !gaps.isEmpty() || !a.isFinal()) {
            heartbeat(p, false);
        }
    }

    private void sendGap(ReaderProxy p, List<Long> gaps) {
        long start = gaps.get(0);
        long end = start;
        while (gaps.contains(end + 1)) {
            end++;
        }
        SequenceNumberSet rest = SequenceNumberSet.of(end + 1, gaps);
        MessageBuilder m = out.message(p.guid.prefix()).gap(p.guid.entityId(), guid.entityId(), start, rest);
        out.send(m.toBytes(), p.locators);
    }

    /**
     * Handles a NACK_FRAG: resends the requested fragments of a sample still in the history.
     *
     * @param reader the reader's GUID
     * @param n the submessage
     */
    public void onNackFrag(Guid reader, Submessage.NackFrag n) {
        ReaderProxy p = readers.get(reader);
        if (p == null || !p.reliable || n.count() <= p.lastNackFragCount && p.lastNackFragCount != Integer.MIN_VALUE) {
            return;
        }
        p.lastNackFragCount = n.count();
        Sample s = history.get(n.seq());
        if (s == null) {
            if (n.seq() <= lastSeq) {
                sendGap(p, List.of(n.seq()));
            }
            return;
        }
        int total = fragmentCount(s.payload.length);
        for (long f : n.missing().members()) {
            if (f >= 1 && f <= total) {
                sendFragments(p, n.seq(), s, (int) f, 1, false);
            }
        }
        heartbeat(p, false);
    }
}
