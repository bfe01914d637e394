package dev.wayfinder.policy.train;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Resolves scenario references in a training config: a bundled scenario's name or a YAML file path. */
public final class ScenarioRefs {
    private ScenarioRefs() {
    }

    /**
     * Loads every reference.
     *
     * @throws IllegalArgumentException naming the reference when it is neither bundled nor a valid file
     */
    public static List<Scenario> load(List<String> refs) {
        List<Scenario> out = new ArrayList<>();
        for (String r : refs) {
            try {
                if (ScenarioLibrary.contains(r)) {
                    out.add(ScenarioLibrary.load(r));
                } else if (Files.exists(Path.of(r))) {
                    out.add(ScenarioLoader.load(Path.of(r)));
                } else {
                    throw new IllegalArgumentException("scenario '" + r + "' is neither bundled ("
                            + String.join(", ", ScenarioLibrary.NAMES) + ") nor a file");
                }
            } catch (ScenarioException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        return out;
    }
}
