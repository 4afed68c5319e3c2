package no.mappe.cli;

import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.config.Config;
import picocli.CommandLine.Command;

/** Rebuilds the search index from the database and the encrypted blobs. */
@Command(name = "reindex", description = "Rebuild the search index from the archive (stop the service first).")
final class ReindexCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (App app = App.buildForMaintenance(Config.fromEnvironment())) {
            int done = app.reindexer().rebuild(ReindexCommand::progressBar);
            System.out.println();
            System.out.println("Reindexed " + done + " documents.");
        }
        return 0;
    }

    /** {@code [##########----------]  50%  500 of 1000 documents}, redrawn on one line. */
    static void progressBar(int indexed, int total) {
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) indexed * width / total);
        int percent = total == 0 ? 100 : (int) ((long) indexed * 100 / total);
        System.out.printf("\r[%s%s] %3d%%  %d of %d documents", "#".repeat(filled), "-".repeat(width - filled), percent, indexed, total);
        System.out.flush();
    }
}
