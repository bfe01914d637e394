package dev.wayfinder.ros.rtps.transport;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * UDP sockets of one participant: discovery and user unicast sockets bound to the first free participant index,
 * and optionally the SPDP multicast socket. One daemon receive thread per socket hands datagrams to a
 * {@link Receiver}. Thread-safe.
 */
public final class UdpTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(UdpTransport.class.getName());
    /** Largest UDP payload. */
    public static final int MAX_DATAGRAM = 65507;
    private static final int RECEIVE_BUFFER = 4 << 20;

    private final DatagramSocket discovery;
    private final DatagramSocket user;
    private final MulticastSocket multicast;
    private final int participantIndex;
    private final PortMapping ports;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong sendErrors = new AtomicLong();
    private volatile boolean closed;

    /**
     * Binds the sockets.
     *
     * @param ports port mapping of the domain
     * @param maxIndex highest participant index to try (>= 0)
     * @param multicastInterface interface for SPDP multicast, empty for unicast-only
     * @throws IOException if no participant index in 0..maxIndex is free
     */
    public UdpTransport(PortMapping ports, int maxIndex, Optional<NetworkInterface> multicastInterface)
            throws IOException {
        this.ports = ports;
        DatagramSocket d = null;
        DatagramSocket u = null;
        int index = -1;
        for (int i = 0; i <= maxIndex && index < 0; i++) {
            try {
                d = bind(ports.discoveryUnicast(i));
                try {
                    u = bind(ports.userUnicast(i));
                    index = i;
                } catch (BindException e) {
                    d.close();
                }
            } catch (BindException e) {
                // index taken by another participant: try the next one
            }
        }
        if (index < 0) {
            throw new BindException("no free participant index in 0.." + maxIndex + " for domain "
                    + ports.domainId() + " (ports " + ports.discoveryUnicast(0) + "..." + ports.userUnicast(maxIndex) + ")");
        }
        discovery = d;
        user = u;
        participantIndex = index;
        if (multicastInterface.isPresent()) {
            MulticastSocket m = new MulticastSocket(null);
            m.setReuseAddress(true);
            m.bind(new InetSocketAddress(ports.discoveryMulticast()));
            m.setReceiveBufferSize(RECEIVE_BUFFER);
            m.joinGroup(new InetSocketAddress(InetAddress.getByName("239.255.0.1"), 0), multicastInterface.get());
            m.setNetworkInterface(multicastInterface.get());
            multicast = m;
        } else {
            multicast = null;
        }
    }

    private static DatagramSocket bind(int port) throws SocketException {
        DatagramSocket s = new DatagramSocket(null);
        s.setReuseAddress(false);
        s.bind(new InetSocketAddress(port));
        s.setReceiveBufferSize(RECEIVE_BUFFER);
        s.setSendBufferSize(RECEIVE_BUFFER);
        return s;
    }

    /** @return the participant index the sockets were bound for */
    public int participantIndex() {
        return participantIndex;
    }

    @Override
    public int discoveryPort() {
        return discovery.getLocalPort();
    }

    @Override
    public int userPort() {
        return user.getLocalPort();
    }

    /** @return whether SPDP multicast is active */
    public boolean multicast() {
        return multicast != null;
    }

    @Override
    public synchronized void start(Receiver receiver) {
        String name = "rtps-" + participantIndex;
        for (DatagramSocket s : multicast == null ? List.of(discovery, user) : List.of(discovery, user, multicast)) {
            Thread t = new Thread(() -> receiveLoop(s, receiver), name + "-rx-" + s.getLocalPort());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void receiveLoop(DatagramSocket s, Receiver receiver) {
        byte[] buf = new byte[MAX_DATAGRAM + 1];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        while (!closed) {
            try {
                p.setLength(buf.length);
                s.receive(p);
                receiver.onDatagram(buf, p.getLength());
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.FINE, "receive failed on port " + s.getLocalPort(), e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "datagram handler failed", e);
            }
        }
    }

    @Override
    public void send(byte[] data, InetSocketAddress to) {
        if (closed) {
            return;
        }
        try {
            user.send(new DatagramPacket(data, data.length, to));
        } catch (IOException e) {
            if (sendErrors.incrementAndGet() % 1000 == 1) {
                LOG.log(Level.FINE, "send to " + to + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void sendMulticast(byte[] data) {
        int port = ports.discoveryMulticast();
        if (multicast == null || closed) {
            return;
        }
        try {
            multicast.send(new DatagramPacket(data, data.length, InetAddress.getByName("239.255.0.1"), port));
        } catch (IOException e) {
            sendErrors.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        discovery.close();
        user.close();
        if (multicast != null) {
            multicast.close();
        }
        for (Thread t : threads) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
