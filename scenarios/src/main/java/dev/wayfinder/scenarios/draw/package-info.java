/** Top-down pictures of scenarios and episodes: {@link dev.wayfinder.scenarios.draw.MapDrawer}. */
package dev.wayfinder.scenarios.draw;
