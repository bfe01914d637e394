package dev.wayfinder.studio;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;

/** Starting the JavaFX toolkit and running code on its thread from another one. */
final class Fx {
    /**
     * JavaFX's own logger. The studio runs JavaFX from the class path (as the CLI's jars are laid out), which JavaFX
     * calls an unsupported configuration in a warning at every start although it works; held here so that the level
     * set below stays (java.util.logging keeps loggers only weakly).
     */
    private static final java.util.logging.Logger JAVAFX_LOG = java.util.logging.Logger.getLogger("javafx");
    /**
     * ros-bridge's logger: the ROS 2 tab's node tells of every participant it discovers at INFO, which the tab shows
     * better; warnings still reach the terminal (held for the same reason).
     */
    private static final java.util.logging.Logger ROS_LOG = java.util.logging.Logger.getLogger("dev.wayfinder.ros");

    private Fx() {
    }

    /** Starts the toolkit, turning the failures a user can fix into a {@link StudioException}. */
    static void start() throws StudioException {
        JAVAFX_LOG.setLevel(java.util.logging.Level.SEVERE);
        ROS_LOG.setLevel(java.util.logging.Level.WARNING);
        try {
            Platform.startup(() -> { });
        } catch (IllegalStateException e) {
            // Already started in this JVM (tests): fine.
        } catch (RuntimeException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw new StudioException("JavaFX could not start (" + e.getMessage() + "). On Debian or Ubuntu the "
                    + "window needs 'apt-get install libgtk-3-0 libpango-1.0-0 libfreetype6 libfontconfig1'; "
                    + "'wayfinder studio --snapshot DIR' needs no display.", e);
        }
        Platform.setImplicitExit(false);
    }

    /** Ends the toolkit. */
    static void exit() {
        Platform.exit();
    }

    /** Runs {@code r} on the FX thread and waits for it; its exceptions come back here. */
    static void run(Runnable r) throws StudioException {
        call(() -> {
            r.run();
            return null;
        });
    }

    /** Calls {@code c} on the FX thread and waits up to a minute for its result. */
    static <T> T call(Callable<T> c) throws StudioException {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        try {
            return task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StudioException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer within a minute", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the FX thread", e);
        }
    }

    /** Waits (off the FX thread) until {@code condition}, checked on the FX thread, holds; false after the timeout. */
    static boolean await(BooleanSupplier condition, long timeoutMillis) throws StudioException {
        long end = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < end) {
            if (call(condition::getAsBoolean)) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
