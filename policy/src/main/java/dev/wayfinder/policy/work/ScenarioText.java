package dev.wayfinder.policy.work;

import dev.wayfinder.randomization.Randomizer;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.io.ScenarioLoader;
import dev.wayfinder.scenarios.library.ScenarioLibrary;
import dev.wayfinder.scenarios.model.Scenario;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A scenario as it travels to another process: the file's text (a worker need not have the file) and the variant to
 * derive from it, so both sides parse the same text and derive the same scenario.
 *
 * @param source  names the scenario in messages (a bundled name or the file path the user gave)
 * @param yaml    the scenario file's text
 * @param variant {@link #BASE}, {@link #OOD} (with {@code factor}) or {@link #STYLE}
 * @param factor  the OOD widening factor (1 otherwise)
 */
public record ScenarioText(String source, String yaml, String variant, double factor) implements Serializable {
    /** The scenario as written. */
    public static final String BASE = "base";
    /** {@link Randomizer#ood} of it. */
    public static final String OOD = "ood";
    /** {@link Randomizer#style} of it. */
    public static final String STYLE = "style";

    public ScenarioText {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(yaml, "yaml");
        if (!variant.equals(BASE) && !variant.equals(OOD) && !variant.equals(STYLE)) {
            throw new IllegalArgumentException("scenario variant must be base, ood or style, got " + variant);
        }
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("OOD factor must be >= 1, got " + factor);
        }
    }

    /**
     * A bundled scenario's name or a scenario file's path, as {@code wayfinder} commands take them.
     *
     * @throws IllegalArgumentException naming the reference when it is neither
     */
    public static ScenarioText of(String ref) {
        if (ScenarioLibrary.contains(ref)) {
            return new ScenarioText(ref, ScenarioLibrary.text(ref), BASE, 1);
        }
        Path p = Path.of(ref);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("scenario '" + ref + "' is neither bundled ("
                    + String.join(", ", ScenarioLibrary.NAMES) + ") nor a file");
        }
        try {
            return new ScenarioText(ref, Files.readString(p, StandardCharsets.UTF_8), BASE, 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("scenario file " + ref + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** This scenario's out-of-distribution variant. */
    public ScenarioText ood(double f) {
        return new ScenarioText(source, yaml, OOD, f);
    }

    /** This scenario's visual-style variant. */
    public ScenarioText style() {
        return new ScenarioText(source, yaml, STYLE, 1);
    }

    /**
     * Parses the text and derives the variant.
     *
     * @throws IllegalArgumentException with the loader's located problems when the text is not a valid scenario
     */
    public Scenario scenario() {
        Scenario s;
        try {
            s = ScenarioLoader.parse(yaml, source);
        } catch (ScenarioException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return switch (variant) {
            case OOD -> Randomizer.ood(s, factor);
            case STYLE -> Randomizer.style(s);
            default -> s;
        };
    }
}
