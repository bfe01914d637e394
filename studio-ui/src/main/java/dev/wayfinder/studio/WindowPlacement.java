package dev.wayfinder.studio;

import dev.wayfinder.studio.settings.StudioSettings;
import java.util.List;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.beans.InvalidationListener;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The main window's size, position and maximized state across runs, as a desktop shows them. The stored size is
 * fitted to the screen it opens on, a stored position is used only while it is still on one of the screens (a
 * monitor unplugged since leaves the window where the window manager puts it), and the maximized state is kept
 * without losing the size to go back to.
 *
 * <p>It also keeps the size the window was opened with against a fault of JavaFX 21's GTK windows under some X11
 * window managers (seen with Openbox under Xvfb): right after mapping, the window is shrunk to glass's default of
 * 200x200 content pixels. While the window is new (its first {@value #SETTLE_MILLIS} ms), a shrink below the
 * smallest size the settings keep is undone; a size the user or a tiling window manager picks later stands.
 */
final class WindowPlacement {
    /** Pixels of a screen left free around a fitted window (the desktop's panels and the title bar). */
    static final double MARGIN = 48;
    /** How long after showing a shrink to a tiny size is taken for the fault described above. */
    static final long SETTLE_MILLIS = 3000;
    /** Smaller content than this, right after showing, is the fault (the settings keep no smaller size). */
    static final double TINY_WIDTH = 400;
    static final double TINY_HEIGHT = 300;

    private WindowPlacement() {
    }

    /**
     * {@code size} ({width, height}) made to fit inside {@code screen}'s visual bounds less {@link #MARGIN} on each
     * axis, never below {@link #TINY_WIDTH} x {@link #TINY_HEIGHT}.
     */
    static double[] fit(double[] size, Rectangle2D screen) {
        double w = Math.max(TINY_WIDTH, Math.min(size[0], screen.getWidth() - MARGIN));
        double h = Math.max(TINY_HEIGHT, Math.min(size[1], screen.getHeight() - MARGIN));
        return new double[] {w, h};
    }

    /**
     * The stored position if a window of {@code width} there would still have its title bar on a screen (a strip
     * of 100 by 20 pixels of its top edge, or its whole width when narrower), else empty.
     *
     * @param screens the screens' visual bounds
     */
    static Optional<double[]> position(Optional<double[]> stored, double width, List<Rectangle2D> screens) {
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        double x = stored.get()[0];
        double y = stored.get()[1];
        double needW = Math.min(100, width);
        for (Rectangle2D s : screens) {
            double iw = Math.min(x + width, s.getMaxX()) - Math.max(x, s.getMinX());
            double ih = Math.min(y + 30, s.getMaxY()) - Math.max(y, s.getMinY());
            if (iw >= needW && ih >= 20) {
                return stored;
            }
        }
        return Optional.empty();
    }

    /** Fits the stored window size to the primary screen (before the window is built). FX thread. */
    static void fitToScreen(StudioSettings settings) {
        double[] size = fit(settings.windowSize(1440, 900), Screen.getPrimary().getVisualBounds());
        settings.setWindowSize(size[0], size[1]);
    }

    /**
     * Puts {@code stage} (its scene set, not shown yet) where the settings say it was, maximized if it was, and keeps
     * its scene's size against the early shrink described above. FX thread.
     */
    static void restore(Stage stage, StudioSettings settings) {
        double width = stage.getScene().getWidth();
        double height = stage.getScene().getHeight();
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        position(settings.windowPosition(), width, screens).ifPresent(p -> {
            stage.setX(p[0]);
            stage.setY(p[1]);
        });
        stage.setMaximized(settings.windowMaximized());
        keepSize(stage, width, height);
    }

    /** Stores the window's size, position and maximized state (a maximized window keeps its size from before). */
    static void remember(Stage stage, StudioSettings settings) {
        settings.setWindowMaximized(stage.isMaximized());
        if (stage.isMaximized() || stage.isIconified()) {
            return;
        }
        double w = stage.getScene().getWidth();
        double h = stage.getScene().getHeight();
        if (w >= TINY_WIDTH && h >= TINY_HEIGHT) {
            settings.setWindowSize(w, h);
        }
        if (Double.isFinite(stage.getX()) && Double.isFinite(stage.getY())) {
            settings.setWindowPosition(stage.getX(), stage.getY());
        }
    }

    private static void keepSize(Stage stage, double width, double height) {
        // The stage's and its scene's sizes are not consistent with each other while the window manager and glass
        // exchange events, so the fix is applied from a timer, on sizes that stood still for a tick: a shrink to a
        // tiny size arms it; then the stage is set to the size asked for plus the frame's thickness as it stands.
        boolean[] armed = {false};
        InvalidationListener tiny = o -> {
            var scene = stage.getScene();
            if (scene != null && stage.isShowing() && (scene.getWidth() < TINY_WIDTH || scene.getHeight() < TINY_HEIGHT)) {
                armed[0] = true;
            }
        };
        javafx.animation.Timeline fix = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                Duration.millis(SETTLE_MILLIS / 12.0), e -> {
                    var scene = stage.getScene();
                    if (!armed[0] || scene == null || !stage.isShowing() || stage.isMaximized() || stage.isIconified()) {
                        return;
                    }
                    if (scene.getWidth() == width && scene.getHeight() == height) {
                        armed[0] = false;
                        return;
                    }
                    stage.setWidth(width + Math.clamp(stage.getWidth() - scene.getWidth(), 0, 100));
                    stage.setHeight(height + Math.clamp(stage.getHeight() - scene.getHeight(), 0, 100));
                }));
        fix.setCycleCount(12);
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_SHOWN, e -> {
            stage.getScene().widthProperty().addListener(tiny);
            stage.getScene().heightProperty().addListener(tiny);
            fix.setOnFinished(f -> {
                stage.getScene().widthProperty().removeListener(tiny);
                stage.getScene().heightProperty().removeListener(tiny);
            });
            fix.play();
        });
    }
}
