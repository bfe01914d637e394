package dev.wayfinder.cli;

import picocli.CommandLine.Option;

/** The {@code --json} flag every command that prints results carries (a picocli mixin). */
public final class JsonOption {
  @Option(names = "--json", description = "Print the result as JSON on stdout (for scripts and tools).")
  boolean json;

  /** Whether the user asked for JSON output. */
  public boolean enabled() {
    return json;
  }
}
