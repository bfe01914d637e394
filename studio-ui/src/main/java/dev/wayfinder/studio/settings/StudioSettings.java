package dev.wayfinder.studio.settings;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What the studio remembers between runs: recent files, the theme, the window size and the panel dividers. Kept
 * as a properties file ({@link #defaultFile()}); a missing or unreadable file gives the defaults, never an error.
 * Not thread-safe (FX thread).
 */
public final class StudioSettings {
    /** Most recent files remembered. */
    public static final int MAX_RECENT = 8;

    private final Optional<Path> file;
    private final Properties props = new Properties();

    private StudioSettings(Optional<Path> file) {
        this.file = file;
    }

    /**
     * {@code $XDG_CONFIG_HOME/wayfinder/studio.properties}, or {@code ~/.config/wayfinder/studio.properties} when
     * that variable is unset.
     */
    public static Path defaultFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("wayfinder").resolve("studio.properties");
    }

    /** The settings stored in {@code file}; defaults when it does not exist or cannot be read. */
    public static StudioSettings load(Path file) {
        StudioSettings s = new StudioSettings(Optional.of(file));
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                s.props.load(r);
            } catch (IOException | IllegalArgumentException e) {
                s.props.clear();
            }
        }
        return s;
    }

    /** Settings that are never stored (snapshots, tests). */
    public static StudioSettings inMemory() {
        return new StudioSettings(Optional.empty());
    }

    /** Writes the settings (atomically); false, with nothing changed, when the file cannot be written. */
    public boolean save() {
        if (file.isEmpty()) {
            return true;
        }
        Path target = file.get().toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".studio", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                props.store(w, "Wayfinder Studio settings");
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Recently opened or saved files, newest first. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX_RECENT; i++) {
            String v = props.getProperty("recent." + i);
            if (v == null) {
                break;
            }
            try {
                out.add(Path.of(v));
            } catch (InvalidPathException e) {
                // A hand-edited entry the file system cannot name: skip it.
            }
        }
        return out;
    }

    /** Puts {@code p} first among the recent files (once), keeping at most {@link #MAX_RECENT}. */
    public void addRecent(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        List<Path> list = new ArrayList<>(recentFiles());
        list.remove(abs);
        list.add(0, abs);
        for (int i = 0; i < MAX_RECENT; i++) {
            if (i < list.size()) {
                props.setProperty("recent." + i, list.get(i).toString());
            } else {
                props.remove("recent." + i);
            }
        }
    }

    /** Whether the dark theme is chosen (default light). */
    public boolean dark() {
        return "dark".equals(props.getProperty("theme"));
    }

    public void setDark(boolean dark) {
        props.setProperty("theme", dark ? "dark" : "light");
    }

    /** The divider positions stored under {@code key}, or {@code defaults} when none (or a malformed entry). */
    public double[] dividers(String key, double... defaults) {
        String v = props.getProperty("dividers." + key);
        if (v == null) {
            return defaults.clone();
        }
        try {
            double[] d = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
            boolean ok = d.length == defaults.length && Arrays.stream(d).allMatch(x -> x >= 0 && x <= 1);
            return ok ? d : defaults.clone();
        } catch (NumberFormatException e) {
            return defaults.clone();
        }
    }

    public void setDividers(String key, double... positions) {
        StringBuilder b = new StringBuilder();
        for (double p : positions) {
            b.append(b.isEmpty() ? "" : ",").append(String.format(Locale.ROOT, "%.4f", p));
        }
        props.setProperty("dividers." + key, b.toString());
    }

    /** The window size, pixels, or {@code defaults} ({width, height}). */
    public double[] windowSize(double... defaults) {
        try {
            double w = Double.parseDouble(props.getProperty("window.width", String.valueOf(defaults[0])));
            double h = Double.parseDouble(props.getProperty("window.height", String.valueOf(defaults[1])));
            return w >= 400 && h >= 300 && w < 20000 && h < 20000 ? new double[] {w, h} : defaults.clone();
        } catch (NumberFormatException e) {
            return defaults.clone();
        }
    }

    public void setWindowSize(double width, double height) {
        props.setProperty("window.width", String.format(Locale.ROOT, "%.0f", width));
        props.setProperty("window.height", String.format(Locale.ROOT, "%.0f", height));
    }

    /** Where the window's top left corner was on the desktop ({x, y}, pixels), if stored (and well-formed). */
    public Optional<double[]> windowPosition() {
        try {
            String x = props.getProperty("window.x");
            String y = props.getProperty("window.y");
            if (x == null || y == null) {
                return Optional.empty();
            }
            double[] p = {Double.parseDouble(x), Double.parseDouble(y)};
            return Double.isFinite(p[0]) && Double.isFinite(p[1]) && Math.abs(p[0]) < 100_000 && Math.abs(p[1]) < 100_000
                    ? Optional.of(p) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public void setWindowPosition(double x, double y) {
        props.setProperty("window.x", String.format(Locale.ROOT, "%.0f", x));
        props.setProperty("window.y", String.format(Locale.ROOT, "%.0f", y));
    }

    /** Whether the window was maximized (default no). */
    public boolean windowMaximized() {
        return "true".equals(props.getProperty("window.maximized"));
    }

    public void setWindowMaximized(boolean on) {
        props.setProperty("window.maximized", String.valueOf(on));
    }
}
