package dev.wayfinder.cli;

import dev.wayfinder.scenarios.image.Png;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the files commands produce: parent folders created, content written to a temporary file beside
 * the target and moved into place, so an interrupted run never leaves half a file. I/O problems become
 * {@link UserException}s that name the path.
 */
public final class Outputs {
  private Outputs() {}

  /** Writes {@code image} as a PNG at {@code file}. */
  public static void writePng(BufferedImage image, Path file) {
    write(file, tmp -> Files.write(tmp, Png.encode(image)));
  }

  /** Creates {@code dir} (and parents) if needed; fails clearly when it is a file or not writable. */
  public static Path directory(Path dir) {
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new UserException("output folder " + dir + " exists and is not a folder");
      }
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        throw new UserException("output folder " + dir + " is not writable");
      }
      return dir;
    } catch (IOException e) {
      throw new UserException("cannot create output folder " + dir + ": " + describe(e), e);
    }
  }

  /** Something that writes a file's content to the given (temporary) path. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(Path tmp) throws IOException;
  }

  /** Writes through {@code writer} into a temporary file and moves it onto {@code file} atomically. */
  public static void write(Path file, Writer writer) {
    Path target = file.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new UserException("output " + file + " is a folder; give a file name");
    }
    Path parent = target.getParent();
    directory(parent);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
      writer.writeTo(tmp);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
    } catch (IOException e) {
      throw new UserException("cannot write " + file + ": " + describe(e), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the temporary file is hidden and named after the target
        }
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NoSuchFileException) {
      return "no such folder";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
