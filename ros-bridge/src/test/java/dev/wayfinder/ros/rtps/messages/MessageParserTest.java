package dev.wayfinder.ros.rtps.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.rtps.Captured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageParserTest {
    private static final GuidPrefix ME = new GuidPrefix(0x01F0_1122_3344_5566L, 0x778899aa);

    private static ParsedMessage parse(byte[] b) {
        return MessageParser.parse(b, b.length);
    }

    @Test
    void everyCapturedDatagramParsesCompletely() {
        for (Map.Entry<String, byte[]> e : Captured.all().entrySet()) {
            ParsedMessage m = parse(e.getValue());
            assertFalse(m.malformed(), () -> e.getKey() + ": " + m.error());
            assertTrue(m.header().isPresent(), e.getKey());
            assertFalse(m.submessages().isEmpty(), e.getKey());
        }
    }

    @Test
    void fastDdsVendorSubmessageIsSkipped() {
        ParsedMessage m = parse(Captured.get("fastdds-twist"));
        assertEquals(0x010f, m.header().orElseThrow().vendorId());
        assertEquals(1, m.skipped());
        assertTrue(m.submessages().stream().anyMatch(s -> s instanceof Submessage.Data));
    }

    @Test
    void cycloneImageFragmentHasCyclonesGeometry() {
        ParsedMessage m = parse(Captured.get("cyclone-image-first-fragment"));
        Submessage.DataFrag f = m.submessages().stream().filter(s -> s instanceof Submessage.DataFrag)
                .map(s -> (Submessage.DataFrag) s).findFirst().orElseThrow();
        assertEquals(1, f.fragmentStart());
        assertEquals(10, f.fragmentsInSubmessage());
        assertEquals(1344, f.fragmentSize());
        assertEquals(921_652, f.sampleSize());
        assertEquals(13_440, f.data().length);
        assertEquals(0x00, f.data()[0]);
        assertEquals(0x01, f.data()[1]);
    }

    @Test
    void everyPrefixOfACapturedDatagramParsesWithoutThrowing() {
        for (Map.Entry<String, byte[]> e : Captured.all().entrySet()) {
            byte[] b = e.getValue();
            for (int len = 0; len < Math.min(b.length, 600); len++) {
                ParsedMessage m = MessageParser.parse(b, len);
                assertTrue(len >= Header.LENGTH || m.header().isEmpty(), e.getKey());
            }
        }
    }

    @Test
    void builtMessagesParseBackToTheSameSubmessages() {
        EntityId r = EntityId.of(7, EntityId.KIND_READER_NO_KEY);
        EntityId w = EntityId.of(9, EntityId.KIND_WRITER_NO_KEY);
        byte[] sample = new byte[5000];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = (byte) i;
        }
        SequenceNumberSet set = SequenceNumberSet.of(40, List.of(40L, 45L, 100L));
        byte[] msg = new MessageBuilder(0x01F0, ME, 64).infoDst(ME).infoTs(1_700_000_000_123_456_789L)
                .data(r, w, 42, null, new byte[] {0, 1, 0, 0, 5, 6, 7, 8}, false)
                .dataFrag(r, w, 43, 2, 2, 1344, sample)
                .heartbeat(r, w, 3, 43, 17, true)
                .ackNack(r, w, set, 5, false)
                .nackFrag(r, w, 43, SequenceNumberSet.of(1, List.of(1L, 3L)), 6)
                .gap(r, w, 10, SequenceNumberSet.of(12, List.of(14L)))
                .toBytes();
        ParsedMessage m = parse(msg);
        assertFalse(m.malformed(), () -> m.error().get());
        List<Submessage> s = m.submessages();
        assertEquals(new Submessage.InfoDst(ME), s.get(0));
        assertEquals(1_700_000_000_123_456_789L, ((Submessage.InfoTs) s.get(1)).nanos(), 2.0);
        Submessage.Data d = assertInstanceOf(Submessage.Data.class, s.get(2));
        assertEquals(42, d.seq());
        assertEquals(w, d.writerId());
        assertEquals(8, d.payload().length);
        Submessage.DataFrag f = assertInstanceOf(Submessage.DataFrag.class, s.get(3));
        assertEquals(2, f.fragmentStart());
        assertEquals(2688, f.data().length);
        assertEquals(sample[1344], f.data()[0]);
        assertEquals(new Submessage.Heartbeat(r, w, 3, 43, 17, true, false), s.get(4));
        assertEquals(new Submessage.AckNack(r, w, set, 5, false), s.get(5));
        assertEquals(List.of(40L, 45L, 100L), ((Submessage.AckNack) s.get(5)).state().members());
        assertEquals(List.of(1L, 3L), ((Submessage.NackFrag) s.get(6)).missing().members());
        Submessage.Gap g = assertInstanceOf(Submessage.Gap.class, s.get(7));
        assertEquals(10, g.gapStart());
        assertEquals(List.of(14L), g.gapList().members());
    }

    @Test
    void absurdLengthsEndParsingWithAReason() {
        byte[] msg = new MessageBuilder(0x01F0, ME, 64).heartbeat(EntityId.UNKNOWN, EntityId.SEDP_PUB_WRITER, 1, 2, 3,
                false).toBytes();
        msg[Header.LENGTH + 2] = (byte) 0xff;
        msg[Header.LENGTH + 3] = (byte) 0x7f;
        ParsedMessage m = parse(msg);
        assertTrue(m.malformed());
        assertTrue(m.error().get().contains("claims"), m.error().get());
        assertFalse(parse(new byte[] {'R', 'T', 'P', 'X'}).header().isPresent());
    }
}
