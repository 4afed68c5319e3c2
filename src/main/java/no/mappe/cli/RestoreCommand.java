package no.mappe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.Verification;
import no.mappe.app.Verification.Outcome;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.backup.BackupManifest;
import no.mappe.backup.DocumentKeys;
import no.mappe.backup.Restore;
import no.mappe.config.BlobLocation;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.errors.MaintenanceRefused;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mappe restore DIR --data-dir TARGET}: a backup into an empty data directory, checked
 * against its manifest and the master key, then verified (audit log, every blob, seals) and
 * reindexed. Exits 1 when the verification finds something broken, 2 when it refuses.
 */
@Command(name = "restore", description = "Restore a backup (DIR: one mappe-backup-... directory, or the directory holding them for the"
        + " newest) into an EMPTY data directory, then verify it and rebuild the search index. Uses the master key of"
        + " MAPPE_MASTER_KEY_FILE (or --master-key-file) and the seal directory of MAPPE_SEAL_DIR.")
final class RestoreCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "A backup, or the directory of backups (its newest complete one is taken).")
    Path dir;

    @Option(names = "--data-dir", required = true, paramLabel = "TARGET", description = "The new data directory; must be empty or new.")
    Path target;

    @Option(names = "--keys", paramLabel = "FILE", description = "The keys file (default: document-keys beside the backup).")
    Path keys;

    @Option(names = "--master-key-file", paramLabel = "FILE", description = "The master key (default: MAPPE_MASTER_KEY_FILE).")
    Path masterKeyFile;

    @Override
    public Integer call() {
        Config environment = Config.fromEnvironment();
        Path keyFile = Optional.ofNullable(masterKeyFile).or(environment::masterKeyFile).orElseThrow(() -> new MaintenanceRefused(
                "Name the master key the backup was made under: --master-key-file FILE or MAPPE_MASTER_KEY_FILE. Backups never hold it."));
        if (!Files.isRegularFile(keyFile)) {
            throw new MaintenanceRefused("The master key file " + keyFile + " does not exist.");
        }
        MasterKey masterKey = MasterKey.load(keyFile);
        Path targetDir = target.toAbsolutePath().normalize();
        Path given = dir.toAbsolutePath().normalize();
        Path keysFile = Optional.ofNullable(keys).orElseGet(() -> (Files.isRegularFile(given.resolve(BackupManifest.FILE_NAME))
                ? given.getParent() : given).resolve(DocumentKeys.FILE_NAME));
        new Restore(masterKey, System.out).run(given, keysFile, targetDir);

        Config config = environment.withPortAndDataDir(0, targetDir).withMasterKeyFile(keyFile).withBlobs(new BlobLocation.DataDirectory());
        Outcome outcome;
        System.out.println("Verifying the restored data...");
        try (Database database = Database.open(targetDir.resolve("mappe.db"));
             BlobObjects blobs = BlobObjects.open(config.blobs(), targetDir)) {
            Verification verification = new Verification(config, database, blobs, System.out);
            outcome = verification.auditLog(Optional.of(masterKey)).and(verification.documents(masterKey));
        }
        if (outcome != Outcome.INTACT) {
            System.out.println("The restored data did NOT verify (see above). " + targetDir + " is left for inspection; do not start"
                    + " the service on it. Try an older backup.");
            return outcome.exitCode;
        }
        System.out.println("Rebuilding the search index...");
        try (App app = App.buildForMaintenance(config)) {
            ProgressBar bar = new ProgressBar(System.out);
            int done = app.indexer().rebuild((indexed, total) -> bar.show("indexing", indexed, total));
            bar.done();
            System.out.println("Reindexed " + done + " documents.");
        }
        System.out.println("Restore complete and verified. Start Mappe with MAPPE_DATA_DIR=" + targetDir + ".");
        return 0;
    }
}
