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

    private final Tile rgb = new Tile("camera-rgb");
    private final Tile depth = new Tile("camera-depth");
    private final Tile segmentation = new Tile("camera-segmentation");
    private final Tile policy = new Tile("camera-policy");
    private final Label empty = new Label("No camera frame yet");

    /** One picture with its caption. */
    private static final class Tile extends VBox {
        private final ImageView view = new ImageView();
        private final Label caption = new Label();
        private WritableImage image;

        Tile(String id) {
            super(4);
            setId(id);
            view.setSmooth(false);
            view.setFitWidth(TILE);
            view.setFitHeight(TILE);
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
        super(8);
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
        empty.setMaxWidth(2 * TILE);
        getChildren().addAll(title, grid, empty);
        model.frameProperty().addListener((o, a, f) -> show(f));
        show(model.frame());
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
