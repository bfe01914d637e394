package dev.wayfinder.studio.editor;

import dev.wayfinder.scenarios.draw.MapLayout;
import dev.wayfinder.scenarios.model.Vec2;
import dev.wayfinder.studio.validation.ValidationModel;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;

/**
 * The top-down editor view: a canvas filling its region, redrawn whenever the scenario, the selection or the
 * validation report changes, and pointer and key input handed to the {@link EditorModel} in world coordinates
 * (through the same map layout it draws with). Click selects, drag moves, the round handle rotates, the square one
 * resizes; a selected moving obstacle's numbered waypoints drag, and Alt- or Shift-click on its path inserts one;
 * arrow keys nudge by a grid step (the selected waypoint, else the selection), Delete removes, Escape cancels a drag. Scroll (or + and -) zooms,
 * middle-drag or Space+drag pans, Home fits the arena again ({@link MapView}).
 */
public final class EditorCanvas extends Region {
    /** Pixels a click may miss an item or handle by. */
    static final double PICK_PX = 6;
    /** Pixels from an obstacle's front to its rotate handle. */
    static final double STEM_PX = 22;
    private static final double PAD = 24;

    private final EditorModel model;
    private final ValidationModel validation;
    private final Canvas canvas = new Canvas();
    private final ReadOnlyStringWrapper pointer = new ReadOnlyStringWrapper(this, "pointer", "");
    private final MapView view = new MapView();
    private MapLayout layout;
    private boolean spaceDown;
    private double[] panFrom;

    public EditorCanvas(EditorModel model, ValidationModel validation) {
        this.model = Objects.requireNonNull(model, "model");
        this.validation = Objects.requireNonNull(validation, "validation");
        getStyleClass().add("map-editor");
        setId("editor-canvas");
        // The floor around the arena takes the theme's subtle background (a looked-up colour of the theme).
        setStyle("-fx-background-color: -color-bg-subtle;");
        setFocusTraversable(true);
        getChildren().add(canvas);
        setMinSize(200, 150);
        var doc = model.document();
        doc.scenarioProperty().addListener((o, a, b) -> redraw());
        doc.selectionProperty().addListener((o, a, b) -> redraw());
        doc.waypointProperty().addListener((o, a, b) -> redraw());
        validation.reportProperty().addListener((o, a, b) -> redraw());
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_MOVED, this::moved);
        canvas.addEventHandler(MouseEvent.MOUSE_EXITED, e -> pointer.set(""));
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                setCursor(Cursor.DEFAULT);
                e.consume();
            }
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                zoomAt(Math.pow(1.0025, e.getDeltaY()), e.getX(), e.getY());
            }
            e.consume();
        });
        view.zoomProperty().addListener((o, a, b) -> redraw());
        view.panXProperty().addListener((o, a, b) -> redraw());
        view.panYProperty().addListener((o, a, b) -> redraw());
    }

    /** The zoom and pan the map is drawn with. */
    public MapView view() {
        return view;
    }

    private void zoomAt(double factor, double x, double y) {
        view.zoomAt(factor, x, y, model.document().scenario().arena(), Math.max(getWidth(), 1),
                Math.max(getHeight(), 1), PAD);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    /** The layout the map is drawn with now (for tests and overlays). */
    public MapLayout mapLayout() {
        if (layout == null) {
            layout = view.layout(model.document().scenario().arena(), Math.max(getWidth(), 1),
                    Math.max(getHeight(), 1), PAD);
        }
        return layout;
    }

    /** The scene-independent canvas position (pixels, in this region) of world point {@code p}. */
    public double[] toPixels(Vec2 p) {
        MapLayout l = mapLayout();
        return new double[] {l.px(p.x()), l.py(p.y())};
    }

    /** The pointer's world position ("x 1.25 m, y -0.40 m"), empty when it is outside. */
    public ReadOnlyStringProperty pointerProperty() {
        return pointer.getReadOnlyProperty();
    }

    /** Draws everything again. */
    public void redraw() {
        layout = null;
        MapLayout l = mapLayout();
        MapPainter.paint(canvas.getGraphicsContext2D(), l, model.document().scenario(), validation.report(),
                validation.patrolProblems(), model.document().selection(), model.document().waypoint(),
                model.handles(STEM_PX / l.pixelsPerMetre()));
    }

    private Vec2 world(MouseEvent e) {
        MapLayout l = mapLayout();
        return new Vec2(l.worldX(e.getX()), l.worldY(e.getY()));
    }

    private double tolerance() {
        return PICK_PX / mapLayout().pixelsPerMetre();
    }

    private double stem() {
        return STEM_PX / mapLayout().pixelsPerMetre();
    }

    private void pressed(MouseEvent e) {
        requestFocus();
        if (e.getButton() == MouseButton.MIDDLE || e.getButton() == MouseButton.PRIMARY && spaceDown) {
            panFrom = new double[] {e.getX(), e.getY()};
            setCursor(Cursor.CLOSED_HAND);
            e.consume();
            return;
        }
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        if ((e.isAltDown() || e.isShiftDown()) && model.insertWaypointAt(world(e), tolerance() * 1.5)) {
            e.consume();
            return;
        }
        model.press(world(e), tolerance() + MapPainter.HANDLE / mapLayout().pixelsPerMetre() * 0.5, stem());
        e.consume();
    }

    private void dragged(MouseEvent e) {
        if (panFrom != null) {
            view.panBy(e.getX() - panFrom[0], e.getY() - panFrom[1]);
            panFrom = new double[] {e.getX(), e.getY()};
            e.consume();
            return;
        }
        if (model.dragging()) {
            model.drag(world(e));
            showPointer(world(e));
            e.consume();
        }
    }

    private void released(MouseEvent e) {
        if (panFrom != null) {
            panFrom = null;
            setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
            e.consume();
            return;
        }
        if (model.dragging()) {
            model.release(world(e));
            e.consume();
        }
    }

    private void moved(MouseEvent e) {
        Vec2 p = world(e);
        showPointer(p);
        if (spaceDown) {
            setCursor(Cursor.OPEN_HAND);
            return;
        }
        boolean onHandle = model.handles(stem()).stream().anyMatch(h -> h.at().distanceTo(p) <= tolerance() * 1.5);
        setCursor(onHandle ? Cursor.CROSSHAIR
                : model.hit(p, tolerance()) instanceof dev.wayfinder.studio.edit.Selection.Nothing ? Cursor.DEFAULT
                : Cursor.MOVE);
    }

    private void showPointer(Vec2 p) {
        pointer.set(String.format(Locale.ROOT, "x %.2f m, y %.2f m", p.x(), p.y()));
    }

    private void key(KeyEvent e) {
        boolean done = switch (e.getCode()) {
            case LEFT -> model.nudge(-1, 0);
            case RIGHT -> model.nudge(1, 0);
            case UP -> model.nudge(0, 1);
            case DOWN -> model.nudge(0, -1);
            case PLUS, ADD, EQUALS -> {
                zoomAt(MapView.KEY_STEP, getWidth() / 2, getHeight() / 2);
                yield true;
            }
            case MINUS, SUBTRACT -> {
                zoomAt(1 / MapView.KEY_STEP, getWidth() / 2, getHeight() / 2);
                yield true;
            }
            case HOME -> {
                view.fit();
                yield true;
            }
            case SPACE -> {
                spaceDown = true;
                if (panFrom == null) {
                    setCursor(Cursor.OPEN_HAND);
                }
                yield true;
            }
            case ESCAPE -> {
                if (model.dragging()) {
                    model.cancel();
                } else {
                    model.document().selectionProperty().set(dev.wayfinder.studio.edit.Selection.NONE);
                }
                yield true;
            }
            default -> false;
        };
        if (done || e.getCode() == KeyCode.LEFT || e.getCode() == KeyCode.RIGHT || e.getCode() == KeyCode.UP
                || e.getCode() == KeyCode.DOWN) {
            e.consume();
        }
    }
}
