package no.mappe.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import no.mappe.archive.Archive;
import no.mappe.archive.BlobCheck;
import no.mappe.archive.BlobObjects;
import no.mappe.archive.BlobStore;
import no.mappe.archive.MasterKey;
import no.mappe.audit.AuditAnchor;
import no.mappe.audit.AuditCheckpoint;
import no.mappe.audit.AuditReanchors;
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

/**
 * The checks of {@code mappe verify}, which {@code mappe restore} and {@code mappe
 * rotate-master-key} run too: the audit log (its keyed chain, and its head against the checkpoint
 * file and the disposal certificates) and every stored file of every document version (decrypts,
 * hash as recorded, seal valid for sealed versions). Each names its problems on the given stream
 * and returns an {@link Outcome}. Reads only, so they can run while the service is up.
 */
public final class Verification {

    /** The outcome of one kind of check; the worst one decides the exit code. */
    public enum Outcome {
        INTACT(0), BROKEN(1), NOT_CHECKED(2);

        public final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public Outcome and(Outcome other) {
            return this == BROKEN || other == BROKEN ? BROKEN : this == NOT_CHECKED ? this : other;
        }
    }

    private final Config config;
    private final Database database;
    private final BlobObjects blobs;
    private final PrintStream out;

    /** Checks the data directory {@code config} names, with its blobs in {@code blobs} (the caller opens and closes them). */
    public Verification(Config config, Database database, BlobObjects blobs, PrintStream out) {
        this.config = config;
        this.database = database;
        this.blobs = blobs;
        this.out = out;
    }

    /** The chain entry by entry, then its head against every anchor kept outside the database. */
    public Outcome auditLog(Optional<MasterKey> masterKey) {
        if (masterKey.isEmpty()) {
            AuditVerification links = AuditVerifier.of(database, masterKey).verify(List.of());
            if (!links.intact()) {
                return broken(links, links.problems());
            }
            out.println("Audit log NOT CHECKED: no master key (set MAPPE_MASTER_KEY_FILE). The links of " + links.entriesChecked()
                    + " entries hold, but the values of " + links.keyedUnchecked() + " keyed entries and the anchors were not checked.");
            return Outcome.NOT_CHECKED;
        }
        Anchors anchors = anchors(masterKey.get());
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
        out.println("Audit log intact: " + result.entriesChecked() + " entries checked" + (result.unkeyedEntries() > 0
                ? " (" + result.unkeyedEntries() + " from before the chain was keyed)" : "") + ", head at entry " + result.lastEntry()
                + "; anchors matching: " + anchors + ".");
        if (anchors.checkpointMissing() && result.entriesChecked() > 0) {
            out.println("Audit log head NOT CHECKED: no entry is keyed and there is no checkpoint file. Either the log is from"
                    + " before the chain was keyed (start the service once to key and anchor it) or it was re-chained and the"
                    + " checkpoint removed.");
            return Outcome.NOT_CHECKED;
        }
        return Outcome.INTACT;
    }

    /**
     * The audit heads printed in the disposal certificates, as printed (a master key rotation
     * records what their entries carry afterwards, see {@link AuditReanchors}).
     */
    public List<AuditAnchor> certificateAnchors(MasterKey masterKey) {
        Archive archive = new Archive(database, new BlobStore(blobs, masterKey));
        return DisposalCertificate.auditAnchors(archive, new Directory(database, masterKey));
    }

    private Anchors anchors(MasterKey masterKey) {
        Optional<AuditAnchor> checkpoint = Optional.empty();
        List<String> problems = new ArrayList<>();
        try {
            checkpoint = new AuditCheckpoint(config.dataDir(), masterKey).read();
        } catch (AuditCheckpointInvalid e) {
            problems.add(e.getMessage());
        }
        return new Anchors(checkpoint, AuditReanchors.translate(database, certificateAnchors(masterKey)), problems);
    }

    /** The audit heads recorded outside the database: the checkpoint file and every disposal certificate. */
    private record Anchors(Optional<AuditAnchor> checkpoint, List<AuditAnchor> certificates, List<String> problems) {

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

    private Outcome broken(AuditVerification result, List<String> problems) {
        out.println("Audit log BROKEN" + (result.brokenAt() > 0 ? " at entry " + result.brokenAt() : "") + ": " + problems.get(0));
        problems.stream().skip(1).forEach(problem -> out.println("Audit log BROKEN: " + problem));
        return Outcome.BROKEN;
    }

    /** Every stored file of every version, draft or sealed, and the seal of every sealed version. */
    public Outcome documents(MasterKey masterKey) {
        SealKeys keys = new SealKeys(config.sealDir().orElse(config.dataDir().resolve("seals")), config.sealPassword(), false);
        BlobCheck.Result result = new BlobCheck(database, new BlobStore(blobs, masterKey)).check(SealAudit.sealCheck(new SealVerifier(),
                keys, new Directory(database, masterKey)));
        for (BlobCheck.Problem problem : result.problems()) {
            out.println("seal".equals(problem.part())
                    ? "Seal BROKEN: document " + problem.documentId() + " version " + problem.version() + ": " + problem.problem()
                    : "Stored file DAMAGED: document " + problem.documentId() + " version " + problem.version() + " (" + problem.part()
                    + ") " + problem.problem());
        }
        out.println("Documents checked: " + result.documents() + " (" + result.versions() + " versions, " + result.sealedVersions()
                + " sealed; " + result.files() + " stored files), problems: " + result.problems().size() + ".");
        return result.problems().isEmpty() ? Outcome.INTACT : Outcome.BROKEN;
    }
}
