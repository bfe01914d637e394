/** Free cameras for the studio and overviews: an orbiting perspective camera and a top-down map view. */
package dev.wayfinder.render.view;
