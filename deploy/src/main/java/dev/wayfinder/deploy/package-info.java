/**
 * The deploy node: the robot-side policy ({@code dev.wayfinder.robot.RobotPolicy}) on ROS 2 topics.
 *
 * <p>Receive callbacks only decode and check messages ({@link dev.wayfinder.deploy.ImageDecoder},
 * {@link dev.wayfinder.deploy.DepthDecoder}, {@link dev.wayfinder.deploy.ObservationAssembler}) and hand the newest
 * frame to the policy thread ({@link dev.wayfinder.deploy.FrameHandoff}); a control timer publishes the latest command
 * at a fixed rate through the safety layer: {@link dev.wayfinder.deploy.Watchdog} (stale inputs, failed inference),
 * {@link dev.wayfinder.deploy.EStop} (latched stop, optional heartbeat), {@link dev.wayfinder.deploy.CommandLimiter}
 * (speed and acceleration) and the goal check. Anything refused is counted by {@link dev.wayfinder.deploy.Refusal.Reason}
 * and logged; the robot then gets zeros. {@link dev.wayfinder.deploy.DeployNode} wires it together.
 */
package dev.wayfinder.deploy;
