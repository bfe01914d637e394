/**
 * The headless renderer: {@link dev.wayfinder.render.RenderScene} (an episode compiled for drawing),
 * {@link dev.wayfinder.render.ObjectPoses} (where the bodies are this frame),
 * {@link dev.wayfinder.render.Renderer} (one EGL/OpenGL context per thread) and
 * {@link dev.wayfinder.render.CameraStream} (one robot camera stream: its camera, the outputs it reads back and its
 * effect state; frames are physics-sim's {@link dev.wayfinder.sim.camera.CameraFrame}).
 */
package dev.wayfinder.render;
