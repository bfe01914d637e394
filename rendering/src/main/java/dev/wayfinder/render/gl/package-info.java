/** Internal OpenGL plumbing of the renderer: the headless EGL context, shader program, meshes, framebuffers. */
package dev.wayfinder.render.gl;
