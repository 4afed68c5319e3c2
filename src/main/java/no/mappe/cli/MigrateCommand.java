package no.mappe.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.Verification;
import no.mappe.app.Verification.Outcome;
import no.mappe.archive.BlobMigration;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.config.BlobLocation;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Moves the blobs of an installation into another store, and verifies every version there. */
@Command(name = "migrate", description = "Move this installation's blobs to another store, e.g. an S3-compatible bucket (stop the service"
        + " first). Resumable: run it again after an interruption. Every version is verified in the new store at the end; then set"
        + " MAPPE_BLOBS to it and start the service.")
final class MigrateCommand implements Callable<Integer> {

    private static final String ACCESS_KEY_ID = "MAPPE_S3_ACCESS_KEY_ID";
    private static final String SECRET_ACCESS_KEY = "MAPPE_S3_SECRET_ACCESS_KEY";

    @Option(names = "--blobs", required = true, paramLabel = "WHERE",
            description = "The new store, as MAPPE_BLOBS names one: s3://BUCKET[/PREFIX]?endpoint=...&region=..., or data-dir. Its"
                    + " credentials in MAPPE_S3_ACCESS_KEY_ID and MAPPE_S3_SECRET_ACCESS_KEY (or the AWS SDK's default chain).")
    String blobs;

    @Override
    public Integer call() {
        // The credentials belong to the new store here; the blobs are still where MAPPE_BLOBS says.
        Map<String, String> environment = new HashMap<>(System.getenv());
        Optional<String> accessKeyId = Optional.ofNullable(environment.remove(ACCESS_KEY_ID));
        Optional<String> secretAccessKey = Optional.ofNullable(environment.remove(SECRET_ACCESS_KEY));
        Config config = Config.from(environment);
        BlobLocation target = BlobLocation.parse(Optional.of(blobs), accessKeyId, secretAccessKey);
        if (target.equals(config.blobs())) {
            throw new MaintenanceRefused("The blobs are in " + target + " already (MAPPE_BLOBS); name another store with --blobs.");
        }
        MasterKey masterKey = App.existingMasterKey(config).orElseThrow(() -> new MaintenanceRefused("Set MAPPE_MASTER_KEY_FILE to the"
                + " master key this data directory is under: the blobs are checked with it in the new store."));
        // The index's write lock is the data directory's process lock: the service must be stopped.
        try (SearchIndex lock = SearchIndex.open(config.dataDir().resolve("index"));
             Database database = Database.open(config.database(), config.dataDir());
             BlobObjects from = BlobObjects.open(config.blobs(), config.dataDir());
             BlobObjects to = BlobObjects.open(target, config.dataDir())) {
            App.checkExistingMasterKey(config, database);
            System.out.println("Copying the blobs from " + from.describe() + " to " + to.describe() + "...");
            ProgressBar bar = new ProgressBar(System.out);
            BlobMigration.Result result = BlobMigration.copy(database, from, to, (done, total) -> bar.showRate("copying", done, total,
                    "blobs"));
            bar.done();
            System.out.printf("Copied %d blobs (%.1f MB); %d were in the new store already.%n", result.copied(), result.bytes() / 1e6,
                    result.present());
            if (!result.missing().isEmpty()) {
                System.out.println(result.missing().size() + " blob(s) the database refers to are in neither store; 'mappe verify' names"
                        + " their documents.");
            }
            System.out.println("Verifying every version in the new store...");
            Outcome outcome = new Verification(config, database, to, System.out).documents(masterKey);
            if (outcome != Outcome.INTACT || !result.missing().isEmpty()) {
                System.out.println("The new store did NOT verify (see above). Keep MAPPE_BLOBS as it is; run this again once the cause"
                        + " is mended.");
                return 1;
            }
            System.out.println("Migration complete and verified. Set MAPPE_BLOBS=" + blobs.replaceAll("\\?.*", "?...") + " (as given"
                    + " to --blobs) and start the service. " + from.describe() + " still holds its copy: remove it once the service"
                    + " runs on the new store (a shredded document's copy there stays unreadable: its key is gone).");
            return 0;
        }
    }
}
