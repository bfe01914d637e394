package dev.wayfinder.policy.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of long work: a one-line bar with ETA redrawn in place on a terminal, plain periodic lines
 * otherwise (logs, pipes, tests). Not thread-safe.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean tty;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long lastPlain;

    /**
     * @param out   where to print
     * @param tty   whether {@code out} is a terminal (then the bar is redrawn with carriage returns)
     * @param total units of work, &gt;= 1
     */
    public Progress(PrintStream out, boolean tty, long total) {
        this.out = out;
        this.tty = tty;
        this.total = Math.max(1, total);
    }

    /** Whether the JVM's standard output is a terminal. */
    public static boolean stdoutIsTerminal() {
        return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
    }

    /** Reports {@code done} units and a status text. */
    public void update(long done, String status) {
        double secs = (System.nanoTime() - startNanos) / 1e9;
        double frac = Math.min(1, done / (double) total);
        String eta = done > 0 ? formatSeconds(secs / frac - secs) : "?";
        if (tty) {
            int width = 30;
            int fill = (int) Math.round(frac * width);
            out.print("\r[" + "#".repeat(fill) + " ".repeat(width - fill) + "] "
                    + String.format(Locale.ROOT, "%3.0f%% ETA %s ", frac * 100, eta) + status + "   ");
            out.flush();
        } else if (done == total || System.nanoTime() - lastPlain > 5_000_000_000L) {
            lastPlain = System.nanoTime();
            out.println(String.format(Locale.ROOT, "%d/%d (%.0f%%) ETA %s %s", done, total, frac * 100, eta, status));
        }
    }

    /** Prints a full line (ends the bar line first on a terminal). */
    public void line(String text) {
        if (tty) {
            out.print("\r\033[K");
        }
        out.println(text);
    }

    /** Ends the bar. */
    public void finish() {
        if (tty) {
            out.println();
        }
    }

    /** "1h02m", "3m05s", "42s". */
    public static String formatSeconds(double s) {
        long t = Math.round(Math.max(0, s));
        if (t >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", t / 3600, t % 3600 / 60);
        }
        if (t >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60);
        }
        return t + "s";
    }
}
