package no.mappe.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.DataPermissions;
import no.mappe.app.Verification;
import no.mappe.app.Verification.Outcome;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.MasterKey;
import no.mappe.config.Config;
import no.mappe.config.DatabaseLocation;
import no.mappe.db.Database;
import picocli.CommandLine.Command;

/**
 * Checks the audit log (its keyed chain, and its head against the checkpoint file and the disposal
 * certificates) and every stored file of every document version (decrypts, hash as recorded, seal
 * valid for sealed versions), with the checks of {@link Verification}. Names each problem; exits 1
 * when anything is broken, 2 when it could not check everything (no master key, a key that does
 * not fit the data, or an unkeyed log without anchors), 0 otherwise; warns about files others can
 * read. Reads only, so it can run while the service is up.
 */
@Command(name = "verify", description = "Verify the audit log (keyed chain and anchors) and every stored file of every document"
        + " version, with the seals of signed ones. Exits 1 when something is broken, 2 when something could not be checked.")
final class VerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (config.database() instanceof DatabaseLocation.SqliteFile && !Files.isRegularFile(config.dataDir().resolve("mappe.db"))) {
            System.err.println("mappe: there is no Mappe database in " + config.dataDir() + "; set MAPPE_DATA_DIR");
            return Outcome.NOT_CHECKED.exitCode;
        }
        warnAboutPermissions(config);
        Optional<MasterKey> masterKey = App.existingMasterKey(config);
        try (Database database = Database.open(config.database(), config.dataDir());
             BlobObjects blobs = BlobObjects.open(config.blobs(), config.dataDir())) {
            if (App.checkExistingMasterKey(config, database)) {
                System.out.println("Master key fits this data directory.");
            }
            Verification verification = new Verification(config, database, blobs, System.out);
            Outcome audit = verification.auditLog(masterKey);
            Outcome documents = masterKey.map(verification::documents).orElseGet(() -> {
                System.out.println("Documents NOT CHECKED: no master key (set MAPPE_MASTER_KEY_FILE).");
                return Outcome.NOT_CHECKED;
            });
            return audit.and(documents).exitCode;
        }
    }

    /**
     * Keys, the database, the blobs and the index must be readable by Mappe's user only. A wider
     * permission is a warning, not a failure: nothing is broken yet, and the exit code stays about
     * the integrity of the archive.
     */
    private static void warnAboutPermissions(Config config) {
        if (!DataPermissions.checkable(config)) {
            System.out.println("Permissions not checked: the data directory's file system has no POSIX permissions.");
            return;
        }
        List<String> warnings = DataPermissions.warnings(config);
        warnings.forEach(System.out::println);
        if (warnings.isEmpty()) {
            System.out.println("Permissions: keys, database, blobs and index are readable by their owner only.");
        }
    }
}
