/**
 * Evaluation of the camera policy beside the expert and a random baseline on held-out seeds, with the
 * Markdown report and animated GIFs.
 */
package dev.wayfinder.policy.eval;
