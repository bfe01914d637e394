package dev.wayfinder.cli;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a {@code --scenario} argument for every command: a path to a YAML file, or the name of a bundled
 * scenario ({@code cluttered-room}). Bad files become {@link UserException}s carrying every located problem.
 */
public final class Scenarios {
  private Scenarios() {}

  /**
   * Loads and validates the scenario named by {@code fileOrName}.
   *
   * @throws UserException if the file is missing or invalid, or no bundled scenario has that name
   */
  public static Scenario resolve(String fileOrName) {
    Path path = Path.of(fileOrName);
    boolean looksLikePath = fileOrName.contains("/") || fileOrName.endsWith(".yaml") || fileOrName.endsWith(".yml");
    try {
      if (Files.exists(path) || looksLikePath && !ScenarioLibrary.contains(stripYaml(fileOrName))) {
        return ScenarioLoader.load(path);
      }
      if (ScenarioLibrary.contains(stripYaml(fileOrName))) {
        return ScenarioLibrary.load(stripYaml(fileOrName));
      }
      throw new UserException("'" + fileOrName + "' is neither a scenario file nor a bundled scenario; "
          + "the bundled ones are " + String.join(", ", ScenarioLibrary.NAMES)
          + " ('wayfinder scenario list' describes them)");
    } catch (ScenarioException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private static String stripYaml(String s) {
    if (s.endsWith(".yaml")) {
      return s.substring(0, s.length() - 5);
    }
    return s.endsWith(".yml") ? s.substring(0, s.length() - 4) : s;
  }
}
