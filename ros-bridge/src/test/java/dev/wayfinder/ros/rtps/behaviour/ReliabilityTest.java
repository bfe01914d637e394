package dev.wayfinder.ros.rtps.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wayfinder.ros.rtps.messages.EntityId;
import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.SequenceNumberSet;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReliabilityTest {
    private static final Guid W = new Guid(LossyLink.WRITER_SIDE, EntityId.of(1, EntityId.KIND_WRITER_NO_KEY));
    private static final Guid R = new Guid(LossyLink.READER_SIDE, EntityId.of(1, EntityId.KIND_READER_NO_KEY));

    private static byte[] sample(int index, int size) {
        byte[] b = new byte[Math.max(8, size)];
        new Random(index).nextBytes(b);
        ByteBuffer.wrap(b).putInt(4, index);
        b[0] = 0;
        b[1] = 1;
        return b;
    }

    private record Run(List<Integer> delivered, List<byte[]> payloads, LossyLink link) {
    }

    private static Run run(long seed, double loss, boolean reliable, int count, int depth, boolean transientLocal,
                           int writtenBeforeMatch) {
        LossyLink link = new LossyLink(seed, loss);
        List<Integer> delivered = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        EndpointQos q = new EndpointQos(reliable, transientLocal, false, depth);
        link.writer = new StatefulWriter(W, q, link.writerOutput());
        link.reader = new StatefulReader(R, q, link.readerOutput(), (w, s, p, t) -> {
            delivered.add(ByteBuffer.wrap(p).getInt(4));
            payloads.add(p);
        }, 1 << 22);
        Random sizes = new Random(seed);
        for (int i = 1; i <= writtenBeforeMatch; i++) {
            link.writer.write(sample(i, 100), null, false);
        }
        link.writer.matchReader(R, List.of(), reliable);
        link.reader.matchWriter(W, List.of(), reliable);
        for (int i = writtenBeforeMatch + 1; i <= count; i++) {
            int size = sizes.nextInt(4) == 0 ? 20_000 + sizes.nextInt(60_000) : 16 + sizes.nextInt(200);
            link.writer.write(sample(i, size), null, false);
            link.pump(50);
        }
        for (int tick = 0; tick < 400 && !(link.writer.allAcknowledged() && reliable); tick++) {
            link.writer.onTimer();
            link.reader.onTimer();
            link.pump(10_000);
        }
        return new Run(delivered, payloads, link);
    }

    @Test
    void reliableDeliversEverySampleOnceInOrderDespiteLossAndReordering() {
        for (long seed = 1; seed <= 4; seed++) {
            Run r = run(seed, 0.2, true, 40, 100, false, 0);
            long s = seed;
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 40).boxed().toList(), r.delivered,
                    () -> "seed " + s);
            assertTrue(r.link.writer.allAcknowledged(), "seed " + seed);
            for (int i = 0; i < r.payloads.size(); i++) {
                int idx = r.delivered.get(i);
                byte[] p = r.payloads.get(i);
                assertEquals(ByteBuffer.wrap(sample(idx, p.length)).getLong(8), ByteBuffer.wrap(p).getLong(8),
                        "payload of sample " + idx + ", seed " + seed);
            }
        }
    }

    @Test
    void bestEffortDeliversAnIncreasingSubsequenceWithoutDuplicates() {
        for (long seed = 1; seed <= 4; seed++) {
            Run r = run(seed, 0.2, false, 60, 5, false, 0);
            for (int i = 1; i < r.delivered.size(); i++) {
                assertTrue(r.delivered.get(i) > r.delivered.get(i - 1), "seed " + seed + ": " + r.delivered);
            }
            assertTrue(r.delivered.size() > 5, "seed " + seed + " delivered " + r.delivered);
        }
    }

    @Test
    void lateJoinerOfTransientLocalWriterGetsTheHistoryDepthThenNewSamples() {
        Run r = run(7, 0.0, true, 12, 3, true, 10);
        assertEquals(List.of(8, 9, 10, 11, 12), r.delivered);
    }

    @Test
    void lateJoinerOfVolatileWriterGetsOnlyNewSamples() {
        Run r = run(7, 0.1, true, 12, 3, false, 10);
        assertEquals(List.of(11, 12), r.delivered);
    }

    @Test
    void requestsForSamplesGoneFromKeepLastHistoryAreAnsweredWithGap() {
        LossyLink link = new LossyLink(3, 0.0);
        List<Long> delivered = new ArrayList<>();
        EndpointQos q = new EndpointQos(true, true, false, 2);
        link.writer = new StatefulWriter(W, q, link.writerOutput());
        link.reader = new StatefulReader(R, q, link.readerOutput(), (w, s, p, t) -> delivered.add(s), 1 << 20);
        for (int i = 1; i <= 5; i++) {
            link.writer.write(sample(i, 50), null, false);
        }
        link.writer.matchReader(R, List.of(), true);
        link.pump(1000);
        // a reader that asks for 1..5 although 1..3 left the depth-2 history gets a GAP for them
        link.reader.matchWriter(W, List.of(), true);
        link.writer.onAckNack(R, new Submessage.AckNack(R.entityId(), W.entityId(),
                SequenceNumberSet.of(1, List.of(1L, 2L, 3L, 4L, 5L)), 0, false));
        link.pump(1000);
        assertEquals(List.of(4L, 5L), delivered);
        for (int i = 0; i < 5; i++) {
            link.writer.onTimer();
            link.pump(1000);
        }
        assertTrue(link.writer.allAcknowledged());
    }

    @Test
    void unacknowledgedSamplesOutliveTheDepthSoAStalledReaderLosesNothing() {
        LossyLink link = new LossyLink(5, 1.0);
        List<Long> delivered = new ArrayList<>();
        EndpointQos q = new EndpointQos(true, false, false, 2);
        link.writer = new StatefulWriter(W, q, link.writerOutput());
        link.reader = new StatefulReader(R, q, link.readerOutput(), (w, s, p, t) -> delivered.add(s), 1 << 20);
        link.writer.matchReader(R, List.of(), true);
        link.reader.matchWriter(W, List.of(), true);
        for (int i = 1; i <= 8; i++) {
            link.writer.write(sample(i, i % 2 == 0 ? 30_000 : 50), null, false);
        }
        link.pump(1000);
        assertEquals(8, link.writer.unacknowledged(), "every sample written is still unacknowledged");
        link.loss = 0;
        for (int i = 0; i < 10 && !link.writer.allAcknowledged(); i++) {
            link.writer.onTimer();
            link.pump(10_000);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), delivered);
        assertEquals(0, link.writer.unacknowledged());
    }

    @Test
    void aReaderThatMatchedLateLearnsOfTheWriterFromItsPreemptiveAckNack() {
        LossyLink link = new LossyLink(9, 0.0);
        EndpointQos q = new EndpointQos(true, false, false, 10);
        link.writer = new StatefulWriter(W, q, link.writerOutput());
        link.reader = new StatefulReader(R, q, link.readerOutput(), (w, s, p, t) -> { }, 1 << 20);
        // the writer matches first: its heartbeat reaches a reader that does not know it yet and is dropped
        link.writer.matchReader(R, List.of(), true);
        link.pump(100);
        link.reader.matchWriter(W, List.of(), true);
        assertEquals(0, link.reader.heartbeatingWriters());
        link.reader.onTimer();
        link.pump(100);
        assertEquals(1, link.writer.acknowledgingReaders());
        assertEquals(1, link.reader.heartbeatingWriters());
    }
}
