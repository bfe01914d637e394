package dev.wayfinder.ros.rtps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.rtps.behaviour.EndpointQos;
import dev.wayfinder.ros.rtps.discovery.EndpointData;
import dev.wayfinder.ros.rtps.discovery.ParticipantData;
import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.SequenceNumberSet;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Feeds the receive path random, mutated and hostile datagrams. Invariants: nothing escapes onDatagram, every
 * problem is counted as malformed (none as an unexpected handler error), tables stay within their bounds.
 */
class ReceivePathFuzzTest {
    private static final int VENDOR = 0x0110;
    private static final GuidPrefix PEER = new GuidPrefix(0x0110_0000_0000_00AAL, 0xBB);
    private static final Guid PEER_WRITER = new Guid(PEER, EntityId.of(1, EntityId.KIND_WRITER_NO_KEY));
    private static final int[] IDS = {0x01, 0x06, 0x07, 0x08, 0x09, 0x0c, 0x0e, 0x12, 0x13, 0x15, 0x16, 0x80, 0xff};

    private static ParticipantConfig config() {
        return new ParticipantConfig(0, true, 4, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(5),
                1 << 20, "/", List.of());
    }

    private static byte[] spdp(GuidPrefix who, long seq) throws Exception {
        Locator lo = new Locator(InetAddress.getLoopbackAddress(), 9);
        ParticipantData d = new ParticipantData(who, VENDOR, 0, List.of(lo), List.of(lo), 0x3f, 10_000_000_000L,
                new byte[0]);
        return new MessageBuilder(VENDOR, who, 256).data(EntityId.UNKNOWN, EntityId.SPDP_WRITER, seq, null, d.encode(),
                false).toBytes();
    }

    /** Makes PEER known with a writer on rt/fuzz that the participant's reader matches. */
    private static void introducePeer(Participant p) throws Exception {
        byte[] a = spdp(PEER, 1);
        p.onDatagram(a, a.length);
        EndpointData w = new EndpointData(PEER_WRITER, "rt/fuzz", "T", new EndpointQos(true, false, false, 10),
                List.of(), true);
        byte[] b = new MessageBuilder(VENDOR, PEER, 256).data(EntityId.UNKNOWN, EntityId.SEDP_PUB_WRITER, 1, null,
                w.encode(VENDOR), false).toBytes();
        p.onDatagram(b, b.length);
        assertEquals(List.of(w), p.remoteEndpoints(), "the fuzzing peer's writer must be discovered");
    }

    private static byte[] randomSubmessages(Random r) {
        ByteBuffer b = ByteBuffer.allocate(20 + r.nextInt(1500)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'T', 'P', 'S', 2, 3, 1, 0x10});
        b.put(PEER.toBytes());
        while (b.remaining() >= 4) {
            int len = Math.min(b.remaining() - 4, r.nextInt(4) == 0 ? r.nextInt(0x10000) : r.nextInt(80));
            b.put((byte) IDS[r.nextInt(IDS.length)]).put((byte) r.nextInt(16)).putShort((short) len);
            for (int i = 0; i < Math.min(len, b.remaining()); i++) {
                b.put((byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256)));
            }
        }
        return b.array();
    }

    private static byte[] hostileFragment(Random r) {
        long sampleSize = switch (r.nextInt(4)) {
            case 0 -> 0xFFFF_FFFFL;
            case 1 -> (1L << 20) + r.nextInt(1000);
            default -> 1 + r.nextInt(50_000);
        };
        int fragSize = r.nextInt(3) == 0 ? 1 + r.nextInt(65535) : 1344;
        int start = r.nextInt(3) == 0 ? r.nextInt() : 1 + r.nextInt(40);
        byte[] body = new byte[r.nextInt(3000)];
        r.nextBytes(body);
        ByteBuffer b = ByteBuffer.allocate(20 + 4 + 32 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'R', 'T', 'P', 'S', 2, 3, 1, 0x10}).put(PEER.toBytes());
        b.put((byte) 0x16).put((byte) 1).putShort((short) (32 + body.length));
        b.putShort((short) 0).putShort((short) 28);
        b.order(ByteOrder.BIG_ENDIAN).putInt(0).putInt(PEER_WRITER.entityId().value()).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0).putInt(1 + r.nextInt(20));
        b.putInt(start).putShort((short) (r.nextInt(4) == 0 ? r.nextInt(65536) : 1 + r.nextInt(10)))
                .putShort((short) fragSize).putInt((int) sampleSize);
        b.put(body);
        return b.array();
    }

    @Test
    void nothingEscapesAndEveryProblemIsCounted() throws Exception {
        long seed = 0x5EEDL;
        Random r = new Random(seed);
        List<byte[]> corpus = new ArrayList<>(Captured.all().values());
        try (MemoryNetwork net = new MemoryNetwork(); Participant p = new Participant(config(), net.transport())) {
            AtomicInteger delivered = new AtomicInteger();
            p.createReader("rt/fuzz", "T", new EndpointQos(true, false, false, 10), s -> delivered.incrementAndGet());
            introducePeer(p);
            for (int i = 0; i < 20_000; i++) {
                byte[] d;
                switch (i % 5) {
                    case 0 -> {
                        d = new byte[r.nextInt(2000)];
                        r.nextBytes(d);
                    }
                    case 1 -> {
                        d = corpus.get(r.nextInt(corpus.size())).clone();
                        for (int k = 0, n = 1 + r.nextInt(8); k < n; k++) {
                            d[20 + r.nextInt(d.length - 20)] = (byte) r.nextInt(256);
                        }
                        if (r.nextBoolean()) {
                            d = java.util.Arrays.copyOf(d, r.nextInt(d.length + 1));
                        }
                    }
                    case 2 -> d = randomSubmessages(r);
                    case 3 -> d = hostileFragment(r);
                    default -> d = new MessageBuilder(VENDOR, PEER, 64).heartbeat(EntityId.UNKNOWN,
                            PEER_WRITER.entityId(), r.nextLong() & Long.MAX_VALUE, r.nextLong() & Long.MAX_VALUE,
                            r.nextInt(), r.nextBoolean()).gap(EntityId.UNKNOWN, PEER_WRITER.entityId(),
                            r.nextInt(1 << 30), SequenceNumberSet.of(1 + r.nextInt(1 << 30), List.of())).toBytes();
                }
                int len = r.nextInt(10) == 0 ? r.nextInt(d.length + 1) : d.length;
                p.onDatagram(d, len);
            }
            ParticipantStats s = p.stats();
            assertEquals(0, s.handlerErrors(), () -> "unexpected handler errors, seed " + seed + ": " + s);
            assertTrue(s.malformed() > 1000, () -> "malformed datagrams should be counted, seed " + seed + ": " + s);
            assertTrue(s.remoteParticipants() <= 1024 && s.remoteEndpoints() <= 16384, s.toString());
        }
    }

    @Test
    void aDiscoveryFloodIsBoundedByTheTables() throws Exception {
        Random r = new Random(42);
        try (MemoryNetwork net = new MemoryNetwork(); Participant p = new Participant(config(), net.transport())) {
            for (int i = 0; i < 5000; i++) {
                byte[] d = spdp(new GuidPrefix(0x0110_0000_0000_0000L | r.nextLong() >>> 16, r.nextInt()), 1);
                p.onDatagram(d, d.length);
            }
            ParticipantStats s = p.stats();
            assertEquals(1024, s.remoteParticipants(), s.toString());
            assertEquals(5000 - 1024, s.refusedDiscovery(), s.toString());
            assertEquals(0, s.handlerErrors(), s.toString());
        }
    }

    @Test
    void aSampleFromAMatchedWriterIsDeliveredAfterHostileFragments() throws Exception {
        Random r = new Random(7);
        try (MemoryNetwork net = new MemoryNetwork(); Participant p = new Participant(config(), net.transport())) {
            List<byte[]> got = new java.util.concurrent.CopyOnWriteArrayList<>();
            p.createReader("rt/fuzz", "T", new EndpointQos(false, false, false, 10), s -> got.add(s.payload()));
            introducePeer(p);
            for (int i = 0; i < 2000; i++) {
                byte[] d = hostileFragment(r);
                p.onDatagram(d, d.length);
            }
            byte[] ok = new MessageBuilder(VENDOR, PEER, 64).data(EntityId.UNKNOWN, PEER_WRITER.entityId(), 1000, null,
                    new byte[] {0, 1, 0, 0, 1, 2, 3, 4}, false).toBytes();
            p.onDatagram(ok, ok.length);
            long end = System.nanoTime() + 5_000_000_000L;
            while (got.stream().noneMatch(b -> b.length == 8 && b[7] == 4) && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertTrue(got.stream().anyMatch(b -> b.length == 8 && b[7] == 4), "well-formed sample not delivered");
            assertEquals(0, p.stats().handlerErrors());
        }
    }
}
