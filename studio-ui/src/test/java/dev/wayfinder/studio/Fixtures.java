package dev.wayfinder.studio;

import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;

/** Scenarios the tests edit: the bundled ones. */
public final class Fixtures {
    private Fixtures() {
    }

    public static Scenario bundled(String name) {
        try {
            return ScenarioLibrary.load(name);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e);
        }
    }
}
