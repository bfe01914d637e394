package dev.wayfinder.ros.rtps.discovery;

/** Parameter ids used by discovery data (spec 9.6.2.2). */
final class Pid {
    static final int PARTICIPANT_LEASE_DURATION = 0x0002;
    static final int TOPIC_NAME = 0x0005;
    static final int TYPE_NAME = 0x0007;
    static final int DOMAIN_ID = 0x000f;
    static final int PROTOCOL_VERSION = 0x0015;
    static final int VENDOR_ID = 0x0016;
    static final int RELIABILITY = 0x001a;
    static final int DURABILITY = 0x001d;
    static final int USER_DATA = 0x002c;
    static final int UNICAST_LOCATOR = 0x002f;
    static final int DEFAULT_UNICAST_LOCATOR = 0x0031;
    static final int METATRAFFIC_UNICAST_LOCATOR = 0x0032;
    static final int METATRAFFIC_MULTICAST_LOCATOR = 0x0033;
    static final int HISTORY = 0x0040;
    static final int DEFAULT_MULTICAST_LOCATOR = 0x0048;
    static final int PARTICIPANT_GUID = 0x0050;
    static final int BUILTIN_ENDPOINT_SET = 0x0058;
    static final int ENDPOINT_GUID = 0x005a;
    static final int ENTITY_NAME = 0x0062;
    static final int KEY_HASH = 0x0070;
    static final int STATUS_INFO = 0x0071;
    static final int DATA_REPRESENTATION = 0x0073;

    private Pid() {
    }
}
