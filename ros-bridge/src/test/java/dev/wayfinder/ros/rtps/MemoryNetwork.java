package dev.wayfinder.ros.rtps;

import dev.wayfinder.ros.rtps.transport.PortMapping;
import dev.wayfinder.ros.rtps.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An in-process "network": transports registered by port, datagrams delivered in order on one thread. Lets
 * participants talk in a unit test without sockets. Close it to stop the delivery thread.
 */
public final class MemoryNetwork implements AutoCloseable {
    private final Map<Integer, Transport.Receiver> ports = new ConcurrentHashMap<>();
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-network");
        t.setDaemon(true);
        return t;
    });

    /** @return a transport on the first free participant index of domain 0 */
    public synchronized Transport transport() {
        PortMapping pm = new PortMapping(0);
        int i = 0;
        while (ports.containsKey(pm.discoveryUnicast(i))) {
            i++;
        }
        int d = pm.discoveryUnicast(i);
        int u = pm.userUnicast(i);
        ports.put(d, (b, n) -> { });
        ports.put(u, (b, n) -> { });
        return new Transport() {
            @Override
            public int discoveryPort() {
                return d;
            }

            @Override
            public int userPort() {
                return u;
            }

            @Override
            public void send(byte[] data, InetSocketAddress to) {
                Transport.Receiver r = ports.get(to.getPort());
                if (r != null) {
                    byte[] copy = data.clone();
                    try {
                        delivery.execute(() -> r.onDatagram(copy, copy.length));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        // network closed
                    }
                }
            }

            @Override
            public void sendMulticast(byte[] data) {
            }

            @Override
            public void start(Transport.Receiver receiver) {
                ports.put(d, receiver);
                ports.put(u, receiver);
            }

            @Override
            public void close() {
                ports.remove(d);
                ports.remove(u);
            }
        };
    }

    @Override
    public void close() {
        delivery.shutdownNow();
        try {
            delivery.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
