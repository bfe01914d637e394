package dev.wayfinder.ros.mcap;

import dev.wayfinder.ros.MessageInfo;
import dev.wayfinder.ros.Node;
import dev.wayfinder.ros.QosProfile;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;

/**
 * Records what one {@link Node} publishes and receives into a {@link RosBagWriter}, as a {@link Node.Tap}: every
 * message its publishers send and its subscriptions receive, as the serialized payloads that travelled (nothing is
 * serialized twice), one channel per topic and type with the QoS the node used. Log time is when the node sent or
 * received it (ns since the Unix epoch, from the monotonic clock); publish time is the remote publisher's source
 * timestamp for received messages.
 *
 * <p>Writing (and zstd compression) happens on a thread of its own, so a node's control loop or receive thread never
 * waits for the disk; the queue between them holds at most {@code maxQueuedBytes}, and a message that would pass it is
 * dropped and counted ({@link #dropped}), never blocking the node. {@link #close} detaches the tap, writes what is
 * queued and finishes the file (a second caller, such as a shutdown hook, waits until the first has finished it); call it from a shutdown hook too, so Ctrl-C or SIGTERM leaves a complete file.
 *
 * <pre>{@code
 * Node node = Node.create("robot");
 * NodeRecording rec = NodeRecording.start(node, RosBagWriter.create(Path.of("run.mcap"), RosDistro.JAZZY));
 * ... create publishers and subscriptions, run ...
 * rec.close();
 * }</pre>
 */
public final class NodeRecording implements Node.Tap, AutoCloseable {
    /** The default bound of the write queue: about 4 s of 640x480 RGB and depth images at 30 Hz. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 256L << 20;

    private record Pending(String topic, String type, QosProfile qos, byte[] payload, long logTime, long publishTime,
                           long sequence) {
    }

    private record ChannelKey(String topic, String type) {
    }

    private final Node node;
    private final RosBagWriter bag;
    private final LongSupplier clock;
    private final long maxQueuedBytes;
    private final Thread writer;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Map<ChannelKey, Integer> channels = new HashMap<>();
    private final Map<ChannelKey, long[]> sequences = new HashMap<>();
    private final Map<String, Long> dropped = new LinkedHashMap<>();
    private long queuedBytes;
    private boolean closing;
    private boolean closed;
    private final CountDownLatch finished = new CountDownLatch(1);
    private IOException failure;

    private NodeRecording(Node node, RosBagWriter bag, LongSupplier clock, long maxQueuedBytes) {
        this.node = node;
        this.bag = bag;
        this.clock = clock;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = new Thread(this::drain, "wayfinder-recording");
        this.writer.setDaemon(true);
    }

    /**
     * Starts recording {@code node} into {@code bag} (which the recording closes), with the default queue bound.
     *
     * @param node the node; its tap is set to the recording
     * @param bag where messages go
     * @return the recording
     */
    public static NodeRecording start(Node node, RosBagWriter bag) {
        return start(node, bag, Recorder.epochClock(), DEFAULT_MAX_QUEUED_BYTES);
    }

    /**
     * @param node the node; its tap is set to the recording
     * @param bag where messages go (closed with the recording)
     * @param clock log time, ns since the Unix epoch
     * @param maxQueuedBytes payload bytes the write queue may hold before messages are dropped
     * @return the recording
     */
    public static NodeRecording start(Node node, RosBagWriter bag, LongSupplier clock, long maxQueuedBytes) {
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("the write queue bound must be at least 1 byte, got " + maxQueuedBytes);
        }
        NodeRecording r = new NodeRecording(node, bag, clock, maxQueuedBytes);
        r.writer.start();
        node.tap(r);
        return r;
    }

    @Override
    public void published(String topic, String rosType, QosProfile qos, byte[] payload) {
        offer(topic, rosType, qos, payload, -1);
    }

    @Override
    public void received(String topic, String rosType, QosProfile qos, byte[] payload, MessageInfo info) {
        offer(topic, rosType, qos, payload, info.sourceTimestampNanos());
    }

    /** Log times are read under the lock, so they are in file order across the publishing and receive threads. */
    private synchronized void offer(String topic, String type, QosProfile qos, byte[] payload, long sourceTime) {
        long logTime = clock.getAsLong();
        long publishTime = sourceTime >= 0 ? sourceTime : logTime;
        if (closing) {
            return;
        }
        if (queuedBytes + payload.length > maxQueuedBytes || failure != null) {
            dropped.merge(topic, 1L, Long::sum);
            return;
        }
        long seq = ++sequences.computeIfAbsent(new ChannelKey(topic, type), k -> new long[1])[0];
        queue.add(new Pending(topic, type, qos, payload, logTime, publishTime, seq));
        queuedBytes += payload.length;
        notifyAll();
    }

    private void drain() {
        while (true) {
            Pending p;
            synchronized (this) {
                while (queue.isEmpty() && !closing) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        // close() asks by setting closing; keep draining
                    }
                }
                p = queue.poll();
                if (p == null) {
                    return; // closing and nothing left
                }
                queuedBytes -= p.payload().length;
            }
            try {
                int channel = channel(p);
                bag.write(channel, p.sequence(), p.logTime(), p.publishTime(), p.payload());
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    if (failure == null) {
                        failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    }
                    dropped.merge(p.topic(), 1L + queue.size(), Long::sum);
                    queue.clear();
                    queuedBytes = 0;
                }
            }
        }
    }

    private int channel(Pending p) throws IOException {
        ChannelKey k = new ChannelKey(p.topic(), p.type());
        Integer c = channels.get(k);
        if (c == null) {
            c = bag.channel(p.topic(), p.type(), List.of(p.qos()));
            channels.put(k, c);
        }
        return c;
    }

    /** @return messages dropped per topic because the queue was full or writing had failed */
    public synchronized Map<String, Long> dropped() {
        return new LinkedHashMap<>(dropped);
    }

    /** @return messages written per topic so far */
    public Map<String, Long> counts() {
        return bag.counts();
    }

    /** @return the first write failure, if any */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Detaches the tap, writes what is queued and finishes the file (idempotent, thread-safe: the first caller
     * finishes, later ones wait for it).
     *
     * @throws IOException if the file could not be written or finished
     */
    @Override
    public void close() throws IOException {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
            closing = true;
            notifyAll();
        }
        if (!first) {
            awaitUninterruptibly(finished);
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
            }
            return;
        }
        node.tap(null);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            bag.close();
        } catch (IOException e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        finished.countDown();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
