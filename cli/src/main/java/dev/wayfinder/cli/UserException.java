package dev.wayfinder.cli;

/**
 * A failure caused by the user's input (a file, a flag, a value): its message is printed as it is, without a
 * stack trace, and the command exits with {@link Main#USER_ERROR}. The message must say what was wrong,
 * where, and what was expected.
 */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }

  public UserException(String message, Throwable cause) {
    super(message, cause);
  }
}
