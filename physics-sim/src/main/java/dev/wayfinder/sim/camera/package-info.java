/**
 * The camera seam: {@link dev.wayfinder.sim.camera.CameraSensor} is implemented outside this module (the
 * OpenGL renderer in {@code rendering/}), so physics-sim never loads a graphics library and its tests need
 * no OpenGL. The renderer reads static geometry from {@link dev.wayfinder.sim.core.World} and current poses
 * from {@link dev.wayfinder.sim.core.SimState}.
 */
package dev.wayfinder.sim.camera;
