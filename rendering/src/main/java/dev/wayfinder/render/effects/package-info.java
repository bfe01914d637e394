/** Post-render camera effects (exposure, gamma, motion blur, noise, dead pixels), seeded and allocation-free. */
package dev.wayfinder.render.effects;
