package no.mappe.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobCheck;
import no.mappe.archive.BlobStore;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditAnchor;
import no.mappe.audit.AuditCheckpoint;
import no.mappe.audit.AuditVerification;
import no.mappe.audit.AuditVerifier;
import no.mappe.config.Config;
import no.mappe.db.Database;
import no.mappe.errors.AuditCheckpointInvalid;
import no.mappe.retention.DisposalCertificate;
import no.mappe.security.Directory;
import no.mappe.signing.SealAudit;
import no.mappe.signing.SealKeys;
import no.mappe.signing.SealVerifier;
import picocli.CommandLine.Command;

/**
 * Checks the audit log (its keyed chain, and its head against the checkpoint file and the disposal
 * certificates) and every stored file of every document version (decrypts, hash as recorded, seal
 * valid for sealed versions). Names each problem; exits 1 when anything is broken, 2 when it could
 * not check everything (no master key), 0 otherwise. Reads only, so it can run while the service is up.
 */
@Command(name = "verify", description = "Verify the audit log (keyed chain and anchors) and every stored file of every document"
        + " version, with the seals of signed ones. Exits 1 when something is broken, 2 when the master key is missing.")
final class VerifyCommand implements Callable<Integer> {

    static final int BROKEN = 1;
    static final int NOT_CHECKED = 2;

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (!Files.isRegularFile(config.dataDir().resolve("mappe.db"))) {
            System.err.println("mappe: there is no Mappe database in " + config.dataDir() + "; set MAPPE_DATA_DIR");
            return NOT_CHECKED;
        }
        Optional<MasterKey> masterKey = App.existingMasterKey(config);
        try (Database database = Database.open(config.dataDir().resolve("mappe.db"))) {
            boolean auditIntact = checkAuditLog(config, database, masterKey);
            boolean documentsIntact = masterKey.map(key -> checkDocuments(config, database, key)).orElse(true);
            if (!auditIntact || !documentsIntact) {
                return BROKEN;
            }
            if (masterKey.isEmpty()) {
                System.out.println("NOT CHECKED without the master key (set MAPPE_MASTER_KEY_FILE): the keyed audit entries, the audit"
                        + " anchors and every stored file.");
                return NOT_CHECKED;
            }
            return 0;
        }
    }

    /** The chain entry by entry, then its head against every anchor kept outside the database. */
    private static boolean checkAuditLog(Config config, Database database, Optional<MasterKey> masterKey) {
        List<AuditAnchor> anchors = new ArrayList<>();
        List<String> anchorProblems = new ArrayList<>();
        Optional<AuditAnchor> checkpoint = Optional.empty();
        if (masterKey.isPresent()) {
            try {
                checkpoint = new AuditCheckpoint(config.dataDir(), masterKey.get()).read();
                checkpoint.ifPresent(anchors::add);
            } catch (AuditCheckpointInvalid e) {
                anchorProblems.add(e.getMessage());
            }
            Archive archive = new Archive(database, new BlobStore(config.dataDir().resolve("blobs"), masterKey.get()));
            anchors.addAll(DisposalCertificate.auditAnchors(archive, new Directory(database)));
        }
        AuditVerification result = AuditVerifier.of(database, masterKey).verify(anchors);
        long keyed = result.entriesChecked() - result.unkeyedEntries();
        if (masterKey.isPresent() && checkpoint.isEmpty() && anchorProblems.isEmpty() && keyed > 0) {
            anchorProblems.add("the checkpoint file " + AuditCheckpoint.FILE_NAME + " is missing although the log has keyed entries:"
                    + " it was removed, so removing the newest entries cannot be ruled out");
        }
        List<String> problems = new ArrayList<>(result.problems());
        problems.addAll(anchorProblems);
        if (problems.isEmpty()) {
            System.out.println("Audit log intact: " + result.entriesChecked() + " entries checked" + (result.unkeyedEntries() > 0
                    ? " (" + result.unkeyedEntries() + " from before the chain was keyed)" : "") + ", head at entry " + result.lastEntry()
                    + (masterKey.isEmpty() ? "; the " + result.keyedUnchecked() + " keyed entries NOT CHECKED: no master key"
                    : "; anchors matching: " + describe(anchors, checkpoint)) + ".");
            return true;
        }
        System.out.println("Audit log BROKEN" + (result.brokenAt() > 0 ? " at entry " + result.brokenAt() : "") + ": " + problems.get(0));
        problems.stream().skip(1).forEach(problem -> System.out.println("Audit log BROKEN: " + problem));
        return false;
    }

    private static String describe(List<AuditAnchor> anchors, Optional<AuditAnchor> checkpoint) {
        long certificates = anchors.size() - (checkpoint.isPresent() ? 1 : 0);
        return checkpoint.map(anchor -> "the checkpoint of " + anchor.at() + " (entry " + anchor.head().entry() + ")")
                .orElse("no checkpoint") + " and " + certificates + " disposal certificate" + (certificates == 1 ? "" : "s");
    }

    /** Every stored file of every version, draft or sealed, and the seal of every sealed version. */
    private static boolean checkDocuments(Config config, Database database, MasterKey masterKey) {
        BlobStore blobs = new BlobStore(config.dataDir().resolve("blobs"), masterKey);
        SealKeys keys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(), false);
        BlobCheck.Result result = new BlobCheck(database, blobs).check(SealAudit.sealCheck(new SealVerifier(), keys,
                new Directory(database)));
        for (BlobCheck.Problem problem : result.problems()) {
            System.out.println("seal".equals(problem.part())
                    ? "Seal BROKEN: document " + problem.documentId() + " version " + problem.version() + ": " + problem.problem()
                    : "Stored file DAMAGED: document " + problem.documentId() + " version " + problem.version() + " (" + problem.part()
                    + ") " + problem.problem());
        }
        System.out.println("Documents checked: " + result.documents() + " (" + result.versions() + " versions, " + result.sealedVersions()
                + " sealed; " + result.files() + " stored files), problems: " + result.problems().size() + ".");
        return result.problems().isEmpty();
    }
}
