package dev.wayfinder.cluster;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/**
 * A member's address as the user writes it, HOST:PORT.
 *
 * @param host host name or address
 * @param port TCP port, 1..65535
 */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, got " + port);
        }
    }

    /**
     * Parses HOST:PORT.
     *
     * @param what names the flag in messages (e.g. "--cluster")
     * @throws IllegalArgumentException saying what was expected
     */
    public static HostPort parse(String text, String what) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException(what + " " + text + ": expected HOST:PORT, e.g. 127.0.0.1:5701");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " " + text + ": the port '" + text.substring(colon + 1)
                    + "' is not a number (expected HOST:PORT)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + text + ": port must be in 1..65535");
        }
        return new HostPort(host, port);
    }

    /**
     * Opens a TCP connection and closes it again, within {@code timeoutMillis}: null when something listens, else
     * why not (for messages).
     */
    public String unreachable(int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            return null;
        } catch (UnknownHostException e) {
            return "unknown host " + host;
        } catch (ConnectException e) {
            return "nothing listens there (" + e.getMessage() + ")";
        } catch (SocketTimeoutException e) {
            return "no answer within " + timeoutMillis + " ms";
        } catch (IOException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
