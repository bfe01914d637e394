package dev.wayfinder.studio.sim;

import dev.wayfinder.render.view.OrbitCamera;
import dev.wayfinder.render.view.ViewProjection;
import dev.wayfinder.scenarios.model.Episode;
import dev.wayfinder.sim.env.ActionSet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;

/**
 * The 3D viewport: the {@link ViewportRenderer}'s newest picture shown through a JavaFX {@link PixelBuffer} (copied
 * in on each pulse when a new one is ready; the FX thread never waits for OpenGL), the overlays drawn over it, and
 * the studio camera steered with the mouse: drag to orbit, right- or middle-drag (or Shift+drag) to pan, scroll to
 * zoom, Home to frame the arena again. With the keyboard driver, the arrow keys (or W A S D) drive the robot while
 * the viewport has the focus. FX thread.
 */
public final class ViewportView extends StackPane implements AutoCloseable {
    private static final double ORBIT_PER_PIXEL = 0.008;
    private static final double ZOOM_PER_SCROLL_UNIT = 0.0015;

    private final SimulationModel model;
    private final ViewportRenderer renderer = new ViewportRenderer();
    private final ImageView image = new ImageView();
    private final Canvas overlay = new Canvas();
    private final Label message = new Label("Starting the simulation\u2026");
    private final Overlays overlays = new Overlays();
    private final ObjectProperty<OrbitCamera> camera = new SimpleObjectProperty<>(this, "camera");
    private final ReadOnlyLongWrapper shown = new ReadOnlyLongWrapper(this, "shown");
    private final AnimationTimer pulse;
    private PixelBuffer<IntBuffer> buffer;
    private ViewportRenderer.Picture last;
    private double pressX;
    private double pressY;
    private boolean forward;
    private boolean left;
    private boolean right;
    private long fpsSince;
    private long fpsFrames;

    public ViewportView(SimulationModel model) {
        this.model = model;
        setId("viewport");
        setMinSize(120, 90);
        setStyle("-fx-background-color: #1b1f24;");
        image.setPreserveRatio(false);
        image.fitWidthProperty().bind(widthProperty());
        image.fitHeightProperty().bind(heightProperty());
        image.setId("viewport-image");
        overlay.widthProperty().bind(widthProperty());
        overlay.heightProperty().bind(heightProperty());
        overlay.setMouseTransparent(true);
        message.setStyle("-fx-text-fill: #d0d7de;");
        message.setWrapText(true);
        Pane holder = new Pane(image, overlay);
        getChildren().addAll(holder, message);
        setFocusTraversable(true);

        model.addFrameListener(renderer::show);
        model.frameProperty().addListener((o, a, f) -> {
            if (f != null && f.episode() != null && camera.get() == null) {
                camera.set(home(f.episode()));
            }
        });
        camera.addListener((o, a, c) -> {
            if (c != null) {
                renderer.setCamera(c);
            }
        });
        widthProperty().addListener((o, a, v) -> resized());
        heightProperty().addListener((o, a, v) -> resized());
        for (var p : new javafx.beans.Observable[] {model.showRouteProperty(), model.showFrustumProperty(),
            model.showLidarProperty(), model.showContactsProperty()}) {
            p.addListener(x -> drawOverlays());
        }

        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            pressX = e.getX();
            pressY = e.getY();
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            OrbitCamera c = camera.get();
            if (c != null && e.getDeltaY() != 0) {
                double factor = Math.exp(-e.getDeltaY() * ZOOM_PER_SCROLL_UNIT);
                double d = Math.clamp(c.distance() * factor, 0.3, 200);
                camera.set(c.zoom(d / c.distance()));
            }
            e.consume();
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> key(e, true));
        addEventHandler(KeyEvent.KEY_RELEASED, e -> key(e, false));

        pulse = new AnimationTimer() {
            @Override
            public void handle(long now) {
                present(now);
            }
        };
        pulse.start();
    }

    /** A three-quarter view of the whole arena. */
    static OrbitCamera home(Episode e) {
        return OrbitCamera.overview(e);
    }

    /** Frames the arena again. */
    public void home() {
        SimFrame f = model.frame();
        if (f != null && f.episode() != null) {
            camera.set(home(f.episode()));
        }
    }

    /** The studio camera (settable: tests and snapshots place it). */
    public ObjectProperty<OrbitCamera> cameraProperty() {
        return camera;
    }

    /** Pictures shown so far. */
    public ReadOnlyLongProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** The picture on screen (null before the first). */
    public WritableImage image() {
        return (WritableImage) image.getImage();
    }

    /** The simulation frame the picture on screen shows (null before the first). */
    /** The canvas the overlays are drawn on, over the picture (tests read it). */
    javafx.scene.canvas.Canvas overlayCanvas() {
        return overlay;
    }

    public SimFrame shownFrame() {
        return last == null ? null : last.frame();
    }

    /** The renderer behind the view (for measuring it). */
    public ViewportRenderer renderer() {
        return renderer;
    }

    private void resized() {
        int w = (int) Math.round(getWidth());
        int h = (int) Math.round(getHeight());
        if (w > 0 && h > 0) {
            renderer.setSize(w, h);
        }
        drawOverlays();
    }

    private void dragged(MouseEvent e) {
        OrbitCamera c = camera.get();
        if (c == null) {
            return;
        }
        double dx = e.getX() - pressX;
        double dy = e.getY() - pressY;
        pressX = e.getX();
        pressY = e.getY();
        boolean pan = e.getButton() == MouseButton.SECONDARY || e.getButton() == MouseButton.MIDDLE
                || e.isShiftDown();
        if (pan) {
            // Metres per pixel at the target's distance, so the point under the pointer follows it.
            double perPixel = 2 * c.distance() * Math.tan(c.verticalFov() / 2) / Math.max(1, getHeight());
            camera.set(c.pan(-dx * perPixel, dy * perPixel));
        } else {
            camera.set(c.orbit(-dx * ORBIT_PER_PIXEL, dy * ORBIT_PER_PIXEL));
        }
        e.consume();
    }

    private void key(KeyEvent e, boolean down) {
        KeyCode k = e.getCode();
        switch (k) {
            case UP, W -> forward = down;
            case LEFT, A -> left = down;
            case RIGHT, D -> right = down;
            case HOME -> {
                if (down) {
                    home();
                }
                e.consume();
                return;
            }
            default -> {
                return;
            }
        }
        e.consume();
        model.teleop(Teleop.action(ActionSet.DEFAULT, forward, left, right));
    }

    private void present(long now) {
        String err = renderer.error();
        if (!err.isEmpty()) {
            message.setText(err);
            message.setVisible(true);
        }
        ViewportRenderer.Picture p = renderer.take();
        if (p != null) {
            int w = p.width();
            int h = p.height();
            if (buffer == null || buffer.getWidth() != w || buffer.getHeight() != h) {
                IntBuffer ints = ByteBuffer.allocateDirect(w * h * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
                buffer = new PixelBuffer<>(w, h, ints, PixelFormat.getIntArgbPreInstance());
                image.setImage(new WritableImage(buffer));
            }
            IntBuffer dst = buffer.getBuffer();
            dst.clear();
            IntBuffer src = p.pixels().duplicate();
            src.position(0).limit(w * h);
            dst.put(src);
            dst.flip();
            buffer.updateBuffer(b -> null);
            ViewportRenderer.Picture before = last;
            last = p;
            renderer.recycle(before);
            message.setVisible(false);
            drawOverlays();
            shown.set(shown.get() + 1);
            fpsFrames++;
        }
        if (fpsSince == 0) {
            fpsSince = now;
        } else if (now - fpsSince >= 1_000_000_000L) {
            model.setFps(fpsFrames * 1e9 / (now - fpsSince));
            fpsFrames = 0;
            fpsSince = now;
        }
    }

    private void drawOverlays() {
        var g = overlay.getGraphicsContext2D();
        g.clearRect(0, 0, overlay.getWidth(), overlay.getHeight());
        if (last == null) {
            return;
        }
        overlays.draw(g, ViewProjection.of(last.camera(), last.width(), last.height()), overlay.getWidth(),
                overlay.getHeight(), last.frame(), model.showRouteProperty().get(), model.showFrustumProperty().get(),
                model.showLidarProperty().get(), model.showContactsProperty().get());
    }

    @Override
    public void close() {
        pulse.stop();
        renderer.close();
    }
}
