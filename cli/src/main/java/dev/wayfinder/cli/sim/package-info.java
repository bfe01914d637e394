/** The {@code wayfinder sim} commands (run policies, replay recordings) and {@code wayfinder bench sim}. */
package dev.wayfinder.cli.sim;
