package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.Locator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;

/** A reader's view of one matched remote writer (spec 8.4.10.4). Mutable; guarded by the reader's caller. */
final class WriterProxy {
    /** Marker for a sequence number a GAP declared irrelevant. */
    static final byte[] IRRELEVANT = new byte[0];
    final Guid guid;
    final List<Locator> locators;
    final boolean reliable;
    /** Next sequence number to deliver (reliable) or lowest still acceptable (best effort). */
    long next = 1;
    /** Received out of order, waiting for the gap before them to fill (reliable only). */
    final TreeMap<Long, byte[]> pending = new TreeMap<>();
    final LinkedHashMap<Long, FragmentBuffer> fragments = new LinkedHashMap<>();
    int lastHeartbeatCount = Integer.MIN_VALUE;
    int ackNackCount;
    int nackFragCount;
    boolean heartbeatSeen;

    WriterProxy(Guid guid, List<Locator> locators, boolean reliable) {
        this.guid = guid;
        this.locators = List.copyOf(locators);
        this.reliable = reliable;
    }
}
