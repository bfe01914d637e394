/** The adapter that implements physics-sim's CameraSensor with the OpenGL renderer. */
package dev.wayfinder.render.sim;
