package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.behaviour.StatefulReader;
import dev.wayfinder.ros.rtps.behaviour.StatefulWriter;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.MessageParser;
import dev.wayfinder.ros.rtps.messages.ParsedMessage;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The message receiver (spec 8.3.4): walks a datagram's submessages with the interpreter state (source,
 * destination, timestamp) and hands each entity submessage to the matching local writer or reader.
 * Called with the participant's lock held.
 */
final class Receive {
    private final Participant p;
    private List<Runnable> pending = new ArrayList<>();

    Receive(Participant p) {
        this.p = p;
    }

    /** @return where listeners queue deliveries for the datagram being handled */
    List<Runnable> pending() {
        return pending;
    }

    void onDatagram(byte[] buf, int length, List<Runnable> deliveries) {
        pending = deliveries;
        ParsedMessage m = MessageParser.parse(buf, length);
        if (m.header().isEmpty()) {
            p.malformed.record(m.error().orElse("no header"));
            return;
        }
        GuidPrefix src = m.header().get().prefix();
        if (src.equals(p.prefix)) {
            return;
        }
        p.db.touch(src, System.nanoTime());
        boolean forUs = true;
        long ts = -1;
        for (Submessage s : m.submessages()) {
            switch (s) {
                case Submessage.InfoTs t -> ts = t.nanos();
                case Submessage.InfoDst d -> forUs = d.prefix().equals(GuidPrefix.UNKNOWN) || d.prefix().equals(p.prefix);
                case Submessage.InfoSrc i -> src = i.prefix();
                default -> {
                    if (forUs) {
                        try {
                            handle(s, src, ts);
                        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                            p.malformed.record("bad " + s.getClass().getSimpleName() + " contents from " + src + ": "
                                    + e.getMessage());
                        } catch (RuntimeException e) {
                            p.handlerErrors.record(s.getClass().getSimpleName() + " from " + src + ": " + e);
                        }
                    }
                }
            }
        }
        if (m.malformed()) {
            p.malformed.record("from " + src + ": " + m.error().get());
        }
    }

    private void handle(Submessage s, GuidPrefix src, long ts) {
        switch (s) {
            case Submessage.Data d -> {
                if (d.writerId().equals(EntityId.SPDP_WRITER)) {
                    p.discovery.onSpdp(d, src);
                    return;
                }
                Guid w = new Guid(src, d.writerId());
                if ((d.writerId().equals(EntityId.SEDP_PUB_WRITER) || d.writerId().equals(EntityId.SEDP_SUB_WRITER))
                        && d.inlineQos().length > 0) {
                    EndpointData.InlineFacts f = EndpointData.inlineFacts(d.inlineQos(), d.inlineQosBigEndian());
                    if (f.disposed() && f.keyHash().isPresent()) {
                        p.discovery.onEndpointGone(f.keyHash().get());
                    }
                }
                for (StatefulReader r : readersFor(d.readerId(), w)) {
                    r.setTimestamp(ts);
                    r.onData(w, d);
                }
            }
            case Submessage.DataFrag f -> {
                Guid w = new Guid(src, f.writerId());
                for (StatefulReader r : readersFor(f.readerId(), w)) {
                    r.setTimestamp(ts);
                    r.onDataFrag(w, f);
                }
            }
            case Submessage.Heartbeat h -> {
                Guid w = new Guid(src, h.writerId());
                for (StatefulReader r : readersFor(h.readerId(), w)) {
                    r.onHeartbeat(w, h);
                }
            }
            case Submessage.Gap g -> {
                Guid w = new Guid(src, g.writerId());
                for (StatefulReader r : readersFor(g.readerId(), w)) {
                    r.onGap(w, g);
                }
            }
            case Submessage.AckNack a -> {
                StatefulWriter w = p.writers.get(a.writerId());
                if (w != null) {
                    w.onAckNack(new Guid(src, a.readerId()), a);
                }
            }
            case Submessage.NackFrag n -> {
                StatefulWriter w = p.writers.get(n.writerId());
                if (w != null) {
                    w.onNackFrag(new Guid(src, n.readerId()), n);
                }
            }
            default -> {
                // interpreter submessages are handled by the caller
            }
        }
    }

    private List<StatefulReader> readersFor(EntityId readerId, Guid writer) {
        if (!readerId.equals(EntityId.UNKNOWN)) {
            StatefulReader r = p.readers.get(readerId);
            return r != null && r.isMatched(writer) ? List.of(r) : List.of();
        }
        List<StatefulReader> out = new ArrayList<>(2);
        for (StatefulReader r : p.readers.values()) {
            if (r.isMatched(writer)) {
                out.add(r);
            }
        }
        return out;
    }
}
