/**
 * DDSI-RTPS (OMG DDSI-RTPS 2.3/2.5): the wire protocol ROS 2 middleware speaks. Subpackages follow the
 * specification's chapters: {@code messages} (8.3, structure and codecs), {@code behaviour} (8.4, writers and
 * readers), {@code discovery} (8.5, SPDP and SEDP) and {@code transport} (9.6, UDP/IP mapping).
 */
package dev.wayfinder.ros.rtps;
