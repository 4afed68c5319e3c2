package no.mappe.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.backup.Backup;
import no.mappe.config.Config;
import no.mappe.config.DatabaseLocation;
import no.mappe.errors.MaintenanceRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mappe backup DIR}: an online backup of the data directory, while the service runs. */
@Command(name = "backup", description = "Back up the data directory into DIR/mappe-backup-<time> while the service runs: a database"
        + " snapshot without document keys, the blobs it refers to and a manifest with every file's SHA-256. The document keys go"
        + " to DIR/document-keys, which the service rewrites after every disposal. The master key is never written.")
final class BackupCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "Directory to hold the backups (outside the data directory).")
    Path dir;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (!(config.database() instanceof DatabaseLocation.SqliteFile)) {
            throw new MaintenanceRefused(Config.POSTGRES_BACKUPS);
        }
        MasterKey masterKey = App.existingMasterKey(config).orElseThrow(() -> new MaintenanceRefused("Set MAPPE_MASTER_KEY_FILE to"
                + " the key the service runs with: the backup's keys file is sealed with it."));
        ProgressBar bar = new ProgressBar(System.out);
        Backup.Result result;
        try (BlobObjects blobs = BlobObjects.open(config.blobs(), config.dataDir())) {
            result = new Backup(config.dataDir(), blobs, masterKey, Clock.systemUTC()).run(dir, bar::show);
        }
        bar.done();
        System.out.printf("Backup complete: %s (%d documents, %d versions, %d files, %.1f MB) in %d ms.%n", result.directory(),
                result.manifest().documents(), result.manifest().versions(), result.manifest().files().size(),
                result.manifest().bytes() / 1e6, result.took().toMillis());
        if (result.blobsGone() > 0) {
            System.out.println(result.blobsGone() + " blob(s) were shredded while the backup ran; their documents are left out on"
                    + " restore.");
        }
        return 0;
    }
}
