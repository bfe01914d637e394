/**
 * Interoperability tests against real DDS implementations: a small Cyclone DDS C peer built from the IDL in the
 * test resources, run beside a Java node inside a private network namespace ({@code unshare -n}, loopback only).
 */
package dev.wayfinder.ros.interop;
