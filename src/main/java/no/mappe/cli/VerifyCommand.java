package no.mappe.cli;

import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.DataPermissions;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobStore;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentVersion;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditLog;
import no.mappe.audit.AuditVerification;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.errors.MappeException;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.signing.SealAudit;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SealVerifier;
import picocli.CommandLine.Command;

/**
 * Checks the audit log's hash chain and every sealed document version (decryptable, hash as
 * recorded, seal valid over the whole file); exits 1 and names what is broken. Refuses a master key
 * that does not fit the data (exit 2), and warns about files others can read. Reads the database
 * and blobs only, so it can run while the service is up.
 */
@Command(name = "verify", description = "Verify the audit log's hash chain and the seals of all signed documents.")
final class VerifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (!Files.isRegularFile(config.dataDir().resolve("mappe.db"))) {
            System.err.println("mappe: there is no Mappe database in " + config.dataDir() + "; set MAPPE_DATA_DIR");
            return 2;
        }
        warnAboutPermissions(config);
        try (Database database = Database.open(config.dataDir().resolve("mappe.db"))) {
            if (App.checkExistingMasterKey(config, database)) {
                System.out.println("Master key fits this data directory.");
            }
            AuditVerification result = AuditLog.verify(database);
            if (result.intact()) {
                System.out.println("Audit log intact: " + result.entriesChecked() + " entries checked.");
            } else {
                System.out.println("Audit log BROKEN at entry " + result.brokenAt() + ": " + result.problem());
            }
            boolean sealsIntact = verifySeals(config, database);
            return result.intact() && sealsIntact ? 0 : 1;
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

    private static boolean verifySeals(Config config, Database database) {
        Optional<MasterKey> masterKey = App.existingMasterKey(config);
        if (masterKey.isEmpty()) {
            System.out.println("Seals not checked: no master key (set MAPPE_MASTER_KEY_FILE).");
            return true;
        }
        Archive archive = new Archive(database, new BlobStore(config.dataDir().resolve("blobs"), masterKey.get()));
        SealKeys keys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(), false);
        SealAudit audit = new SealAudit(archive, new SealVerifier());
        int checked = 0;
        int failed = 0;
        for (Organisation organisation : new Directory(database, masterKey.get()).organisations()) {
            for (Document listed : archive.listAll(organisation.id())) {
                Document document = archive.find(organisation.id(), listed.id()).orElse(null);
                if (document == null || document.versions().stream().noneMatch(DocumentVersion::sealed)) {
                    continue;
                }
                checked++;
                try {
                    var certificate = keys.of(organisation.id(), organisation.name(), organisation.country()).certificate();
                    for (SealAudit.VersionReport version : audit.check(document, certificate).sealedVersions()) {
                        if (!version.valid()) {
                            failed++;
                            System.out.println("Seal BROKEN: document " + document.id() + " version " + version.version() + ": "
                                    + version.problem());
                        }
                    }
                } catch (MappeException e) {
                    failed++;
                    System.out.println("Seal NOT CHECKED: document " + document.id() + ": " + e.getMessage());
                }
            }
        }
        System.out.println("Sealed documents checked: " + checked + ", failing: " + failed + ".");
        return failed == 0;
    }
}
