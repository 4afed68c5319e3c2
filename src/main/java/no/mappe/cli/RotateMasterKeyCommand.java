package no.mappe.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.Verification;
import no.mappe.app.Verification.Outcome;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.KeyCheck;
import no.mappe.archive.MasterKey;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.errors.MaintenanceRefused;
import no.mappe.keys.MasterKeyRotation;
import no.mappe.search.SearchIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mappe rotate-master-key --new-key FILE}: moves everything encrypted under the master key of
 * MAPPE_MASTER_KEY_FILE to the new key, with progress; resumes an interrupted rotation.
 */
@Command(name = "rotate-master-key", description = "Re-wrap every document key and re-encrypt every encrypted field and the audit"
        + " log under a new master key (stop the service first). Resumable: run it again with the same two keys after an"
        + " interruption. Afterwards point MAPPE_MASTER_KEY_FILE at the new key and take a new backup.")
final class RotateMasterKeyCommand implements Callable<Integer> {

    @Option(names = {"--new-key", "--new-key-file"}, required = true, paramLabel = "FILE",
            description = "The new key: 32 random bytes, base64 (umask 077; head -c 32 /dev/urandom | base64 > new-master.key).")
    Path newKeyFile;

    @Option(names = "--batch", description = "Rows per transaction (default 1000).")
    int batch = 1000;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        MasterKey oldKey = App.existingMasterKey(config).orElseThrow(() -> new MaintenanceRefused("Set MAPPE_MASTER_KEY_FILE to the"
                + " master key in use now."));
        if (!Files.isRegularFile(newKeyFile)) {
            throw new MaintenanceRefused("The new key file " + newKeyFile + " does not exist. Make one: (umask 077; head -c 32"
                    + " /dev/urandom | base64 > new-master.key)");
        }
        MasterKey newKey = MasterKey.load(newKeyFile);
        // The index's write lock is the data directory's process lock: the service must be stopped.
        try (SearchIndex lock = SearchIndex.open(config.dataDir().resolve("index"));
             Database database = Database.open(config.database(), config.dataDir());
             BlobObjects blobs = BlobObjects.open(config.blobs(), config.dataDir())) {
            KeyCheck.verifyOldKeyOfRotation(database, oldKey, "MAPPE_MASTER_KEY_FILE");
            MasterKeyRotation rotation = new MasterKeyRotation(database, config.dataDir(), oldKey, newKey, Clock.systemUTC(), batch);
            Optional<MasterKeyRotation.State> unfinished = rotation.unfinished();
            if (unfinished.isPresent()) {
                System.out.println("Resuming the rotation begun " + unfinished.get().startedAt() + " at '" + unfinished.get().stepName()
                        + "'.");
            } else {
                Verification verification = new Verification(config, database, blobs, System.out);
                if (verification.auditLog(Optional.of(oldKey)) == Outcome.BROKEN) {
                    System.out.println("The audit log does not verify; a rotation would re-chain it and hide that. Nothing was changed.");
                    return 1;
                }
                rotation.begin(verification.certificateAnchors(oldKey));
            }
            ProgressBar bar = new ProgressBar(System.out);
            String[] phase = {""};
            rotation.run((step, done, total) -> {
                if (!step.equals(phase[0])) {
                    bar.done();
                    phase[0] = step;
                }
                bar.show(step.length() > 10 ? step.substring(0, 10) : step, (int) done, (int) total);
            });
            bar.done();
        }
        System.out.println("Master key rotated: the old key opens nothing in this data directory any more. Point MAPPE_MASTER_KEY_FILE at "
                + newKeyFile + ", start the service, and take a new backup now: backups made before need the old key.");
        return 0;
    }
}
