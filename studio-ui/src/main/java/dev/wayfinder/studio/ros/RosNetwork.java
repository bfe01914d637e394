package dev.wayfinder.studio.ros;

import dev.wayfinder.ros.NodeOptions;
import dev.wayfinder.studio.StudioException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the ROS 2 tab's node and the children it starts join: a domain and whether discovery stays on this machine,
 * as the command line's {@code --domain} and {@code --localhost} / {@code --subnet} say it.
 *
 * @param domainId      ROS domain id, 0..232
 * @param localhostOnly discover only on this machine (ROS_LOCALHOST_ONLY=1), else also by multicast on the subnet
 */
public record RosNetwork(int domainId, boolean localhostOnly) {
    /** The highest ROS domain id. */
    public static final int MAX_DOMAIN = 232;

    public RosNetwork {
        if (domainId < 0 || domainId > MAX_DOMAIN) {
            throw new IllegalArgumentException("ROS domain id must be in 0.." + MAX_DOMAIN + ", got " + domainId);
        }
    }

    /**
     * The network the ROS environment variables name, as the command line reads them: ROS_DOMAIN_ID (0 when unset or
     * not a domain id), localhost only unless ROS_AUTOMATIC_DISCOVERY_RANGE=SUBNET or ROS_LOCALHOST_ONLY=0.
     */
    public static RosNetwork fromEnvironment(Map<String, String> env) {
        int domain;
        try {
            domain = NodeOptions.fromEnvironment(Map.of("ROS_DOMAIN_ID", env.getOrDefault("ROS_DOMAIN_ID", "0")))
                    .participant().domainId();
        } catch (IllegalArgumentException e) {
            domain = 0;
        }
        boolean wide = "SUBNET".equalsIgnoreCase(env.getOrDefault("ROS_AUTOMATIC_DISCOVERY_RANGE", ""))
                || "0".equals(env.get("ROS_LOCALHOST_ONLY"));
        return new RosNetwork(domain, !wide);
    }

    /**
     * Reads a domain id typed by the user.
     *
     * @throws StudioException naming the text and the range expected
     */
    public static int parseDomain(String text) throws StudioException {
        String t = text == null ? "" : text.strip();
        try {
            int d = Integer.parseInt(t);
            if (d >= 0 && d <= MAX_DOMAIN) {
                return d;
            }
        } catch (NumberFormatException e) {
            // Told below.
        }
        throw new StudioException("Domain: '" + t + "' is not a ROS domain id; expected a whole number in 0.."
                + MAX_DOMAIN);
    }

    /**
     * The node options: the ROS environment variables in {@code env} (static peers, distribution) with this domain
     * and discovery range in place of theirs, as the command line's flags override them.
     */
    public NodeOptions nodeOptions(Map<String, String> env) {
        Map<String, String> e = new HashMap<>(env);
        e.put("ROS_DOMAIN_ID", Integer.toString(domainId));
        e.remove("ROS_LOCALHOST_ONLY");
        e.put("ROS_AUTOMATIC_DISCOVERY_RANGE", localhostOnly ? "LOCALHOST" : "SUBNET");
        return NodeOptions.fromEnvironment(e);
    }

    /** The command line's flags for this network: {@code --domain N --localhost} or {@code --subnet}. */
    public List<String> args() {
        return List.of("--domain", Integer.toString(domainId), localhostOnly ? "--localhost" : "--subnet");
    }

    /** "domain 37, localhost only". */
    @Override
    public String toString() {
        return "domain " + domainId + (localhostOnly ? ", localhost only" : ", subnet");
    }
}
