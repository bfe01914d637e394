package dev.wayfinder.ros.rtps.messages;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * An RTPS UDPv4 locator: where a participant or endpoint listens.
 *
 * @param address the IPv4 address
 * @param port the UDP port (1..65535)
 */
public record Locator(InetAddress address, int port) {
    /** Locator kind for UDP over IPv4. */
    public static final int KIND_UDPV4 = 1;

    /** Validates the port range. */
    public Locator {
        if (address == null || port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("locator needs an address and a port in 1..65535, got " + port);
        }
    }

    /**
     * Decodes a 24-byte locator (kind, port, 16-byte address); only UDPv4 is kept.
     *
     * @param kind locator kind
     * @param port port (as unsigned)
     * @param addr16 16-byte address field
     * @return the locator, or empty for other kinds or invalid values
     */
    public static Optional<Locator> decode(int kind, long port, byte[] addr16) {
        if (kind != KIND_UDPV4 || port < 1 || port > 0xFFFF || addr16.length != 16) {
            return Optional.empty();
        }
        try {
            byte[] v4 = {addr16[12], addr16[13], addr16[14], addr16[15]};
            return Optional.of(new Locator(InetAddress.getByAddress(v4), (int) port));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** @return the 16-byte address field (IPv4 in the last four bytes) */
    public byte[] address16() {
        byte[] out = new byte[16];
        byte[] a = address.getAddress();
        System.arraycopy(a, 0, out, 16 - a.length, a.length);
        return out;
    }

    /** @return a socket address to send to */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        return address.getHostAddress() + ":" + port;
    }
}
