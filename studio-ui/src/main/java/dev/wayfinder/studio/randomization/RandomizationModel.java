package dev.wayfinder.studio.randomization;

import dev.wayfinder.scenarios.io.DistributionText;
import dev.wayfinder.scenarios.io.ScenarioException;
import dev.wayfinder.scenarios.model.Distribution;
import dev.wayfinder.scenarios.model.ParameterUnit;
import dev.wayfinder.scenarios.model.RandomParameter;
import dev.wayfinder.scenarios.model.Scenario;
import dev.wayfinder.studio.edit.RandomizationChange;
import dev.wayfinder.studio.edit.ScenarioDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The randomization tab's state: one row per randomized parameter the scenario format knows, showing its
 * distribution as the file writes it and taking a new one as an undoable edit of the document; and the gallery, the
 * episodes of {@value #TILES} seeds from a base seed, drawn and rendered by a {@link GalleryRenderer} off this thread.
 * Every change of the document's scenario (a range here, an obstacle in the editor, undo) and every new base seed
 * asks for a new gallery while the tab is {@linkplain #activeProperty() active}; the newest request wins and the
 * stale batch stops. Not thread-safe: call and observe on the thread tiles are delivered on (the FX thread).
 */
public final class RandomizationModel implements AutoCloseable {
    /** Episodes the gallery shows. */
    public static final int TILES = 16;
    /** Base seeds {@link #reroll()} picks lie in [0, this). */
    static final long SEED_SPAN = 1_000_000;

    /** One parameter's row: its distribution as the file writes it, or empty when it is not randomized. */
    public static final class Row {
        private final RandomParameter parameter;
        private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");
        private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

        Row(RandomParameter parameter) {
            this.parameter = parameter;
        }

        public RandomParameter parameter() {
            return parameter;
        }

        /** The distribution in file units ({@code {uniform: [0, 360]}}), empty when not randomized. */
        public ReadOnlyStringProperty textProperty() {
            return text.getReadOnlyProperty();
        }

        /** Why the text last entered was refused (the scenario stayed as it was); empty when it was taken. */
        public ReadOnlyStringProperty errorProperty() {
            return error.getReadOnlyProperty();
        }

        /** The unit values are written in, and the values the parameter accepts (for a tooltip). */
        public String unitText() {
            ParameterUnit u = parameter.unit();
            if (u == ParameterUnit.CATEGORY) {
                return "one of " + String.join(", ", parameter.categories());
            }
            String sym = u.fileSymbol().isEmpty() ? "" : " " + u.fileSymbol();
            return String.format(Locale.ROOT, "%s to %s%s", num(u.toFile(parameter.domainMin())),
                    num(u.toFile(parameter.domainMax())), sym);
        }

        private static String num(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
        }
    }

    private final ScenarioDocument doc;
    private final GalleryRenderer renderer;
    private final List<Row> rowList = new ArrayList<>();
    private final ObservableList<Row> rows;
    private final ObservableList<GalleryTile> tiles = FXCollections.observableArrayList();
    private final ObservableList<GalleryTile> tilesView = FXCollections.unmodifiableObservableList(tiles);
    private final LongProperty baseSeed = new SimpleLongProperty(this, "baseSeed", 0);
    private final BooleanProperty active = new SimpleBooleanProperty(this, "active", false);
    private final ReadOnlyIntegerWrapper finished = new ReadOnlyIntegerWrapper(this, "finished", 0);
    private final ReadOnlyBooleanWrapper rendering = new ReadOnlyBooleanWrapper(this, "rendering", false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private GalleryRenderer.Request shownRequest;
    private long generation;
    private boolean outdated = true;

    /**
     * A model of {@code doc}'s randomization.
     *
     * @param renderer the gallery's renderer, made with this model's {@link #tileFinished} as its sink (see
     *                 {@link #create})
     */
    private RandomizationModel(ScenarioDocument doc, java.util.function.Function<GalleryRenderer.Sink,
            GalleryRenderer> renderer) {
        this.doc = Objects.requireNonNull(doc, "doc");
        for (RandomParameter p : RandomParameter.values()) {
            rowList.add(new Row(p));
        }
        rows = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(rowList));
        this.renderer = renderer.apply(this::tileFinished);
        refreshRows(doc.scenario());
        doc.scenarioProperty().addListener((o, a, now) -> {
            refreshRows(now);
            changed();
        });
        baseSeed.addListener((o, a, b) -> changed());
        active.addListener((o, a, on) -> {
            if (on && outdated) {
                request();
            }
        });
    }

    /**
     * A model whose gallery renders on a {@link GalleryRenderer} of its own.
     *
     * @param camera  whether tiles get camera views (OpenGL); false draws maps only
     * @param deliver the thread tiles arrive on (the FX thread's {@code Platform::runLater})
     */
    public static RandomizationModel create(ScenarioDocument doc, boolean camera, java.util.concurrent.Executor deliver) {
        return new RandomizationModel(doc, sink -> new GalleryRenderer(camera, deliver, sink));
    }

    private void refreshRows(Scenario s) {
        for (Row r : rowList) {
            Optional<Distribution> d = s.randomization().get(r.parameter);
            r.text.set(d.map(x -> DistributionText.format(r.parameter, x)).orElse(""));
            r.error.set("");
        }
    }

    private void changed() {
        outdated = true;
        if (active.get()) {
            request();
        }
    }

    private void request() {
        outdated = false;
        shownRequest = new GalleryRenderer.Request(doc.scenario(), baseSeed.get(), TILES);
        generation = renderer.submit(shownRequest);
        List<GalleryTile> waiting = new ArrayList<>(TILES);
        for (int i = 0; i < TILES; i++) {
            waiting.add(GalleryTile.waiting(i, shownRequest.seed(i)));
        }
        tiles.setAll(waiting);
        finished.set(0);
        rendering.set(true);
        status.set(String.format(Locale.ROOT, "Drawing seeds %d\u2013%d\u2026", shownRequest.seed(0),
                shownRequest.seed(TILES - 1)));
    }

    private void tileFinished(long gen, GalleryTile tile) {
        if (gen != generation) {
            return;
        }
        tiles.set(tile.index(), tile);
        finished.set(finished.get() + 1);
        if (finished.get() == TILES) {
            rendering.set(false);
            long failed = tiles.stream().filter(t -> t.episode().isEmpty()).count();
            status.set(String.format(Locale.ROOT, "Seeds %d\u2013%d%s", shownRequest.seed(0),
                    shownRequest.seed(TILES - 1), failed == 0 ? "" : ", " + failed + " without a solvable layout"));
        } else {
            status.set(String.format(Locale.ROOT, "Drawing seeds %d\u2013%d: %d of %d", shownRequest.seed(0),
                    shownRequest.seed(TILES - 1), finished.get(), TILES));
        }
    }

    /**
     * Sets {@code p}'s distribution from {@code text} as a file writes it; blank text stops randomizing it. A change
     * is one edit on the document's undo stack; text that is not a distribution of {@code p} leaves the scenario as
     * it was and puts the reason in the row's error.
     *
     * @return whether the text was taken
     */
    public boolean setRange(RandomParameter p, String text) {
        Row row = row(p);
        Optional<Distribution> now = doc.scenario().randomization().get(p);
        Optional<Distribution> next;
        if (text.isBlank()) {
            next = Optional.empty();
        } else {
            try {
                next = Optional.of(DistributionText.parse(p, text.strip()));
            } catch (ScenarioException e) {
                row.error.set(e.getMessage());
                return false;
            }
        }
        row.error.set("");
        if (next.equals(now)) {
            row.text.set(now.map(d -> DistributionText.format(p, d)).orElse(""));
            return true;
        }
        doc.execute(RandomizationChange.of(doc.scenario(), p, next));
        return true;
    }

    /** A new base seed (a fresh set of 16 episodes), drawn from the current one: the same reroll, the same seeds. */
    public void reroll() {
        long z = baseSeed.get() + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        baseSeed.set(Math.floorMod(z, SEED_SPAN));
    }

    /** The row of {@code p}. */
    public Row row(RandomParameter p) {
        return rowList.get(p.ordinal());
    }

    /** Every parameter, in the order of the scenario format (visual, physical, layout). */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The gallery, {@value #TILES} tiles; those not finished yet are {@linkplain GalleryTile#waiting waiting}. */
    public ObservableList<GalleryTile> tiles() {
        return tilesView;
    }

    /** The first seed of the gallery; tile i shows seed base + i, as {@code wayfinder randomize --seed base}. */
    public LongProperty baseSeedProperty() {
        return baseSeed;
    }

    /** Whether the gallery is on screen: only then are galleries rendered (set by the tab). */
    public BooleanProperty activeProperty() {
        return active;
    }

    /** Tiles of the current gallery finished so far. */
    public ReadOnlyIntegerProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    /** Whether the current gallery is still being drawn. */
    public ReadOnlyBooleanProperty renderingProperty() {
        return rendering.getReadOnlyProperty();
    }

    /** What the gallery shows, in words. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The request the tiles belong to; empty before the first. */
    public Optional<GalleryRenderer.Request> shownRequest() {
        return Optional.ofNullable(shownRequest);
    }

    /** The renderer (for tests and the status line: camera problems, cancelled batches). */
    public GalleryRenderer renderer() {
        return renderer;
    }

    @Override
    public void close() {
        renderer.close();
    }
}
