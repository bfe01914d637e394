/**
 * The ROS 2 tab: a node of the studio's own on a chosen domain discovers the graph (topics, types, publisher and
 * subscriber counts, measured rates) and echoes a topic as YAML, on threads of its own
 * ({@link dev.wayfinder.studio.ros.GraphMonitor}); the simulator ({@code wayfinder sim --ros}) and the deploy node
 * ({@code wayfinder deploy}) run as child processes with their status read from their status topics.
 * {@link dev.wayfinder.studio.ros.RosModel} and {@link dev.wayfinder.studio.ros.ChildProcessModel} are the view
 * models, tested without the toolkit; {@link dev.wayfinder.studio.ros.RosPane} only binds to them.
 */
package dev.wayfinder.studio.ros;
