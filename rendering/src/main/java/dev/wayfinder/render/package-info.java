/**
 * The headless renderer: {@link dev.wayfinder.render.RenderScene} (an episode compiled for drawing),
 * {@link dev.wayfinder.render.ObjectPoses} (where the bodies are this frame),
 * {@link dev.wayfinder.render.Renderer} (one EGL/OpenGL context per thread) and
 * {@link dev.wayfinder.render.CameraFrame} (the robot camera's preallocated RGB, depth and segmentation).
 */
package dev.wayfinder.render;
