package dev.wayfinder.scenarios.library;

import dev.wayfinder.scenarios.io.Problem;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.model.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scenarios shipped with Wayfinder: the files in the module's {@code scenarios/} folder, packaged on the
 * class path. Thread-safe; loaded scenarios are cached.
 */
public final class ScenarioLibrary {
    /** Names of the bundled scenarios, in presentation order (simplest first). */
    public static final List<String> NAMES = List.of("empty-arena", "corridor-turns", "cluttered-room", "maze",
            "warehouse-aisles", "narrow-doorway", "pushable-boxes", "moving-obstacles");

    private static final String RESOURCE_DIR = "/dev/wayfinder/scenarios/library/";
    private static final Map<String, Scenario> CACHE = new ConcurrentHashMap<>();

    /** A bundled scenario's name and one-line description. */
    public record Entry(String name, String description) {
    }

    private ScenarioLibrary() {
    }

    /** Every bundled scenario, in {@link #NAMES} order. */
    public static List<Entry> list() {
        return NAMES.stream().map(n -> new Entry(n, loadBundled(n).description())).toList();
    }

    /** Whether {@code name} is a bundled scenario. */
    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /**
     * Loads a bundled scenario by name (with or without {@code .yaml}).
     *
     * @throws ScenarioException if there is no such scenario (the message suggests the closest name)
     */
    public static Scenario load(String name) throws ScenarioException {
        String n = name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
        if (!NAMES.contains(n)) {
            throw new ScenarioException(List.of(new Problem(name, 0, 0, "", "no bundled scenario of that name; "
                    + "the bundled ones are " + String.join(", ", NAMES))));
        }
        return loadBundled(n);
    }

    /** The file text of a bundled scenario, comments included, e.g. to copy it as a starting point. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("no bundled scenario '" + name + "'");
        }
        try (InputStream in = ScenarioLibrary.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new IllegalStateException("bundled scenario " + name + ".yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Scenario loadBundled(String name) {
        return CACHE.computeIfAbsent(name, n -> {
            try {
                return ScenarioLoader.parse(text(n), "scenarios/" + n + ".yaml");
            } catch (ScenarioException e) {
                // The bundled files are tested; reaching this is a packaging bug.
                throw new IllegalStateException("bundled scenario is invalid: " + e.getMessage(), e);
            }
        });
    }
}
