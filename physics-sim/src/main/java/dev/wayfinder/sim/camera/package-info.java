/**
 * The camera seam: {@link dev.wayfinder.sim.camera.CameraSensor} is implemented outside this module (the
 * OpenGL renderer in {@code rendering/}), so physics-sim never loads a graphics library and its tests need
 * no OpenGL. The renderer reads static geometry from {@link dev.wayfinder.sim.core.World} and the poses the
 * camera sees (latency applied) from {@link dev.wayfinder.sim.core.SimState#cameraBodyPose}. The depth camera's
 * imperfections ({@link dev.wayfinder.sim.camera.DepthNoiseModel}) are plain Java and live here, so every
 * sensor implementation applies the same model.
 */
package dev.wayfinder.sim.camera;
