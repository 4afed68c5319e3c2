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
            ProgressBar bar = new ProgressBar(System.out);
            int done = app.indexer().rebuild((indexed, total) -> bar.show("indexing", indexed, total));
            bar.done();
            System.out.println("Reindexed " + done + " documents.");
        }
        return 0;
    }
}
