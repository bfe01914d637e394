/**
 * The UDP/IPv4 platform-specific mapping (spec 9.6): port numbers per domain and participant index, sockets,
 * receive threads. The only package that touches the network.
 */
package dev.wayfinder.ros.rtps.transport;
