/**
 * ROS 2 message types as immutable records, each with a {@link dev.wayfinder.ros.msg.MessageType} constant
 * {@code TYPE} that serializes it exactly as rosidl's C/C++ type support does (XCDR1, final structs).
 * Field names and order follow the ROS 2 .msg definitions; times are builtin_interfaces/Time.
 */
package dev.wayfinder.ros.msg;
