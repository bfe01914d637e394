/** The {@code wayfinder bench ...} commands: quick, user-facing versions of the JMH suites in benchmarks/. */
package dev.wayfinder.cli.bench;
