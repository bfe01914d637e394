package dev.wayfinder.cli.ros;

import dev.wayfinder.cli.UserException;
import dev.wayfinder.ros.mcap.McapFormatException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** What the record, play and info commands share: file errors as user errors, sizes, times. */
final class Bags {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Bags() {}

  /** An I/O failure on {@code file} as the message a user gets (what, where, what was expected). */
  static UserException readError(Path file, IOException e) {
    if (e instanceof McapFormatException f) {
      return new UserException(f.getMessage() + "; expected a complete MCAP file (like 'wayfinder ros record' or "
          + "'ros2 bag record -s mcap' write)", e);
    }
    if (e instanceof NoSuchFileException) {
      return new UserException(file + ": no such file", e);
    }
    if (e instanceof AccessDeniedException) {
      return new UserException(file + ": permission denied", e);
    }
    return new UserException("cannot read " + file + ": " + e.getMessage(), e);
  }

  /** "12.3 KiB". */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  /** "12.345 s". */
  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  /** "2024-06-11 10:00:00.123 UTC (1718100000.123456789)". */
  static String time(long epochNanos) {
    Instant t = Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L),
        Math.floorMod(epochNanos, 1_000_000_000L));
    return TIME.format(t) + String.format(Locale.ROOT, " (%d.%09d)", t.getEpochSecond(), t.getNano());
  }
}
