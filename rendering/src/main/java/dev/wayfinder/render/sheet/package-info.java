/** Contact sheets: many images tiled with labels into one picture (e.g. a batch of randomized episodes). */
package dev.wayfinder.render.sheet;
