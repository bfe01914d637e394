package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.GuidPrefix;
import dev.wayfinder.ros.rtps.messages.Locator;
import dev.wayfinder.ros.rtps.messages.MessageBuilder;
import dev.wayfinder.ros.rtps.messages.MessageParser;
import dev.wayfinder.ros.rtps.messages.Submessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * One writer and one reader joined by an in-memory link that drops and reorders messages (seeded), for testing
 * the reliable protocol without sockets. Single-threaded: {@link #pump} delivers queued messages.
 */
final class LossyLink {
    static final GuidPrefix WRITER_SIDE = new GuidPrefix(0x01F0_0000_0000_0001L, 1);
    static final GuidPrefix READER_SIDE = new GuidPrefix(0x01F0_0000_0000_0002L, 2);
    private final Random random;
    double loss;
    private final Deque<byte[]> toReader = new ArrayDeque<>();
    private final Deque<byte[]> toWriter = new ArrayDeque<>();
    StatefulWriter writer;
    StatefulReader reader;
    int sent;

    LossyLink(long seed, double loss) {
        this.random = new Random(seed);
        this.loss = loss;
    }

    Output output(GuidPrefix self, Deque<byte[]> queueOut) {
        return new Output() {
            @Override
            public MessageBuilder message(GuidPrefix destination) {
                return new MessageBuilder(0x01F0, self, 128).infoDst(destination);
            }

            @Override
            public void send(byte[] message, List<Locator> to) {
                sent++;
                if (random.nextDouble() >= loss) {
                    if (random.nextInt(10) == 0) {
                        queueOut.addFirst(message);
                    } else {
                        queueOut.addLast(message);
                    }
                }
            }

            @Override
            public long nowNanos() {
                return 0;
            }
        };
    }

    Output writerOutput() {
        return output(WRITER_SIDE, toReader);
    }

    Output readerOutput() {
        return output(READER_SIDE, toWriter);
    }

    /** Delivers everything queued (and what that triggers), at most {@code limit} messages. */
    void pump(int limit) {
        for (int i = 0; i < limit && !(toReader.isEmpty() && toWriter.isEmpty()); i++) {
            if (!toReader.isEmpty()) {
                byte[] m = toReader.pollFirst();
                for (Submessage s : MessageParser.parse(m, m.length).submessages()) {
                    switch (s) {
                        case Submessage.Data d -> reader.onData(writer.guid(), d);
                        case Submessage.DataFrag f -> reader.onDataFrag(writer.guid(), f);
                        case Submessage.Heartbeat h -> reader.onHeartbeat(writer.guid(), h);
                        case Submessage.Gap g -> reader.onGap(writer.guid(), g);
                        default -> { }
                    }
                }
            }
            if (!toWriter.isEmpty()) {
                byte[] m = toWriter.pollFirst();
                for (Submessage s : MessageParser.parse(m, m.length).submessages()) {
                    switch (s) {
                        case Submessage.AckNack a -> writer.onAckNack(reader.guid(), a);
                        case Submessage.NackFrag n -> writer.onNackFrag(reader.guid(), n);
                        default -> { }
                    }
                }
            }
        }
    }
}
