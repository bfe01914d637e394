/**
 * Real ROS 2 middleware peers beside the Java node, for ros-bridge's interoperability tests and the ROS 2 benchmark
 * ({@code wayfinder bench ros}) alike: the sources of a small Cyclone DDS C peer and a Fast DDS C++ peer (resources of
 * this package) and their build ({@link dev.wayfinder.ros.testkit.RosPeers}), a running peer
 * ({@link dev.wayfinder.ros.testkit.PeerProcess}), a child JVM in a private network namespace
 * ({@link dev.wayfinder.ros.testkit.NetworkNamespace}), and what all that needs from the machine
 * ({@link dev.wayfinder.ros.testkit.Prerequisites}). Nothing here ships in ros-bridge's main jar.
 */
package dev.wayfinder.ros.testkit;
