package dev.wayfinder.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedTest {
  @TempDir Path dir;

  private Shipped homeWithModels(String... names) throws Exception {
    Path home = dir.resolve("home");
    for (String n : names) {
      Files.createDirectories(home.resolve("models").resolve(n));
      Files.write(home.resolve("models").resolve(n).resolve(Shipped.WEIGHTS), new byte[] {1});
    }
    // A folder without weights (a half-copied model, notes) is no model.
    Files.createDirectories(home.resolve("models").resolve("notes"));
    return new Shipped(home);
  }

  @Test
  void aShippedModelIsFoundByNameAndAFileByPath() throws Exception {
    Shipped s = homeWithModels("room-b", "room-a");
    assertEquals(List.of("room-a", "room-b"), s.modelNames());
    assertEquals(s.models().resolve("room-a").resolve(Shipped.WEIGHTS), Shipped.weights("room-a", Optional.of(s)));

    Path own = Files.write(dir.resolve("mine.weights"), new byte[] {2});
    assertEquals(own, Shipped.weights(own.toString(), Optional.of(s)));
    // A run folder or a model folder given by path: its policy.weights.
    assertEquals(s.models().resolve("room-b").resolve(Shipped.WEIGHTS),
        Shipped.weights(s.models().resolve("room-b").toString(), Optional.empty()));
  }

  @Test
  void aFileInTheWorkingFolderWinsOverAShippedModelOfTheSameName() throws Exception {
    Shipped s = homeWithModels("room-a");
    Path local = Files.write(dir.resolve("room-a"), new byte[] {3});
    assertEquals(local, Shipped.weights(local.toString(), Optional.of(s)));
  }

  @Test
  void anUnknownNameIsAUserErrorListingTheShippedModels() throws Exception {
    Shipped s = homeWithModels("room-a", "room-b");
    UserException e = assertThrows(UserException.class, () -> Shipped.weights("room-c", Optional.of(s)));
    assertTrue(e.getMessage().contains("--weights room-c"), e.getMessage());
    assertTrue(e.getMessage().contains("room-a, room-b"), e.getMessage());
    assertTrue(e.getMessage().contains(s.models().toString()), e.getMessage());

    UserException none = assertThrows(UserException.class,
        () -> Shipped.weights("room-a", Optional.empty()));
    assertTrue(none.getMessage().contains("no such weights file"), none.getMessage());

    UserException empty = assertThrows(UserException.class,
        () -> Shipped.weights("x", Optional.of(new Shipped(dir.resolve("nothing")))));
    assertTrue(empty.getMessage().contains("no models are shipped"), empty.getMessage());
  }

  @Test
  void theShippedModelOfTheSourceTreeResolvesByName() {
    // The source tree is what ./wayfinder names with -Dwayfinder.home; the tests run in cli/.
    Shipped tree = new Shipped(Path.of(".."));
    assertTrue(tree.modelNames().contains("cluttered-room-rgbd-map"), () -> tree.modelNames().toString());
    assertTrue(Files.isRegularFile(Shipped.weights("cluttered-room-rgbd-map", Optional.of(tree))));
    assertTrue(Files.isRegularFile(tree.scenarios().resolve("cluttered-room.yaml")), tree.scenarios().toString());
  }
}
