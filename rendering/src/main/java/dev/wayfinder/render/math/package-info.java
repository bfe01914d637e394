/** Small allocation-free matrix helpers for the renderer (column-major float arrays, OpenGL layout). */
package dev.wayfinder.render.math;
