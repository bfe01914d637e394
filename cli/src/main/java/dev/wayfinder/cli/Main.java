package dev.wayfinder.cli;

import dev.wayfinder.policy.net.TorchUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the {@code wayfinder} command. Exit codes: 0 success, 1 a user error (bad flag, bad file,
 * failed validation), 2 an internal error (a bug: the stack trace is printed so it can be reported).
 */
public final class Main {

  /** Exit code for success. */
  public static final int OK = 0;
  /** Exit code for a user's mistake: bad input, a failed validation. */
  public static final int USER_ERROR = 1;
  /** Exit code for a failure that is not the user's: a bug or a broken installation. */
  public static final int INTERNAL_ERROR = 2;

  private Main() {}

  public static void main(String[] args) {
    // Libraries logging through SLF4J (DJL) report warnings and errors only, on stderr: simplelogger.properties.
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the CLI with the given streams (used by tests and by the studio).
   *
   * @return the process exit code
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = newCommandLine(out, err);
    return cli.execute(args);
  }

  /** The configured command tree: error handlers, exit codes and streams set. */
  public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new WayfinderCommand());
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(Main::onBadArguments);
    cli.setExecutionExceptionHandler(Main::onExecutionFailure);
    reflow(cli);
    return cli;
  }

  /**
   * Joins each command's description lines into paragraphs, so that help wraps them at its width instead of breaking
   * every source line on its own (which left a word or two alone on a line). A new paragraph starts after an empty
   * line and at a line starting with "- " (a list item).
   */
  static void reflow(CommandLine cmd) {
    String[] lines = cmd.getCommandSpec().usageMessage().description();
    java.util.List<String> paragraphs = new java.util.ArrayList<>();
    StringBuilder p = null;
    for (String line : lines) {
      String l = line.strip();
      if (l.isEmpty()) {
        if (p != null) {
          paragraphs.add(p.toString());
          p = null;
        }
        paragraphs.add("");
      } else if (p == null || l.startsWith("- ")) {
        if (p != null) {
          paragraphs.add(p.toString());
        }
        p = new StringBuilder(l);
      } else {
        p.append(' ').append(l);
      }
    }
    if (p != null) {
      paragraphs.add(p.toString());
    }
    cmd.getCommandSpec().usageMessage().description(paragraphs.toArray(new String[0]));
    for (CommandLine sub : cmd.getSubcommands().values()) {
      reflow(sub);
    }
  }

  private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("wayfinder: " + e.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    err.flush();
    return USER_ERROR;
  }

  private static int onExecutionFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof UserException user) {
      err.println("wayfinder: " + user.getMessage());
      err.flush();
      return USER_ERROR;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TorchUnavailableException torch) {
        // Not a bug: the machine's DJL cache folder is not writable or full; the message says which and what to do.
        err.println("wayfinder: " + torch.getMessage());
        err.flush();
        return USER_ERROR;
      }
    }
    err.println("wayfinder: internal error in '" + cmd.getCommandSpec().qualifiedName() + "': " + e);
    err.println("This is a bug, not a problem with your input; please report it with the trace below.");
    e.printStackTrace(err);
    err.flush();
    return INTERNAL_ERROR;
  }
}
