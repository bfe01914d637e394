/** Conversion of rendered frames to images: RGB, depth colour map, segmentation colours, PNG files. */
package dev.wayfinder.render.image;
