/**
 * Discovery (spec 8.5): SPDP participant data and SEDP endpoint data, their parameter-list codecs with the
 * spec defaults for omitted QoS, and the bookkeeping of remote participants, leases and endpoints.
 */
package dev.wayfinder.ros.rtps.discovery;
