/** The render benchmark behind {@code wayfinder bench render} and the fixed episodes it renders. */
package dev.wayfinder.render.bench;
