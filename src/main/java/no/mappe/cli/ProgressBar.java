package no.mappe.cli;

import java.io.PrintStream;

/** {@code phase [##########----------]  50%  500 of 1000 documents}, redrawn on one line of the terminal. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private boolean drawn;

    ProgressBar(PrintStream out) {
        this.out = out;
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
    void done() {
        if (drawn) {
            out.println();
            drawn = false;
        }
    }
}
