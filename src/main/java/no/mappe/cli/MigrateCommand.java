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
import no.mappe.config.DatabaseLocation;
import no.mappe.db.Database;
import no.mappe.db.DatabaseCopy;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Moves an installation's metadata into PostgreSQL and its blobs into another store, and verifies everything there. */
@Command(name = "migrate", description = "Move this installation's metadata into PostgreSQL (--database) and/or its blobs to another"
        + " store, e.g. an S3-compatible bucket (--blobs); stop the service first. Resumable: run it again after an interruption."
        + " Every document version and the audit log are verified in the new place at the end; then set MAPPE_DATABASE_URL and"
        + " MAPPE_BLOBS to it and start the service.")
final class MigrateCommand implements Callable<Integer> {

    private static final String ACCESS_KEY_ID = "MAPPE_S3_ACCESS_KEY_ID";
    private static final String SECRET_ACCESS_KEY = "MAPPE_S3_SECRET_ACCESS_KEY";
    private static final String DATABASE_USER = "MAPPE_DATABASE_USER";
    private static final String DATABASE_PASSWORD = "MAPPE_DATABASE_PASSWORD";

    @Option(names = "--blobs", paramLabel = "WHERE",
            description = "The new store, as MAPPE_BLOBS names one: s3://BUCKET[/PREFIX]?endpoint=...&region=..., or data-dir. Its"
                    + " credentials in MAPPE_S3_ACCESS_KEY_ID and MAPPE_S3_SECRET_ACCESS_KEY (or the AWS SDK's default chain).")
    String blobs;

    @Option(names = "--database", paramLabel = "URL",
            description = "The new database, as MAPPE_DATABASE_URL names one: jdbc:postgresql://HOST[:PORT]/DATABASE, created empty."
                    + " Its credentials in MAPPE_DATABASE_USER and MAPPE_DATABASE_PASSWORD.")
    String database;

    @Override
    public Integer call() {
        if (blobs == null && database == null) {
            throw new MaintenanceRefused("Name where to move: --database jdbc:postgresql://... and/or --blobs s3://...");
        }
        // The credentials named belong to the new place here; the installation is still where its settings say.
        Map<String, String> environment = new HashMap<>(System.getenv());
        Optional<String> accessKeyId = Optional.empty();
        Optional<String> secretAccessKey = Optional.empty();
        if (blobs != null) {
            accessKeyId = Optional.ofNullable(environment.remove(ACCESS_KEY_ID));
            secretAccessKey = Optional.ofNullable(environment.remove(SECRET_ACCESS_KEY));
        }
        Optional<String> databaseUser = Optional.empty();
        Optional<String> databasePassword = Optional.empty();
        if (database != null) {
            databaseUser = Optional.ofNullable(environment.remove(DATABASE_USER));
            databasePassword = Optional.ofNullable(environment.remove(DATABASE_PASSWORD));
        }
        Config config = Config.from(environment);
        Optional<BlobLocation> newBlobs = Optional.empty();
        if (blobs != null) {
            newBlobs = Optional.of(BlobLocation.parse(Optional.of(blobs), accessKeyId, secretAccessKey));
            if (newBlobs.get().equals(config.blobs())) {
                throw new MaintenanceRefused("The blobs are in " + newBlobs.get() + " already (MAPPE_BLOBS); name another store with"
                        + " --blobs.");
            }
        }
        Optional<DatabaseLocation> newDatabase = Optional.empty();
        if (database != null) {
            DatabaseLocation parsed = DatabaseLocation.parse(Optional.of(database), databaseUser, databasePassword);
            if (!(parsed instanceof DatabaseLocation.Postgres) || !(config.database() instanceof DatabaseLocation.SqliteFile)) {
                throw new MaintenanceRefused("--database moves the metadata from the SQLite file into PostgreSQL: name a"
                        + " jdbc:postgresql:// address, and run it with MAPPE_DATABASE_URL unset (the installation's own SQLite file).");
            }
            newDatabase = Optional.of(parsed);
        }
        MasterKey masterKey = App.existingMasterKey(config).orElseThrow(() -> new MaintenanceRefused("Set MAPPE_MASTER_KEY_FILE to the"
                + " master key this data directory is under: the documents are checked with it in the new place."));
        // The index's write lock is the data directory's process lock: the service must be stopped.
        try (SearchIndex lock = SearchIndex.open(config.dataDir().resolve("index"));
             Database source = Database.open(config.database(), config.dataDir());
             BlobObjects from = BlobObjects.open(config.blobs(), config.dataDir())) {
            App.checkExistingMasterKey(config, source);
            Database target = newDatabase.map(location -> Database.open(location, config.dataDir())).orElse(source);
            try (BlobObjects to = newBlobs.isPresent() ? BlobObjects.open(newBlobs.get(), config.dataDir()) : null) {
                if (target != source) {
                    copyDatabase(source, target, newDatabase.get());
                }
                if (to != null) {
                    copyBlobs(source, from, to);
                }
                return verify(config, target, to == null ? from : to, masterKey, newDatabase, newBlobs);
            } finally {
                if (target != source) {
                    target.close();
                }
            }
        }
    }

    private static void copyDatabase(Database source, Database target, DatabaseLocation location) {
        System.out.println("Copying the metadata into " + location + "...");
        ProgressBar bar = new ProgressBar(System.out);
        DatabaseCopy.Result result = DatabaseCopy.copy(source, target, (done, total) -> bar.showRate("copying", (int) done,
                (int) total, "rows"));
        bar.done();
        if (result.alreadyThere()) {
            System.out.printf("PostgreSQL holds these %d rows already; nothing copied.%n", result.total());
        } else {
            System.out.printf("Copied %d rows of %d tables.%n", result.total(), result.rows().size());
        }
    }

    private static void copyBlobs(Database database, BlobObjects from, BlobObjects to) {
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
    }

    private int verify(Config config, Database database, BlobObjects blobObjects, MasterKey masterKey,
                       Optional<DatabaseLocation> newDatabase, Optional<BlobLocation> newBlobs) {
        System.out.println("Verifying the audit log and every version in the new place...");
        Verification verification = new Verification(config, database, blobObjects, System.out);
        Outcome outcome = verification.auditLog(Optional.of(masterKey)).and(verification.documents(masterKey));
        if (outcome != Outcome.INTACT) {
            System.out.println("The new place did NOT verify (see above). Keep MAPPE_DATABASE_URL and MAPPE_BLOBS as they are; run"
                    + " this again once the cause is mended.");
            return 1;
        }
        StringBuilder settings = new StringBuilder();
        newDatabase.ifPresent(location -> settings.append(" MAPPE_DATABASE_URL=").append(this.database)
                .append(" (with MAPPE_DATABASE_USER and MAPPE_DATABASE_PASSWORD)"));
        newBlobs.ifPresent(location -> settings.append(" MAPPE_BLOBS=").append(blobs.replaceAll("\\?.*", "?...")).append(" (as given)"));
        System.out.println("Migration complete and verified. Set" + settings + " and start the service. The old place still holds"
                + " its copy: remove it once the service runs on the new one (a shredded document's copy there stays unreadable:"
                + " its key is gone).");
        return 0;
    }
}
