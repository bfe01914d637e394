package dev.wayfinder.ros.cdr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class CdrTest {

    @Test
    void alignmentIsRelativeToThePayloadStartAndPaddingIsAnnounced() {
        CdrWriter w = new CdrWriter();
        w.writeInt8(7);
        w.writeFloat64(1.5);
        w.writeString("ab");
        byte[] b = w.toByteArray();
        // header(4) + octet(1) + pad(7) + double(8) + len(4) + "ab\0"(3) = 27, padded to 28 with 1 announced
        assertEquals(28, b.length);
        assertEquals(1, b[3]);
        assertEquals(1.5, ByteBuffer.wrap(b, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getDouble());
        CdrReader r = new CdrReader(b);
        assertEquals(7, r.readInt8());
        assertEquals(1.5, r.readFloat64());
        assertEquals("ab", r.readString());
    }

    @Test
    void aBufferGrownToExactlyTheMessageIsHandedOutWithItsPaddingAnnounced() {
        // An image's pixels end its message: the buffer grows to exactly them and is returned without a copy.
        byte[] px = new byte[640 * 480 * 3];
        new java.util.Random(3).nextBytes(px);
        var img = new dev.wayfinder.ros.msg.Image(new dev.wayfinder.ros.msg.Header(
                new dev.wayfinder.ros.msg.Time(1, 2), "camera"), 480, 640, "rgb8", false, 640 * 3, px);
        byte[] payload = dev.wayfinder.ros.msg.Image.TYPE.serialize(img);
        assertEquals(0, payload.length % 4);
        assertEquals(img, dev.wayfinder.ros.msg.Image.TYPE.deserialize(payload));
        // And an odd length: padded to four, the pad count in the header's last byte, read back the same.
        for (int n = 1; n <= 9; n++) {
            CdrWriter w = new CdrWriter(false, 8);
            byte[] b = new byte[n * 1000 + n];
            java.util.Arrays.fill(b, (byte) n);
            w.writeOctets(b, 0, b.length);
            byte[] out = w.toByteArray();
            assertEquals(0, out.length % 4, "n " + n);
            assertEquals((4 - (4 + b.length) % 4) % 4, out[3], "n " + n);
            assertArrayEquals(b, java.util.Arrays.copyOfRange(out, 4, 4 + b.length), "n " + n);
        }
    }

    @Test
    void bigEndianRoundTrips() {
        CdrWriter w = new CdrWriter(true, 8);
        w.writeInt16(-2);
        w.writeInt32(0x01020304);
        w.writeInt64(-5L);
        w.writeFloat32(2.25f);
        w.writeOctetSequence(ByteBuffer.wrap(new byte[] {9, 8, 7}));
        w.writeFloat64Sequence(new double[] {1, 2});
        byte[] b = w.toByteArray();
        assertEquals(0, b[1]);
        assertEquals(1, b[6 + 2]);
        CdrReader r = new CdrReader(b);
        assertEquals(Encapsulation.CDR_BE, r.encapsulation());
        assertEquals(-2, r.readInt16());
        assertEquals(0x01020304, r.readInt32());
        assertEquals(-5L, r.readInt64());
        assertEquals(2.25f, r.readFloat32());
        assertArrayEquals(new byte[] {9, 8, 7}, r.readOctetSequence());
        assertArrayEquals(new double[] {1, 2}, r.readFloat64Sequence());
    }

    @Test
    void xcdr2AlignsEightByteValuesToFour() {
        // PLAIN_CDR2 LE: int32 then double at offset 4 (XCDR1 would put it at 8)
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        b.put(0, (byte) 0).put(1, (byte) 7).putInt(4, 42).putDouble(8, 3.5);
        CdrReader r = new CdrReader(b.array());
        assertEquals(Encapsulation.CDR2_LE, r.encapsulation());
        assertEquals(42, r.readInt32());
        assertEquals(3.5, r.readFloat64());
    }

    @Test
    void malformedInputRaisesCdrExceptionOnly() {
        assertThrows(CdrException.class, () -> new CdrReader(new byte[] {0, 1}));
        assertThrows(CdrException.class, () -> new CdrReader(new byte[] {0x12, 0x34, 0, 0}));
        byte[] absurd = {0, 1, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f};
        assertThrows(CdrException.class, () -> new CdrReader(absurd).readString());
        assertThrows(CdrException.class, () -> new CdrReader(absurd).readOctetSequence());
        byte[] shortDouble = {0, 1, 0, 0, 1, 2, 3};
        assertThrows(CdrException.class, () -> new CdrReader(shortDouble).readFloat64());
    }
}
