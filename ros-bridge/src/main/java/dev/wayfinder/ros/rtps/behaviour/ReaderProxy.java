package dev.wayfinder.ros.rtps.behaviour;

import dev.wayfinder.ros.rtps.messages.Guid;
import dev.wayfinder.ros.rtps.messages.Locator;
import java.util.List;

/** A writer's view of one matched remote reader (spec 8.4.7.5). Mutable; guarded by the writer's caller. */
final class ReaderProxy {
    final Guid guid;
    final List<Locator> locators;
    final boolean reliable;
    /** Lowest sequence number relevant to this reader (history before a volatile match is not). */
    final long firstRelevant;
    /** Every number below this is acknowledged. */
    long ackedBelow;
    int lastAckCount = Integer.MIN_VALUE;
    int lastNackFragCount = Integer.MIN_VALUE;
    /** Whether the reader has sent an ACKNACK, which proves it has matched this writer too. */
    boolean acknowledged;

    ReaderProxy(Guid guid, List<Locator> locators, boolean reliable, long firstRelevant) {
        this.guid = guid;
        this.locators = List.copyOf(locators);
        this.reliable = reliable;
        this.firstRelevant = firstRelevant;
        this.ackedBelow = firstRelevant;
    }
}
