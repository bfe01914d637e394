package dev.wayfinder.studio.randomization;

import dev.wayfinder.scenarios.model.ParameterGroup;
import dev.wayfinder.scenarios.model.RandomParameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The randomization tab: the ranges on the left (one field per parameter, in the file's syntax and units; Enter or
 * leaving the field takes it as one undoable edit, blank stops randomizing the parameter, Escape brings the value
 * back), and on the right Reroll, the base seed and the gallery of {@value RandomizationModel#TILES} episodes, each
 * the robot camera's first view beside the episode's map. Clicking a tile opens its seed in the simulation. The
 * tiles' pictures grow with the space the tab has. Wiring only; the state is the {@link RandomizationModel}'s. FX
 * thread.
 */
public final class RandomizationView extends BorderPane {
    private static final PseudoClass DANGER = PseudoClass.getPseudoClass("danger");
    private static final int COLUMNS = 4;
    private static final double GAP = 6;

    private final RandomizationModel model;
    private final LongConsumer open;
    private final GridPane gallery = new GridPane();
    private final ScrollPane galleryScroll = new ScrollPane(gallery);
    private final List<TileView> tileViews = new ArrayList<>();

    /**
     * @param open what a click on a tile does with its seed (the studio opens it in the simulation tab)
     */
    public RandomizationView(RandomizationModel model, LongConsumer open) {
        this.model = model;
        this.open = open;
        setId("randomization");
        ScrollPane ranges = new ScrollPane(ranges());
        ranges.setFitToWidth(true);
        ranges.setMinWidth(220);
        BorderPane right = new BorderPane();
        right.setTop(toolbar());
        gallery.setHgap(GAP);
        gallery.setVgap(GAP);
        gallery.setPadding(new Insets(GAP));
        gallery.setId("gallery");
        for (int i = 0; i < RandomizationModel.TILES; i++) {
            TileView t = new TileView();
            tileViews.add(t);
            gallery.add(t, i % COLUMNS, i / COLUMNS);
        }
        galleryScroll.setFitToWidth(true);
        right.setCenter(galleryScroll);
        // The pictures take what the tab gives them: four columns, each the camera view beside the map.
        galleryScroll.viewportBoundsProperty().addListener((o, a, b) -> resizeTiles());
        SplitPane split = new SplitPane(ranges, right);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(ranges, false);
        setCenter(split);
        model.tiles().addListener((ListChangeListener<GalleryTile>) c -> showTiles());
        showTiles();
    }

    private VBox ranges() {
        VBox box = new VBox(6);
        box.setPadding(new Insets(6));
        Label help = new Label("Each parameter as the scenario file writes it: 0.5, {uniform: [a, b]}, "
                + "{log_uniform: [a, b]}, {normal: {mean, std, min, max}}, {choice: [a, b], weights: [..]}. "
                + "Angles in degrees. Blank: not randomized.");
        help.setWrapText(true);
        help.getStyleClass().add("text-muted");
        box.getChildren().add(help);
        for (ParameterGroup g : ParameterGroup.values()) {
            GridPane grid = new GridPane();
            grid.setVgap(1);
            grid.getColumnConstraints().add(new javafx.scene.layout.ColumnConstraints(80, 200, Double.MAX_VALUE,
                    Priority.ALWAYS, javafx.geometry.HPos.LEFT, true));
            int row = 0;
            for (RandomizationModel.Row r : model.rows()) {
                if (r.parameter().group() != g) {
                    continue;
                }
                row = addRow(grid, r, row);
            }
            TitledPane pane = new TitledPane(title(g), grid);
            pane.setId("ranges-" + g.key());
            pane.setExpanded(true);
            box.getChildren().add(pane);
        }
        return box;
    }

    private static String title(ParameterGroup g) {
        String k = g.key();
        return k.substring(0, 1).toUpperCase(Locale.ROOT) + k.substring(1);
    }

    private int addRow(GridPane grid, RandomizationModel.Row r, int row) {
        RandomParameter p = r.parameter();
        Label name = new Label(p.key() + unitSuffix(p));
        name.setTooltip(new Tooltip(p.key() + ": " + r.unitText()));
        name.getStyleClass().add("text-muted");
        name.setStyle("-fx-font-size: 11px;");
        TextField field = new TextField(r.textProperty().get());
        field.setId("range-" + p.key());
        field.setPromptText("not randomized");
        field.setPrefColumnCount(14);
        field.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(field, Priority.ALWAYS);
        r.textProperty().addListener((o, a, now) -> field.setText(now));
        field.setOnAction(e -> commit(r, field));
        field.focusedProperty().addListener((o, was, now) -> {
            if (was && !now && !field.getText().equals(r.textProperty().get())) {
                commit(r, field);
            }
        });
        field.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                field.setText(r.textProperty().get());
                e.consume();
            }
        });
        Label error = new Label();
        error.setId("range-error-" + p.key());
        error.setWrapText(true);
        error.getStyleClass().add("danger");
        error.textProperty().bind(r.errorProperty());
        error.visibleProperty().bind(r.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        r.errorProperty().addListener((o, a, msg) -> field.pseudoClassStateChanged(DANGER, !msg.isEmpty()));
        grid.add(name, 0, row++);
        grid.add(field, 0, row++);
        grid.add(error, 0, row++);
        return row;
    }

    /** Takes the field's text; once taken, the field shows it as the file writes it ("0.50" becomes "0.5"). */
    private void commit(RandomizationModel.Row r, TextField field) {
        if (model.setRange(r.parameter(), field.getText())) {
            field.setText(r.textProperty().get());
        }
    }

    private static String unitSuffix(RandomParameter p) {
        String u = p.unit().fileSymbol();
        return u.isEmpty() || u.equals("x") ? "" : " (" + u + ")";
    }

    private ToolBar toolbar() {
        Button reroll = new Button("Reroll");
        reroll.setId("gallery-reroll");
        reroll.setTooltip(new Tooltip("Show the episodes of another 16 seeds"));
        reroll.setOnAction(e -> model.reroll());
        Label seeds = new Label();
        seeds.setId("gallery-status");
        seeds.textProperty().bind(model.statusProperty());
        Label camera = new Label();
        camera.setId("gallery-camera-problem");
        camera.setStyle("-fx-text-fill: -color-warning-fg;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Label hint = new Label("Click an episode to simulate it");
        hint.getStyleClass().add("text-muted");
        ToolBar bar = new ToolBar(reroll, seeds, camera, gap, hint);
        bar.setId("gallery-toolbar");
        model.finishedProperty().addListener((o, a, b) -> camera.setText(model.renderer().cameraError()));
        return bar;
    }

    private void resizeTiles() {
        double w = galleryScroll.getViewportBounds().getWidth();
        double h = galleryScroll.getViewportBounds().getHeight();
        int rows = (RandomizationModel.TILES + COLUMNS - 1) / COLUMNS;
        double label = 22;
        // Two square pictures per tile, side by side; all four rows in view when the height allows.
        // A tile is two pictures, the 4 px between them, 4 px padding each side and a 1 px border each side.
        double byWidth = ((w - 2 * GAP - (COLUMNS - 1) * GAP) / COLUMNS - 14) / 2;
        double byHeight = (h - 2 * GAP - (rows - 1) * GAP) / rows - label - 10;
        double side = Math.max(40, Math.floor(Math.min(byWidth, byHeight)));
        for (TileView t : tileViews) {
            t.size(side);
        }
    }

    private void showTiles() {
        for (int i = 0; i < tileViews.size(); i++) {
            tileViews.get(i).show(i < model.tiles().size() ? model.tiles().get(i) : null);
        }
    }

    /** The tile views, in seed order (for tests). */
    public List<? extends Region> tileViews() {
        return List.copyOf(tileViews);
    }

    private static WritableImage image(GalleryTile.Pixels p) {
        WritableImage img = new WritableImage(p.width(), p.height());
        img.getPixelWriter().setPixels(0, 0, p.width(), p.height(), PixelFormat.getIntArgbInstance(), p.argb(), 0,
                p.width());
        return img;
    }

    /** One episode: the camera's first view, the map, the seed. */
    private final class TileView extends VBox {
        private final ImageView camera = new ImageView();
        private final ImageView map = new ImageView();
        private final StackPane cameraBox = new StackPane(camera);
        private final StackPane mapBox = new StackPane(map);
        private final Label caption = new Label();
        private GalleryTile tile;

        TileView() {
            super(2);
            getStyleClass().add("gallery-tile");
            setPadding(new Insets(4));
            setStyle("-fx-background-color: -color-bg-subtle; -fx-border-color: -color-border-default;"
                    + " -fx-background-radius: 4; -fx-border-radius: 4;");
            camera.setPreserveRatio(true);
            map.setSmooth(true);
            map.setPreserveRatio(true);
            cameraBox.setAlignment(Pos.CENTER);
            mapBox.setAlignment(Pos.CENTER);
            HBox pictures = new HBox(4, cameraBox, mapBox);
            caption.setStyle("-fx-font-size: 11px;");
            caption.setMaxWidth(Double.MAX_VALUE);
            getChildren().addAll(pictures, caption);
            setCursor(Cursor.HAND);
            setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && tile != null && tile.episode().isPresent()) {
                    open.accept(tile.seed());
                }
            });
            size(96);
        }

        void size(double side) {
            for (StackPane b : List.of(cameraBox, mapBox)) {
                b.setMinSize(side, side);
                b.setPrefSize(side, side);
                b.setMaxSize(side, side);
            }
            // Scaled up two times or more, the camera's pixels stay sharp squares; smaller, they are blended.
            camera.setSmooth(side < 128);
            camera.setFitWidth(side);
            camera.setFitHeight(side);
            map.setFitWidth(side);
            map.setFitHeight(side);
        }

        void show(GalleryTile t) {
            tile = t;
            if (t == null) {
                camera.setImage(null);
                map.setImage(null);
                caption.setText("");
                return;
            }
            setId("tile-" + t.index());
            camera.setImage(t.camera().map(RandomizationView::image).orElse(null));
            map.setImage(t.map().map(RandomizationView::image).orElse(null));
            String text = "seed " + t.seed();
            if (!t.done()) {
                text += " \u2026";
            } else if (t.episode().isEmpty()) {
                text += ": no solvable layout";
            }
            caption.setText(text);
            Tooltip.install(this, new Tooltip(t.problem().isEmpty() ? "Seed " + t.seed()
                    + ": click to simulate this episode" : t.problem()));
        }
    }

    /** Whether every tile shows its finished pictures (for tests). */
    public boolean filled() {
        return model.tiles().size() == RandomizationModel.TILES
                && tileViews.stream().allMatch(t -> t.tile != null && t.tile.done() && t.map.getImage() != null);
    }
}
