package no.mappe.cli;

import java.io.PrintStream;

/** {@code phase [##########----------]  50%  500 of 1000 documents}, redrawn on one line of the terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private boolean drawn;
    private long started;
    private long lastDrawn;

    ProgressBar(PrintStream out) {
        this.out = out;
    }

    /** With the rate since the first call and the time left at that rate: {@code 12.3 files/s, 4 min left}. */
    synchronized void showRate(String phase, int done, int total, String unit) {
        long now = System.nanoTime();
        if (started == 0) {
            started = now;
        }
        if (done < total && now - lastDrawn < 200_000_000L) {
            return; // redraw at most five times a second; the last one always
        }
        lastDrawn = now;
        double seconds = (now - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        String left = rate > 0 && done < total ? ", " + duration((long) ((total - done) / rate)) + " left" : "";
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        int percent = total == 0 ? 100 : (int) ((long) done * 100 / total);
        out.printf("\r  %-10s [%s%s] %3d%%  %d of %d %s, %.1f/s%s   ", phase, "#".repeat(filled), "-".repeat(WIDTH - filled), percent,
                done, total, unit, rate, left);
        out.flush();
        drawn = true;
    }

    private static String duration(long seconds) {
        return seconds >= 3600 ? String.format("%d h %02d min", seconds / 3600, seconds / 60 % 60)
                : seconds >= 60 ? String.format("%d min %02d s", seconds / 60, seconds % 60) : seconds + " s";
    }

    void show(String phase, int done, int total) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        int percent = total == 0 ? 100 : (int) ((long) done * 100 / total);
        out.printf("\r  %-10s [%s%s] %3d%%  %d of %d documents   ", phase, "#".repeat(filled), "-".repeat(WIDTH - filled), percent, done,
                total);
        out.flush();
        drawn = true;
    }

    /** Ends the bar's line, if one was drawn. */
    synchronized void done() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
