/**
 * The {@code wayfinder} command line: picocli commands that wire the modules together and print results,
 * as text for people or as JSON ({@code --json}) for tools. No simulation or training logic lives here.
 */
package dev.wayfinder.cli;
