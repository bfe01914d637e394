/**
 * Interoperability tests against real DDS implementations: a small Cyclone DDS C peer and a Fast DDS C++ peer, built
 * by ros-testkit from its sources, run beside a Java node inside a private network namespace ({@code unshare -n},
 * loopback only).
 */
package dev.wayfinder.ros.interop;
