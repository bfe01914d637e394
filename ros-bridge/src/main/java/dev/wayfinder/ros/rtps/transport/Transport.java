package dev.wayfinder.ros.rtps.transport;

import java.net.InetSocketAddress;

/** A participant's sockets, so the protocol can run over UDP or, in tests, over nothing at all. */
public interface Transport extends AutoCloseable {

    /** Consumer of received datagrams; called on a receive thread, must not throw. */
    interface Receiver {
        /**
         * @param buf datagram bytes; only valid during the call
         * @param length valid bytes
         */
        void onDatagram(byte[] buf, int length);
    }

    /** @return local discovery (metatraffic) unicast port */
    int discoveryPort();

    /** @return local user-traffic unicast port */
    int userPort();

    /**
     * Sends one datagram; failures are counted, not thrown (UDP is lossy anyway).
     *
     * @param data message bytes
     * @param to destination
     */
    void send(byte[] data, InetSocketAddress to);

    /** @param data an SPDP announcement for the multicast group; ignored when multicast is off */
    void sendMulticast(byte[] data);

    /** @param receiver gets every received datagram, on the transport's threads */
    void start(Receiver receiver);

    @Override
    void close();
}
