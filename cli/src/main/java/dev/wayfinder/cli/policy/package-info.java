/**
 * The policy commands: {@code wayfinder train} and {@code wayfinder eval} (wiring and printing only; the work
 * is in the policy module).
 */
package dev.wayfinder.cli.policy;
