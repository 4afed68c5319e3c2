package no.mappe.signing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.mappe.archive.Archive;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.archive.VersionContent;
import no.mappe.archive.DocumentVersion;
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.MappeException;
import no.mappe.search.IndexOutbox;
import no.mappe.search.Ocr;
import no.mappe.ops.Timing;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.ProfileService;
import no.mappe.security.TimeZones;
import no.mappe.security.User;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.PngImage;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateManifest;
import no.mappe.untrusted.PageImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signing flow of a document: signatures drawn in person are collected on the current version
 * (draft, then awaiting signatures); when the last one the manifest asks for is in, the document is
 * re-rendered with the signatures in place and an evidence page, sealed with the organisation's
 * certificate and stored as a new, immutable version (signed). A scanned signed paper copy becomes
 * the signed version directly. Every step is audited; every attempt to change a signed version is
 * refused with 409 and audited too.
 *
 * <p>Every state change is one transaction that checks the state it changes inside that
 * transaction: of two signers at the same moment exactly one completes the document and seals it,
 * the same signature twice gives 409, and a scan racing a seal gives 409 to whichever comes second.
 * Should sealing fail after the last signature was stored, {@link #sealCompleted} makes the sealed
 * version later (at start-up and now and then), so a document whose signatures are all in is always
 * sealed in the end.
 */
public final class SignatureService {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureService.class);
    /** A signature drawn on a screen: a PNG, flattened onto white when stored. */
    private static final PngImage SIGNATURE_IMAGE = new PngImage(512 * 1024, 2400, 1200);

    private final Database database;
    private final Archive archive;
    private final DocumentService documents;
    private final Directory directory;
    private final ProfileService profiles;
    private final TemplateCatalogue catalogue;
    private final PdfRenderer renderer;
    private final SealKeys sealKeys;
    private final PadesSealer sealer = new PadesSealer();
    private final SealVerifier verifier = new SealVerifier();
    private final SignedVersionComposer composer = new SignedVersionComposer();
    private final ScanPages scanPages;
    private final Ocr ocr;
    private final FieldCipher signingCipher;
    private final AuditLog audit;
    private final Clock clock;
    private final Timing sealingTime;
    private final TimeZones zones;

    public SignatureService(Database database, Archive archive, DocumentService documents, Directory directory, ProfileService profiles,
                            TemplateCatalogue catalogue, PdfRenderer renderer, SealKeys sealKeys,
                            FieldCipher signingCipher, PageImages pageImages, Ocr ocr, AuditLog audit, Clock clock,
                            Timing sealingTime, TimeZones zones) {
        this.database = database;
        this.archive = archive;
        this.documents = documents;
        this.directory = directory;
        this.profiles = profiles;
        this.catalogue = catalogue;
        this.renderer = renderer;
        this.sealKeys = sealKeys;
        this.signingCipher = signingCipher;
        this.scanPages = new ScanPages(pageImages);
        this.ocr = ocr;
        this.audit = audit;
        this.clock = clock;
        this.sealingTime = sealingTime;
        this.zones = zones;
    }

    /** A signature drawn in person: who signs (participant, counsellor or leader) and the PNG of the drawing. */
    /**
     * @param version the version the signer was shown; when given, a signature on any other (someone
     *                saved an edit of the draft meanwhile) is refused with 409 rather than landing on
     *                a text the signer never saw. The pages always send it.
     */
    public record DrawnSignature(String signer, String image, Integer version) {

        public DrawnSignature(String signer, String image) {
            this(signer, image, null);
        }
    }

    /** The participant's own comments to the document (the final report), added before they sign. */
    public record NewAddendum(String text) {
    }

    public SigningStatus addAddendum(Caller caller, String documentId, NewAddendum request) {
        DocumentService.Visible visible = writable(caller, documentId, "add comments to");
        Document document = visible.document();
        if (!manifestOf(document).participantAddendum()) {
            throw InvalidFields.of("text", "this kind of document takes no comments from the participant");
        }
        String text = request.text() == null ? "" : request.text().strip();
        if (text.isEmpty() || text.length() > 6000) {
            throw InvalidFields.of("text", "must be between 1 and 6000 characters");
        }
        String now = Instant.now(clock).toString();
        String encrypted = signingCipher.encrypt(text);
        database.update(connection -> {
            int version = openVersion(connection, document.id(), "comment on");
            if (Sql.one(connection, "SELECT 1 FROM signatures WHERE document_id = ? AND version = ? AND signer_role = 'participant'",
                    row -> true, document.id(), version).isPresent()) {
                throw new Conflict("The participant has already signed; comments must be added before the participant signs");
            }
            Sql.execute(connection, "INSERT INTO addenda (document_id, version, text, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)"
                            + " ON CONFLICT (document_id, version) DO UPDATE SET text = excluded.text, recorded_by = excluded.recorded_by,"
                            + " recorded_at = excluded.recorded_at",
                    document.id(), version, encrypted, caller.userId(), now);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "addendum-added")
                    .on("document", document.id()).withDetail("version " + version));
        });
        return status(caller, documentId);
    }

    /** Who has signed the current version and who is still missing. */
    public SigningStatus status(Caller caller, String documentId) {
        DocumentService.Visible visible = documents.visible(caller, documentId);
        return status(visible.document());
    }

    public SigningStatus sign(Caller caller, String documentId, DrawnSignature request) {
        DocumentService.Visible visible = writable(caller, documentId, "sign");
        Document document = visible.document();
        TemplateManifest manifest = manifestOf(document);
        List<InvalidFields.FieldError> errors = new ArrayList<>();
        if (request.signer() == null || !manifest.signers().contains(request.signer())) {
            errors.add(new InvalidFields.FieldError("signer", "must be one of " + manifest.signers() + " for this document"));
        }
        String problem = request.image() == null
                ? "is required: the drawn signature as a PNG in base64" : SIGNATURE_IMAGE.problem(request.image());
        if (problem != null) {
            errors.add(new InvalidFields.FieldError("image", problem));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        String signerName = signerName(caller, visible.owner(), request.signer());
        String now = Instant.now(clock).toString();
        String image = signingCipher.encrypt(SIGNATURE_IMAGE.flattenOnWhite(request.image()));
        // Checked and stored in one transaction, so of two signers at the same moment exactly one sees the document complete.
        int[] completed = {-1};
        database.update(connection -> {
            int version = openVersion(connection, document.id(), "sign");
            if (request.version() != null && request.version() != version) {
                throw new Conflict("This document changed while it was open for signing: version " + version + " is the latest now."
                        + " Read it again and sign that version");
            }
            List<String> signed = Sql.list(connection, "SELECT signer_role FROM signatures WHERE document_id = ? AND version = ?",
                    row -> row.getString(1), document.id(), version);
            if (signed.contains(request.signer())) {
                throw new Conflict("The " + request.signer() + " has already signed version " + version + " of this document");
            }
            if (manifest.signInOrder()) {
                String next = manifest.signers().stream().filter(role -> !signed.contains(role)).findFirst().orElseThrow();
                if (!next.equals(request.signer())) {
                    throw new Conflict("This document is signed in order: the " + next + " signs next");
                }
            }
            Sql.execute(connection, "INSERT INTO signatures (id, document_id, version, signer_role, signer_name, method, image,"
                            + " recorded_by, signed_at) VALUES (?, ?, ?, ?, ?, 'drawn', ?, ?, ?)", UUID.randomUUID().toString(),
                    document.id(), version, request.signer(), signingCipher.encrypt(signerName), image, caller.userId(), now);
            Sql.execute(connection, "UPDATE documents SET status = ? WHERE id = ?", Document.STATUS_AWAITING_SIGNATURES, document.id());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-signed")
                    .on("document", document.id()).withDetail(request.signer() + " on version " + version));
            IndexOutbox.documentChanged(connection, caller.organisationId(), document.id());
            if (manifest.signers().stream().allMatch(role -> role.equals(request.signer()) || signed.contains(role))) {
                completed[0] = version;
            }
        });
        if (completed[0] > 0) {
            sealSafely(caller.organisationId(), caller.userId(), document.id(), completed[0]);
        }
        return statusAfterSigning(caller, documentId);
    }

    /**
     * The status once the caller's own signature is in. Read without the access rule: a document above
     * the caller's level that was in their hand leaves it when it is sealed, and the signer is still
     * told it is complete (nothing of its content).
     */
    private SigningStatus statusAfterSigning(Caller caller, String documentId) {
        return status(archive.find(caller.organisationId(), documentId).orElseThrow(() -> new NotFound("Document " + documentId)));
    }

    /**
     * A scanned signed paper copy (PDF, JPEG, PNG or TIFF) becomes the document's signed version:
     * its pages as images, the evidence page, the seal. It counts as signed by everyone the
     * manifest asks for, on paper.
     */
    public SigningStatus uploadScan(Caller caller, String documentId, byte[] upload, String contentType) {
        DocumentService.Visible visible = writable(caller, documentId, "upload a signed copy of");
        Document document = visible.document();
        TemplateManifest manifest = manifestOf(document);
        List<String> pages = scanPages.toPngPages(upload, contentType);
        String now = Instant.now(clock).toString();
        int version = document.latest().version();
        List<Signature> signatures = new ArrayList<>();
        for (String role : manifest.signers()) {
            signatures.add(new Signature(role, signerName(caller, visible.owner(), role), "paper", now, caller.userId(),
                    caller.displayName()));
        }
        SealKey key = sealKeyOf(caller.organisationId());
        String xhtml = composer.scannedCopy(pages, signatures, labels(manifest, document.language()),
                evidence(document, manifest, version, key));
        byte[] sealed = sealingTime.time(() -> sealer.seal(renderer.render(xhtml, document.templateId()), key,
                organisation(caller).name(), "da".equals(document.language()) ? "Underskrevet papirkopi" : "Signert papirkopi",
                organisation(caller).name(), Calendar.getInstance()));
        String printed = ocr.text(pages.stream().map(page -> java.util.Base64.getDecoder().decode(page)).toList());
        // The version must still be the one scanned: a seal or another scan that came first makes this one a 409.
        store(caller.organisationId(), caller.userId(), document, version,
                VersionContent.of(sealed, DocumentService.PDF).withSource(xhtml).withExtractedText(printed), signatures,
                "scanned signed paper copy, sealed");
        return statusAfterSigning(caller, documentId);
    }

    /** Any request to change an existing version: always refused, and audited when the version is signed. */
    public void refuseChange(Caller caller, String documentId, int version) {
        Document document = documents.visible(caller, documentId).document();
        boolean sealed = document.versions().stream().anyMatch(v -> v.version() == version && v.sealed());
        if (sealed) {
            audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "change-refused").on("document", documentId)
                    .withDetail("signed version " + version));
            throw new Conflict("Version " + version + " is signed and sealed and can never change. Make a new version, which is"
                    + " signed again.");
        }
        throw new Conflict("Stored versions are never changed. Make a new version instead.");
    }

    /** Checks every sealed version of a document: decryptable, hash as recorded, seal valid over the whole file. */
    public SealAudit.DocumentReport verify(Caller caller, String documentId) {
        Document document = documents.visible(caller, documentId).document();
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-verified").on("document", documentId));
        return new SealAudit(archive, verifier).check(document, sealKeyOf(caller.organisationId()).certificate());
    }

    /**
     * Makes the sealed version of every document whose signatures are all in but which has no sealed
     * version yet (sealing failed or the process stopped right after the last signature). Called at
     * start-up and now and then; a document sealed meanwhile by someone else is simply skipped.
     * Returns how many it sealed.
     */
    public int sealCompleted() {
        List<String[]> waiting = database.read(connection -> Sql.list(connection, "SELECT d.organisation_id, d.id, MAX(v.version),"
                        + " (SELECT s.recorded_by FROM signatures s WHERE s.document_id = d.id ORDER BY s.signed_at DESC LIMIT 1)"
                        + " FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.status = ? GROUP BY d.id",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)},
                Document.STATUS_AWAITING_SIGNATURES));
        int sealed = 0;
        for (String[] candidate : waiting) {
            Document document = archive.find(candidate[0], candidate[1]).orElse(null);
            int version = Integer.parseInt(candidate[2]);
            if (document == null || template(document).isEmpty()) {
                continue;
            }
            List<String> required = template(document).get().signers();
            List<Signature> signed = signatures(document.id(), version);
            if (!required.isEmpty() && required.stream().allMatch(role -> signed.stream().anyMatch(s -> s.signerRole().equals(role)))) {
                if (sealSafely(candidate[0], candidate[3], document.id(), version)) {
                    sealed++;
                }
            }
        }
        return sealed;
    }

    /**
     * Seals a version whose signatures are all in. The signatures are already stored, so a failure
     * here is logged and left to {@link #sealCompleted}; a version sealed meanwhile is no failure.
     */
    private boolean sealSafely(String organisationId, String actorId, String documentId, int version) {
        try {
            seal(organisationId, actorId, documentId, version);
            return true;
        } catch (Conflict e) {
            return false; // sealed (or replaced by a scan) by someone else a moment ago
        } catch (MappeException | IllegalStateException e) {
            LOG.error("Document {} has all its signatures but could not be sealed yet; it is retried", documentId, e);
            return false;
        }
    }

    private void seal(String organisationId, String actorId, String documentId, int version) {
        Document document = archive.find(organisationId, documentId).orElseThrow(() -> new Conflict("Document " + documentId + " is gone"));
        TemplateManifest manifest = manifestOf(document);
        List<Signature> signatures = signatures(document.id(), version);
        Map<String, String> images = images(document.id(), version);
        byte[] source = archive.source(organisationId, document.id(), version).orElseThrow(() -> new Conflict(
                "Version " + version + " was not generated by Mappe and cannot be signed on screen; upload a signed paper copy"));
        SealKey key = sealKeyOf(organisationId);
        String xhtml = composer.withSignatures(new String(source, StandardCharsets.UTF_8), signatures, images,
                labels(manifest, document.language()), addendum(document.id(), version), evidence(document, manifest, version, key));
        String organisationName = organisationNameOf(organisationId);
        byte[] sealed = sealingTime.time(() -> sealer.seal(renderer.render(xhtml, document.templateId()), key, organisationName,
                // the reason a PDF reader shows in its signature panel, in the document's language
                ("da".equals(document.language()) ? "Underskrevet af " : "Signert av ") + signatures.size(), organisationName,
                Calendar.getInstance()));
        store(organisationId, actorId, document, version, VersionContent.of(sealed, DocumentService.PDF).withSource(xhtml), List.of(),
                "signed in person and sealed");
    }

    /**
     * Adds the sealed version on top of {@code version}, in one transaction that fails with 409 when
     * the document moved on meanwhile (sealed by another request, or a scan came first).
     */
    private void store(String organisationId, String actorId, Document document, int version, VersionContent sealed,
                       List<Signature> paperSignatures, String reason) {
        String now = Instant.now(clock).toString();
        archive.addVersion(organisationId, document.id(), version, sealed, true, Document.STATUS_SIGNED, reason, actorId, now,
                connection -> {
                    for (Signature signature : paperSignatures) {
                        // A role that already signed this version in person keeps that signature.
                        Sql.execute(connection, "INSERT INTO signatures (id, document_id, version, signer_role, signer_name, method,"
                                        + " recorded_by, signed_at) VALUES (?, ?, ?, ?, ?, 'paper', ?, ?)"
                                        + " ON CONFLICT (document_id, version, signer_role) DO NOTHING", UUID.randomUUID().toString(),
                                document.id(), version, signature.signerRole(), signingCipher.encrypt(signature.signerName()), actorId,
                                now);
                    }
                    audit.append(connection, AuditEvent.of(organisationId, actorId, "document-sealed")
                            .on("document", document.id()).withDetail("version " + (version + 1)));
                });
    }

    /** Inside a transaction: the document's current version, if it can still be signed or commented on; 409 otherwise. */
    private static int openVersion(java.sql.Connection connection, String documentId, String action) throws java.sql.SQLException {
        String status = Sql.one(connection, "SELECT status FROM documents WHERE id = ?", row -> row.getString(1), documentId)
                .orElseThrow(() -> new Conflict("This document is gone"));
        if (Document.STATUS_SIGNED.equals(status)) {
            throw new Conflict("This document was signed and sealed a moment ago, so you cannot " + action
                    + " it any more; reload it to see the sealed version");
        }
        return Sql.one(connection, "SELECT MAX(version) FROM document_versions WHERE document_id = ?", row -> row.getInt(1), documentId)
                .orElseThrow();
    }

    private DocumentService.Visible writable(Caller caller, String documentId, String action) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot " + action + " documents");
        }
        DocumentService.Visible visible = documents.visible(caller, documentId);
        if (Document.STATUS_SIGNED.equals(visible.document().status())) {
            audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "change-refused").on("document", documentId)
                    .withDetail(action));
            throw new Conflict("This document is signed and sealed and cannot change. Make a new version, which is signed again.");
        }
        return visible;
    }

    /** Documents Mappe did not make from a template (uploads, certificates) have no signers. */
    private SigningStatus status(Document document) {
        List<String> required = template(document).map(TemplateManifest::signers).orElse(List.of());
        DocumentVersion latest = document.latest();
        int version = latest.sealed() ? latest.version() - 1 : latest.version();
        List<Signature> signed = signatures(document.id(), version);
        List<String> missing = required.stream().filter(role -> signed.stream().noneMatch(s -> s.signerRole().equals(role))).toList();
        return new SigningStatus(document.status(), version, required, signed, latest.sealed() ? List.of() : missing,
                latest.sealed(), addendum(document.id(), version) != null);
    }

    private SignedVersionComposer.Addendum addendum(String documentId, int version) {
        return database.read(connection -> Sql.one(connection,
                "SELECT text, recorded_at, recorded_by FROM addenda WHERE document_id = ? AND version = ?",
                row -> new SignedVersionComposer.Addendum(signingCipher.decrypt(row.getString(1)), row.getString(2),
                        directory.displayName(row.getString(3))), documentId, version)).orElse(null);
    }

    private List<Signature> signatures(String documentId, int version) {
        return database.read(connection -> Sql.list(connection,
                "SELECT signer_role, signer_name, method, signed_at, recorded_by FROM signatures"
                        + " WHERE document_id = ? AND version = ? ORDER BY signed_at",
                row -> new Signature(row.getString(1), signingCipher.decrypt(row.getString(2)), row.getString(3), row.getString(4),
                        row.getString(5), directory.displayName(row.getString(5))), documentId, version));
    }

    private Map<String, String> images(String documentId, int version) {
        Map<String, String> images = new LinkedHashMap<>();
        database.read(connection -> Sql.list(connection,
                "SELECT signer_role, image FROM signatures WHERE document_id = ? AND version = ? AND image IS NOT NULL",
                row -> images.put(row.getString(1), signingCipher.decrypt(row.getString(2))), documentId, version));
        return images;
    }

    private String signerName(Caller caller, Case owner, String role) {
        return switch (role) {
            case "participant" -> owner.participant().name();
            case "counsellor" -> directory.user(caller.organisationId(), owner.counsellorId()).map(User::displayName).orElse("");
            default -> caller.isLeader() ? caller.displayName() : profiles.get(caller.organisationId()).leaderName();
        };
    }

    private Map<String, String> labels(TemplateManifest manifest, String language) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String role : manifest.signers()) {
            labels.put(role, manifest.signerLabel(role, language));
        }
        return labels;
    }

    private SignedVersionComposer.Evidence evidence(Document document, TemplateManifest manifest, int version, SealKey key) {
        DocumentVersion original = document.versions().stream().filter(v -> v.version() == version).findFirst().orElseThrow();
        return new SignedVersionComposer.Evidence(document.id(), manifest.title(document.language()), document.templateId(),
                document.templateVersion(), version, original.sha256(), organisationNameOf(document.organisationId()),
                place(document.organisationId()), key.certificate().getSubjectX500Principal().getName(),
                key.certificate().getSerialNumber().toString(16), document.language(), zones.of(document.organisationId()));
    }

    /** Where in-person signing happens: the organisation and its address (no device or network data is kept). */
    private String place(String organisationId) {
        String address = profiles.get(organisationId).address().replace("\n", ", ");
        String name = organisationNameOf(organisationId);
        return address.isBlank() ? name : name + ", " + address;
    }

    private TemplateManifest manifestOf(Document document) {
        return template(document).orElseThrow(() -> new Conflict("This document was not made from a template (it is an upload or a"
                + " record); it has no signers and cannot be signed in Mappe"));
    }

    private java.util.Optional<TemplateManifest> template(Document document) {
        return catalogue.find(document.organisationId(), document.templateId(), document.templateVersion())
                .or(() -> catalogue.find(document.organisationId(), document.templateId()))
                .map(TemplateCatalogue.Template::manifest);
    }

    private Organisation organisation(Caller caller) {
        return directory.organisation(caller.organisationId()).orElseThrow();
    }

    private String organisationNameOf(String organisationId) {
        return directory.organisation(organisationId).map(Organisation::name).orElse("");
    }

    private SealKey sealKeyOf(String organisationId) {
        Organisation organisation = directory.organisation(organisationId).orElseThrow();
        return sealKeys.of(organisationId, organisation.name(), organisation.country());
    }
}
