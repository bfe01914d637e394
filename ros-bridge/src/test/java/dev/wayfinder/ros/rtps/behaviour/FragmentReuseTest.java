package dev.wayfinder.ros.rtps.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.MessageParser;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reassembly into recycled arrays: a sample's array is reused only once its listener handed it back, and a reused
 * array holds exactly the new sample. Datagrams are parsed from one buffer that is overwritten between them, as the
 * socket's receive loop does, so fragment bytes read after their datagram would show up as wrong bytes.
 */
class FragmentReuseTest {
    private static final GuidPrefix WRITER_SIDE = new GuidPrefix(0x01F0_0000_0000_0001L, 1);
    private static final Guid W = new Guid(WRITER_SIDE, EntityId.of(1, EntityId.KIND_WRITER_NO_KEY));
    private static final Guid R = new Guid(new GuidPrefix(0x01F0_0000_0000_0002L, 2),
            EntityId.of(1, EntityId.KIND_READER_NO_KEY));
    private static final int FRAGMENT = 1344;
    private static final int SIZE = 640 * 120 * 3 + 4;

    private final List<byte[]> delivered = new ArrayList<>();
    private final byte[] datagram = new byte[65_536];
    private final StatefulReader reader;

    FragmentReuseTest() {
        Output none = new Output() {
            @Override
            public MessageBuilder message(GuidPrefix destination) {
                return new MessageBuilder(0x01F0, R.prefix(), 64);
            }

            @Override
            public void send(byte[] message, List<Locator> to) {
            }

            @Override
            public long nowNanos() {
                return 0;
            }
        };
        reader = new StatefulReader(R, new EndpointQos(false, false, false, 1), none,
                (w, s, p, t) -> delivered.add(p), 1 << 22);
        reader.matchWriter(W, List.of(), false);
    }

    private static byte[] sample(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Sends {@code fragments} (1-based numbers) of {@code sample} as sequence {@code seq}, ten per datagram. */
    private void send(long seq, byte[] sample, List<Integer> fragments) {
        for (int i = 0; i < fragments.size(); i += 10) {
            MessageBuilder m = new MessageBuilder(0x01F0, WRITER_SIDE, 16_000);
            for (int k = i; k < Math.min(fragments.size(), i + 10); k++) {
                m.dataFrag(R.entityId(), W.entityId(), seq, fragments.get(k), 1, FRAGMENT, sample);
            }
            byte[] bytes = m.toBytes();
            java.util.Arrays.fill(datagram, (byte) 0x5A);
            System.arraycopy(bytes, 0, datagram, 0, bytes.length);
            for (Submessage s : MessageParser.parse(datagram, bytes.length).submessages()) {
                if (s instanceof Submessage.DataFrag f) {
                    reader.onDataFrag(W, f);
                }
            }
        }
        java.util.Arrays.fill(datagram, (byte) 0x5A);
    }

    private static List<Integer> shuffledFragments(int size, Random order) {
        List<Integer> all = new ArrayList<>();
        for (int f = 1; f <= (size + FRAGMENT - 1) / FRAGMENT; f++) {
            all.add(f);
        }
        Collections.shuffle(all, order);
        return all;
    }

    @Test
    void aRecycledArrayIsReusedAndHoldsOnlyTheNewSample() {
        for (long seed = 1; seed <= 5; seed++) {
            delivered.clear();
            long s = seed * 10;
            Random order = new Random(seed);
            byte[] first = sample(seed, SIZE);
            send(s, first, shuffledFragments(SIZE, order));
            assertEquals(1, delivered.size(), "seed " + seed);
            byte[] firstArray = delivered.get(0);
            assertArrayEquals(first, firstArray, "seed " + seed);
            reader.recycle(firstArray);
            // A sample of mostly zeros into an array full of random bytes: any byte not overwritten would show.
            byte[] second = new byte[SIZE];
            second[0] = 1;
            second[SIZE - 1] = 2;
            List<Integer> fragments = shuffledFragments(SIZE, order);
            fragments.add(fragments.get(3)); // a repeated fragment changes nothing
            send(s + 1, second, fragments);
            assertEquals(2, delivered.size(), "seed " + seed);
            assertSame(firstArray, delivered.get(1), "the handed-back array is reused, seed " + seed);
            assertArrayEquals(second, delivered.get(1), "only the new sample's bytes, seed " + seed);
        }
    }

    @Test
    void anArrayStillInUseIsNeverWrittenTo() {
        byte[] first = sample(1, SIZE);
        send(1, first, shuffledFragments(SIZE, new Random(1)));
        byte[] kept = delivered.get(0);
        // Not handed back: later samples of the same size get arrays of their own.
        byte[] second = sample(2, SIZE);
        send(2, second, shuffledFragments(SIZE, new Random(2)));
        byte[] third = sample(3, SIZE);
        send(3, third, shuffledFragments(SIZE, new Random(3)));
        assertArrayEquals(first, kept);
        assertNotSame(kept, delivered.get(1));
        assertNotSame(kept, delivered.get(2));
        assertNotSame(delivered.get(1), delivered.get(2));
        assertArrayEquals(second, delivered.get(1));
        assertArrayEquals(third, delivered.get(2));
        // Handing back the second one lends it to the fourth only; the first and third stay as they were.
        reader.recycle(delivered.get(1));
        byte[] fourth = sample(4, SIZE);
        send(4, fourth, shuffledFragments(SIZE, new Random(4)));
        assertSame(delivered.get(1), delivered.get(3));
        assertArrayEquals(fourth, delivered.get(3));
        assertArrayEquals(first, kept);
        assertArrayEquals(third, delivered.get(2));
    }

    @Test
    void aSampleLeftIncompleteInARecycledArrayIsNeverDelivered() {
        byte[] first = sample(1, SIZE);
        send(1, first, shuffledFragments(SIZE, new Random(1)));
        reader.recycle(delivered.get(0));
        // The second sample takes the recycled array but loses its last fragments; the third overtakes it.
        byte[] second = sample(2, SIZE);
        List<Integer> some = shuffledFragments(SIZE, new Random(2));
        send(2, second, some.subList(0, some.size() - 3));
        byte[] third = sample(3, SIZE);
        send(3, third, shuffledFragments(SIZE, new Random(3)));
        // The late fragments of the second sample are too late (best effort: newer delivered) and change nothing.
        send(2, second, some.subList(some.size() - 3, some.size()));
        assertEquals(2, delivered.size());
        assertArrayEquals(third, delivered.get(1));
    }

    @Test
    void arraysOfAnotherSizeOrTooSmallAreNotReused() {
        byte[] first = sample(1, SIZE);
        send(1, first, shuffledFragments(SIZE, new Random(1)));
        reader.recycle(delivered.get(0));
        byte[] other = sample(2, SIZE - 100);
        send(2, other, shuffledFragments(other.length, new Random(2)));
        assertNotSame(delivered.get(0), delivered.get(1));
        assertArrayEquals(other, delivered.get(1));
        // The spare still waits for a sample of its size.
        byte[] third = sample(3, SIZE);
        send(3, third, shuffledFragments(SIZE, new Random(3)));
        assertSame(delivered.get(0), delivered.get(2));
        assertArrayEquals(third, delivered.get(2));
        // Small arrays are not kept.
        reader.recycle(new byte[StatefulReader.RECYCLE_MIN - 1]);
        byte[] small = sample(4, StatefulReader.RECYCLE_MIN - 1);
        send(4, small, shuffledFragments(small.length, new Random(4)));
        assertArrayEquals(small, delivered.get(3));
    }
}
