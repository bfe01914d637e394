package dev.wayfinder.studio.sim;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * The robot camera panel: the newest frame's RGB image, measured depth, segmentation and what the policy sees (the
 * RGB image at the network's input size), each scaled up with nearest-neighbour sampling so that the camera's pixels
 * stay visible. FX thread.
 */
public final class CameraPanel extends VBox {
    /** Shown size of each picture, pixels. */
    static final int TILE = 192;

    private final Tile rgb;
    private final Tile depth;
    private final Tile segmentation;
    private final Tile policy;
    private final Label empty = new Label("No camera frame yet");

    /** One picture with its caption. */
    private static final class Tile extends VBox {
        private final ImageView view = new ImageView();
        private final Label caption = new Label();
        private WritableImage image;

        Tile(String id, int size) {
            super(4);
            setId(id);
            view.setSmooth(false);
            view.setFitWidth(size);
            view.setFitHeight(size);
            view.setPreserveRatio(true);
            caption.getStyleClass().add("text-small");
            getChildren().addAll(view, caption);
        }

        void show(int[] argb, int w, int h, String text) {
            if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
                image = new WritableImage(w, h);
                view.setImage(image);
            }
            image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
            caption.setText(text);
        }
    }

    public CameraPanel(SimulationModel model) {
        this(model.frameProperty(), TILE);
    }

    /** A panel showing the camera pictures of {@code frames}, each {@code tile} pixels on its longer side. */
    public CameraPanel(javafx.beans.value.ObservableValue<SimFrame> frames, int tile) {
        super(8);
        rgb = new Tile("camera-rgb", tile);
        depth = new Tile("camera-depth", tile);
        segmentation = new Tile("camera-segmentation", tile);
        policy = new Tile("camera-policy", tile);
        setId("camera-panel");
        setPadding(new Insets(8));
        Label title = new Label("Robot camera");
        title.getStyleClass().add("title-4");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(rgb, 0, 0);
        grid.add(depth, 1, 0);
        grid.add(segmentation, 0, 1);
        grid.add(policy, 1, 1);
        empty.setWrapText(true);
        empty.setMaxWidth(2 * tile);
        getChildren().addAll(title, grid, empty);
        frames.addListener((o, a, f) -> show(f));
        show(frames.getValue());
    }

    private void show(SimFrame f) {
        if (f == null || f.camera().isEmpty()) {
            empty.setText(f != null && f.status() == EpisodeStatus.ERROR ? f.detail() : "No camera frame yet");
            empty.setVisible(true);
            return;
        }
        empty.setVisible(false);
        CameraImages c = f.camera().get();
        String size = c.width() + "\u00d7" + c.height();
        rgb.show(c.rgb(), c.width(), c.height(), "RGB " + size);
        depth.show(c.depth(), c.width(), c.height(),
                String.format(Locale.ROOT, "Depth as measured, 0\u2013%.0f m", c.maxDepth()));
        segmentation.show(c.segmentation(), c.width(), c.height(), "Segmentation");
        policy.show(c.policy(), c.policyWidth(), c.policyHeight(),
                "What the policy sees, " + c.policyWidth() + "\u00d7" + c.policyHeight());
    }
}
