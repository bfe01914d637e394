/** The {@code wayfinder render} command: headless pictures of one episode. */
package dev.wayfinder.cli.render;
