/**
 * OMG CDR serialization as ROS 2 uses it: XCDR1 (plain CDR, little and big endian) for writing and reading,
 * XCDR2 (PLAIN_CDR2, 4-byte alignment of 8-byte values) accepted when reading.
 *
 * <p>Alignment is relative to the start of the serialized payload, right after the 4-byte encapsulation header.
 */
package dev.wayfinder.ros.cdr;
