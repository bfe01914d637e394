/** JMH benchmarks of the headless renderer (camera frames, separate views against atlas tiles). */
package dev.wayfinder.benchmarks.render;
