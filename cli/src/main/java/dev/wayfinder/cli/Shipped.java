package dev.wayfinder.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files that ship beside the CLI: the bundled scenario files ({@code scenarios/*.yaml}) and the trained
 * models ({@code models/NAME/policy.weights} with its {@code config.yaml}). Their folder is named by the system
 * property {@value #PROPERTY}: {@code ./wayfinder} sets it to the source tree, the installed package to
 * {@code /opt/wayfinder/lib}. Without it (a plain {@code java -jar}, the tests) nothing is shipped and files are
 * named by path alone.
 *
 * @param home the folder holding {@code scenarios/} and {@code models/}
 */
public record Shipped(Path home) {
  /** The system property naming the folder. */
  public static final String PROPERTY = "wayfinder.home";
  /** The weights file in a model's folder. */
  public static final String WEIGHTS = "policy.weights";

  public Shipped {
    home = home.toAbsolutePath().normalize();
  }

  /** The folder named by {@value #PROPERTY}, when it is set and exists. */
  public static Optional<Shipped> fromSystemProperty() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank() || !Files.isDirectory(Path.of(value))) {
      return Optional.empty();
    }
    return Optional.of(new Shipped(Path.of(value)));
  }

  /** The folder of the bundled scenario files. */
  public Path scenarios() {
    return home.resolve("scenarios");
  }

  /** The folder of the shipped models. */
  public Path models() {
    return home.resolve("models");
  }

  /** The shipped models' names (their folders holding a {@value #WEIGHTS}), sorted. */
  public List<String> modelNames() {
    if (!Files.isDirectory(models())) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(models())) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve(WEIGHTS)))
          .map(d -> d.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UserException("cannot list the shipped models in " + models() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The model folder a {@code --model} option names (a shipped model's name, a model folder or a weights file), or
   * the first shipped model when {@code modelOrNull} is null; empty when none is given and none is shipped.
   *
   * @throws UserException when the option names no model
   */
  public static Optional<Path> modelFolder(String option, String modelOrNull) {
    Optional<Shipped> shipped = fromSystemProperty();
    return modelOrNull != null
        ? Optional.of(weights(option, modelOrNull, shipped).toAbsolutePath().getParent())
        : shipped.flatMap(sh -> sh.modelNames().stream().findFirst().map(n -> sh.models().resolve(n)));
  }

  /**
   * The trained model a model option names ({@link #weights(String, String, Optional)} against the shipped models),
   * loaded with its training config.
   *
   * @throws UserException when it names no model or the model cannot be read, naming the option and the file
   */
  public static dev.wayfinder.policy.eval.TrainedModel model(String option, String fileOrName) {
    Path weights = weights(option, fileOrName, fromSystemProperty());
    try {
      return dev.wayfinder.policy.eval.TrainedModel.load(weights);
    } catch (IOException e) {
      throw new UserException("cannot read the model " + weights + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UserException(option + " " + fileOrName + ": " + e.getMessage(), e);
    }
  }

  /**
   * Resolves a {@code --weights} argument: an existing file, else the name of a shipped model.
   *
   * @throws UserException when it is neither, naming the shipped models
   */
  public static Path weights(String fileOrName, Optional<Shipped> shipped) {
    return weights("--weights", fileOrName, shipped);
  }

  /**
   * Resolves a model argument given with {@code option}: an existing weights file or model folder, else the name of
   * a shipped model.
   *
   * @throws UserException when it is neither, naming {@code option} and the shipped models
   */
  public static Path weights(String option, String fileOrName, Optional<Shipped> shipped) {
    Path path = Path.of(fileOrName);
    if (Files.isRegularFile(path)) {
      return path;
    }
    if (Files.isDirectory(path) && Files.isRegularFile(path.resolve(WEIGHTS))) {
      return path.resolve(WEIGHTS);
    }
    boolean isName = !fileOrName.isBlank() && !fileOrName.contains("/") && !fileOrName.startsWith(".");
    if (isName && shipped.isPresent()) {
      Path model = shipped.get().models().resolve(fileOrName).resolve(WEIGHTS);
      if (Files.isRegularFile(model)) {
        return model;
      }
    }
    String names = shipped.map(s -> s.modelNames().isEmpty()
        ? "; no models are shipped in " + s.models()
        : "; the shipped models (in " + s.models() + ") are " + String.join(", ", s.modelNames()))
        .orElse("; give the path of a policy.weights file");
    throw new UserException(option + " " + fileOrName + ": no such weights file"
        + (isName && shipped.isPresent() ? " or shipped model" : "") + names);
  }
}
