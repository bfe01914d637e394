/**
 * Running real ROS 2 middleware peers beside a Java node: the Cyclone DDS C peer's sources (IDL, C program,
 * config) as resources of this package, and {@link dev.wayfinder.ros.interop.PeerProcess} to start one and read
 * what it prints. The interoperability tests and {@code wayfinder bench ros} share them.
 */
package dev.wayfinder.ros.interop;
