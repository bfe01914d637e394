/**
 * RTPS behaviour (spec 8.4): stateful writers and readers, best effort and reliable, with HEARTBEAT, ACKNACK,
 * GAP, DATA_FRAG and NACK_FRAG. Pure logic: the classes here send through an {@link
 * dev.wayfinder.ros.rtps.behaviour.Output} and are driven by one caller thread at a time (the participant's lock).
 */
package dev.wayfinder.ros.rtps.behaviour;
