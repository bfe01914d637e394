package dev.wayfinder.studio;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * Run by {@link RealWindowTest} in a child JVM on an X display: opens the studio's main window on the platform the
 * launcher chooses (it must be a real window here), writes the editor's picture and the window as the display shows
 * it, and exits 0; exits 3 when the launcher would not choose a window, 2 on any failure (the reason on stderr).
 */
public final class RealWindowMain {
    private RealWindowMain() {
    }

    public static void main(String[] args) {
        PrintWriter log = new PrintWriter(System.out, true);
        try {
            Glass glass = Glass.ofThisProcess(false);
            if (glass.headless()) {
                System.err.println("the launcher chose the headless platform: " + glass.reason());
                System.exit(3);
            }
            glass.configure(Snapshots.WIDTH, Snapshots.HEIGHT);
            Fx.start();
            log.println("platform: " + Glass.describeRunning() + " (" + glass.reason() + ")");
            Snapshots.writeEditor(Path.of(args[0]), log);
            Fx.exit();
            System.exit(0);
        } catch (StudioException | RuntimeException e) {
            System.err.println("the studio window failed: " + e);
            e.printStackTrace();
            System.exit(2);
        }
    }
}
