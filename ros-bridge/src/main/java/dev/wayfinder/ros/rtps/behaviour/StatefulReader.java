package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.SequenceNumberSet;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A reader that keeps one proxy per matched writer (spec 8.4.12): delivers samples in order per writer
 * (reliable) or newest-wins (best effort), reassembles DATA_FRAG, answers HEARTBEAT with ACKNACK and NACK_FRAG.
 * Memory is bounded: at most {@link #MAX_PENDING} out-of-order samples and {@link #MAX_FRAGMENTED} partial
 * samples per writer, each at most {@code maxSampleSize} bytes. Not thread-safe: one caller at a time.
 */
public final class StatefulReader {
    /** Most out-of-order samples kept per writer. */
    public static final int MAX_PENDING = 256;
    /** Most samples under reassembly per writer. */
    public static final int MAX_FRAGMENTED = 4;
    /** Smallest array {@link #recycle} keeps: below it allocating is cheaper than keeping it. */
    public static final int RECYCLE_MIN = 64 * 1024;

    /** Receives delivered samples. */
    public interface Listener {
        /**
         * @param writer the remote writer
         * @param seq its sequence number
         * @param payload serialized payload with encapsulation header
         * @param sourceNanos source timestamp, or -1
         */
        void onSample(Guid writer, long seq, byte[] payload, long sourceNanos);
    }

    private final Guid guid;
    private final EndpointQos qos;
    private final Output out;
    private final Listener listener;
    private final int maxSampleSize;
    private final Map<Guid, WriterProxy> writers = new LinkedHashMap<>();
    /**
     * A delivered sample's array its listener handed back ({@link #recycle}): the next fragmented sample of exactly its
     * size is reassembled into it instead of a new array. Set from the delivering thread after the listener returned.
     */
    private final AtomicReference<byte[]> spare = new AtomicReference<>();
    private long timestamp = -1;

    /**
     * @param guid this reader
     * @param qos its QoS
     * @param out where ACKNACKs go
     * @param listener gets delivered samples
     * @param maxSampleSize largest fragmented sample accepted (bytes)
     */
    public StatefulReader(Guid guid, EndpointQos qos, Output out, Listener listener, int maxSampleSize) {
        this.guid = guid;
        this.qos = qos;
        this.out = out;
        this.listener = listener;
        this.maxSampleSize = maxSampleSize;
    }

    /** @return this reader's GUID */
    public Guid guid() {
        return guid;
    }

    /** @return the reader's QoS */
    public EndpointQos qos() {
        return qos;
    }

    /** @return matched writer GUIDs */
    public Collection<Guid> matchedWriters() {
        return List.copyOf(writers.keySet());
    }

    /** @return how many reliable writers have sent a HEARTBEAT, proving they matched this reader */
    public int heartbeatingWriters() {
        return (int) writers.values().stream().filter(p -> p.reliable && p.heartbeatSeen).count();
    }

    /** @return whether the writer is matched */
    public boolean isMatched(Guid writer) {
        return writers.containsKey(writer);
    }

    /**
     * @param writer remote writer
     * @param locators where it listens for ACKNACKs
     * @param reliable whether the writer is reliable
     */
    public void matchWriter(Guid writer, List<Locator> locators, boolean reliable) {
        writers.putIfAbsent(writer, new WriterProxy(writer, locators, reliable && qos.reliable()));
    }

    /** @param writer remote writer to forget */
    public void unmatchWriter(Guid writer) {
        writers.remove(writer);
    }

    /** @param nanos source timestamp of the following submessages, -1 if none */
    public void setTimestamp(long nanos) {
        timestamp = nanos;
    }

    /** @param d a DATA from a matched writer */
    public void onData(Guid writer, Submessage.Data d) {
        WriterProxy p = writers.get(writer);
        if (p == null || d.key() || d.payload().length == 0) {
            if (p != null && p.reliable) {
                accept(p, d.seq(), WriterProxy.IRRELEVANT);
            }
            return;
        }
        accept(p, d.seq(), d.payload());
    }

    private void accept(WriterProxy p, long seq, byte[] payload) {
        if (seq < 1) {
            return;
        }
        if (!p.reliable) {
            if (seq >= p.next) {
                p.next = seq + 1;
                p.fragments.keySet().removeIf(s -> s < p.next);
                deliver(p, seq, payload);
            }
            return;
        }
        if (seq < p.next) {
            return;
        }
        if (seq == p.next) {
            p.next++;
            deliver(p, seq, payload);
            drain(p);
        } else if (p.pending.size() < MAX_PENDING || seq < p.pending.lastKey()) {
            p.pending.put(seq, payload);
            if (p.pending.size() > MAX_PENDING) {
                p.pending.pollLastEntry();
            }
        }
    }

    private void drain(WriterProxy p) {
        while (!p.pending.isEmpty() && p.pending.firstKey() <= p.next) {
            Map.Entry<Long, byte[]> e = p.pending.pollFirstEntry();
            if (e.getKey() == p.next) {
                p.next++;
                deliver(p, e.getKey(), e.getValue());
            }
        }
        p.fragments.keySet().removeIf(s -> s < p.next);
    }

    private void deliver(WriterProxy p, long seq, byte[] payload) {
        if (payload != WriterProxy.IRRELEVANT) {
            listener.onSample(p.guid, seq, payload, timestamp);
        }
    }

    /** @param f a DATA_FRAG from a matched writer */
    public void onDataFrag(Guid writer, Submessage.DataFrag f) {
        WriterProxy p = writers.get(writer);
        if (p == null || f.seq() < p.next) {
            return;
        }
        FragmentBuffer b = p.fragments.get(f.seq());
        if (b == null) {
            byte[] reuse = spare.get();
            if (reuse != null && reuse.length == f.sampleSize() && spare.compareAndSet(reuse, null)) {
                b = FragmentBuffer.start(f, maxSampleSize, reuse);
            } else {
                b = FragmentBuffer.start(f, maxSampleSize, null);
            }
            if (b == null) {
                return;
            }
            if (p.fragments.size() >= MAX_FRAGMENTED) {
                Iterator<Long> it = p.fragments.keySet().iterator();
                it.next();
                it.remove();
            }
            p.fragments.put(f.seq(), b);
        }
        if (!b.add(f)) {
            return;
        }
        if (b.complete()) {
            p.fragments.remove(f.seq());
            accept(p, f.seq(), b.data());
        }
    }

    /**
     * Hands back the array of a sample this reader delivered, once nothing reads or keeps it any more: a later
     * fragmented sample of the same size is reassembled into it (a camera's images all have one size, so a stream of
     * them reuses one array instead of allocating one per sample). Every byte of a reassembled sample is written by
     * its fragments before it is delivered (a sample is complete only when all of them arrived), so nothing of the
     * earlier sample shows through. Thread-safe; arrays below {@link #RECYCLE_MIN} bytes are not kept.
     *
     * @param payload a payload this reader's listener received and no longer uses
     */
    public void recycle(byte[] payload) {
        if (payload != null && payload.length >= RECYCLE_MIN && payload.length <= maxSampleSize) {
            spare.set(payload);
        }
    }

    /** @param h a HEARTBEAT from a matched writer: skip what is gone, request what is missing */
    public void onHeartbeat(Guid writer, Submessage.Heartbeat h) {
        WriterProxy p = writers.get(writer);
        if (p == null || !p.reliable || h.count() <= p.lastHeartbeatCount) {
            return;
        }
        p.lastHeartbeatCount = h.count();
        p.heartbeatSeen = true;
        if (h.first() > p.next && h.first() <= h.last() + 1) {
            p.next = h.first();
            p.pending.headMap(p.next).clear();
            drain(p);
        }
        List<Long> missing = new ArrayList<>();
        List<FragmentBuffer> partial = new ArrayList<>();
        for (long s = p.next; s <= h.last() && s < p.next + SequenceNumberSet.MAX_BITS; s++) {
            FragmentBuffer b = p.fragments.get(s);
            if (b != null) {
                partial.add(b);
            } else if (!p.pending.containsKey(s)) {
                missing.add(s);
            }
        }
        boolean needed = !missing.isEmpty() || !partial.isEmpty();
        if (!needed && h.isFinal()) {
            return;
        }
        MessageBuilder m = out.message(writer.prefix());
        m.ackNack(guid.entityId(), writer.entityId(), SequenceNumberSet.of(p.next, missing), ++p.ackNackCount,
                missing.isEmpty());
        for (FragmentBuffer b : partial) {
            m.nackFrag(guid.entityId(), writer.entityId(), b.seq, b.missing(), ++p.nackFragCount);
        }
        out.send(m.toBytes(), p.locators);
    }

    /** @param g a GAP from a matched writer: the listed numbers will never come */
    public void onGap(Guid writer, Submessage.Gap g) {
        WriterProxy p = writers.get(writer);
        if (p == null || !p.reliable) {
            return;
        }
        long gapEnd = g.gapList().base() - 1;
        if (g.gapStart() <= p.next && gapEnd >= p.next) {
            p.next = gapEnd + 1;
            p.pending.headMap(p.next).clear();
        } else if (g.gapStart() > p.next && gapEnd - g.gapStart() < MAX_PENDING) {
            for (long s = g.gapStart(); s <= gapEnd; s++) {
                accept(p, s, WriterProxy.IRRELEVANT);
            }
        }
        for (long s : g.gapList().members()) {
            accept(p, s, WriterProxy.IRRELEVANT);
        }
        drain(p);
    }

    /**
     * Periodic work: a reliable reader that has matched a writer but heard no HEARTBEAT yet sends a pre-emptive
     * ACKNACK so the writer announces what it has.
     */
    public void onTimer() {
        for (WriterProxy p : writers.values()) {
            if (p.reliable && !p.heartbeatSeen) {
                MessageBuilder m = out.message(p.guid.prefix());
                m.ackNack(guid.entityId(), p.guid.entityId(), SequenceNumberSet.of(p.next, List.of()),
                        ++p.ackNackCount, false);
                out.send(m.toBytes(), p.locators);
            }
        }
    }
}
