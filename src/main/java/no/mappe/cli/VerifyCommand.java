package no.mappe.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import no.mappe.app.App;
import no.mappe.app.DataPermissions;
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
 * not check everything (no master key, a key that does not fit the data, or an unkeyed log without
 * anchors), 0 otherwise; warns about files others can read. One method per kind of check. Reads
 * only, so it can run while the service is up.
 */
@Command(name = "verify", description = "Verify the audit log (keyed chain and anchors) and every stored file of every document"
        + " version, with the seals of signed ones. Exits 1 when something is broken, 2 when something could not be checked.")
final class VerifyCommand implements Callable<Integer> {

    /** The outcome of one kind of check; the worst one decides the exit code. */
    enum Outcome {
        INTACT(0), BROKEN(1), NOT_CHECKED(2);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        Outcome and(Outcome other) {
            return this == BROKEN || other == BROKEN ? BROKEN : this == NOT_CHECKED ? this : other;
        }
    }

    @Override
    public Integer call() {
        Config config = Config.fromEnvironment();
        if (!Files.isRegularFile(config.dataDir().resolve("mappe.db"))) {
            System.err.println("mappe: there is no Mappe database in " + config.dataDir() + "; set MAPPE_DATA_DIR");
            return Outcome.NOT_CHECKED.exitCode;
        }
        warnAboutPermissions(config);
        Optional<MasterKey> masterKey = App.existingMasterKey(config);
        try (Database database = Database.open(config.dataDir().resolve("mappe.db"))) {
            if (App.checkExistingMasterKey(config, database)) {
                System.out.println("Master key fits this data directory.");
            }
            Outcome audit = checkAuditLog(config, database, masterKey);
            Outcome documents = masterKey.map(key -> checkDocuments(config, database, key)).orElseGet(() -> {
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

    /** The chain entry by entry, then its head against every anchor kept outside the database. */
    private static Outcome checkAuditLog(Config config, Database database, Optional<MasterKey> masterKey) {
        if (masterKey.isEmpty()) {
            AuditVerification links = AuditVerifier.of(database, masterKey).verify(List.of());
            if (!links.intact()) {
                return broken(links, links.problems());
            }
            System.out.println("Audit log NOT CHECKED: no master key (set MAPPE_MASTER_KEY_FILE). The links of " + links.entriesChecked()
                    + " entries hold, but the values of " + links.keyedUnchecked() + " keyed entries and the anchors were not checked.");
            return Outcome.NOT_CHECKED;
        }
        Anchors anchors = Anchors.find(config, database, masterKey.get());
        AuditVerification result = AuditVerifier.of(database, masterKey).verify(anchors.all());
        List<String> problems = new ArrayList<>(result.problems());
        problems.addAll(anchors.problems());
        boolean keyed = result.entriesChecked() > result.unkeyedEntries();
        if (anchors.checkpointMissing() && keyed) {
            problems.add("the checkpoint file " + AuditCheckpoint.FILE_NAME + " is missing although the log has keyed entries: it was"
                    + " removed, so removing the newest entries cannot be ruled out");
        }
        if (!problems.isEmpty()) {
            return broken(result, problems);
        }
        System.out.println("Audit log intact: " + result.entriesChecked() + " entries checked" + (result.unkeyedEntries() > 0
                ? " (" + result.unkeyedEntries() + " from before the chain was keyed)" : "") + ", head at entry " + result.lastEntry()
                + "; anchors matching: " + anchors + ".");
        if (anchors.checkpointMissing() && result.entriesChecked() > 0) {
            System.out.println("Audit log head NOT CHECKED: no entry is keyed and there is no checkpoint file. Either the log is from"
                    + " before the chain was keyed (start the service once to key and anchor it) or it was re-chained and the"
                    + " checkpoint removed.");
            return Outcome.NOT_CHECKED;
        }
        return Outcome.INTACT;
    }

    /** The audit heads recorded outside the database: the checkpoint file and every disposal certificate. */
    private record Anchors(Optional<AuditAnchor> checkpoint, List<AuditAnchor> certificates, List<String> problems) {

        static Anchors find(Config config, Database database, MasterKey masterKey) {
            Optional<AuditAnchor> checkpoint = Optional.empty();
            List<String> problems = new ArrayList<>();
            try {
                checkpoint = new AuditCheckpoint(config.dataDir(), masterKey).read();
            } catch (AuditCheckpointInvalid e) {
                problems.add(e.getMessage());
            }
            Archive archive = new Archive(database, new BlobStore(config.dataDir().resolve("blobs"), masterKey));
            return new Anchors(checkpoint, DisposalCertificate.auditAnchors(archive, new Directory(database, masterKey)), problems);
        }

        List<AuditAnchor> all() {
            List<AuditAnchor> all = new ArrayList<>(certificates);
            checkpoint.ifPresent(all::add);
            return all;
        }

        /** No checkpoint file at all (an invalid one is a problem of its own). */
        boolean checkpointMissing() {
            return checkpoint.isEmpty() && problems.isEmpty();
        }

        @Override
        public String toString() {
            return checkpoint.map(anchor -> "the checkpoint of " + anchor.at() + " (entry " + anchor.head().entry() + ")")
                    .orElse("no checkpoint") + " and " + certificates.size() + " disposal certificate"
                    + (certificates.size() == 1 ? "" : "s");
        }
    }

    private static Outcome broken(AuditVerification result, List<String> problems) {
        System.out.println("Audit log BROKEN" + (result.brokenAt() > 0 ? " at entry " + result.brokenAt() : "") + ": " + problems.get(0));
        problems.stream().skip(1).forEach(problem -> System.out.println("Audit log BROKEN: " + problem));
        return Outcome.BROKEN;
    }

    /** Every stored file of every version, draft or sealed, and the seal of every sealed version. */
    private static Outcome checkDocuments(Config config, Database database, MasterKey masterKey) {
        BlobStore blobs = new BlobStore(config.dataDir().resolve("blobs"), masterKey);
        SealKeys keys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(), false);
        BlobCheck.Result result = new BlobCheck(database, blobs).check(SealAudit.sealCheck(new SealVerifier(), keys,
                new Directory(database, masterKey)));
        for (BlobCheck.Problem problem : result.problems()) {
            System.out.println("seal".equals(problem.part())
                    ? "Seal BROKEN: document " + problem.documentId() + " version " + problem.version() + ": " + problem.problem()
                    : "Stored file DAMAGED: document " + problem.documentId() + " version " + problem.version() + " (" + problem.part()
                    + ") " + problem.problem());
        }
        System.out.println("Documents checked: " + result.documents() + " (" + result.versions() + " versions, " + result.sealedVersions()
                + " sealed; " + result.files() + " stored files), problems: " + result.problems().size() + ".");
        return result.problems().isEmpty() ? Outcome.INTACT : Outcome.BROKEN;
    }
}
