package no.mappe.archive;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.cases.Deadlines;
import no.mappe.cases.Programme;
import no.mappe.complaints.ComplaintRegister;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.minutes.MinutesCheck;
import no.mappe.retention.Retention;
import no.mappe.retention.RetentionStatus;
import no.mappe.search.IndexedDocument;
import no.mappe.ops.Timing;
import no.mappe.security.AccessLevel;
import no.mappe.security.Caller;
import no.mappe.security.TimeZones;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.ProfileService;
import no.mappe.security.Role;
import no.mappe.templates.DocxRenderer;
import no.mappe.templates.FieldValidator;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.RenderContext;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import no.mappe.templates.TemplateManifest;
import no.mappe.templates.XhtmlText;

/**
 * The document flow: template and fields are validated, filled, rendered to PDF/A, stored as an
 * encrypted version, indexed, and every step that touches content is audited.
 *
 * <p>Who sees a document: its organisation only; a counsellor only in cases assigned to them; and
 * nobody above their role's access level. Anything else is "not found".
 */
public final class DocumentService {

    public static final String PDF = "application/pdf";

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final TemplateCatalogue catalogue;
    private final TemplateFiller filler;
    private final PdfRenderer renderer;
    private final DocxRenderer docxRenderer;
    private final ProfileService profiles;
    private final Retention retention;
    private final AuditLog audit;
    private final Clock clock;
    private final TimeZones timeZones;
    private final Timing generationTime;
    private final MinutesCheck minutesCheck;

    public DocumentService(Archive archive, CaseService cases, Directory directory, ProfileService profiles,
                           TemplateCatalogue catalogue, TemplateFiller filler, PdfRenderer renderer, DocxRenderer docxRenderer,
                           Retention retention, AuditLog audit, Clock clock, Timing generationTime, MinutesCheck minutesCheck,
                           TimeZones timeZones) {
        this.timeZones = timeZones;
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.catalogue = catalogue;
        this.filler = filler;
        this.renderer = renderer;
        this.docxRenderer = docxRenderer;
        this.profiles = profiles;
        this.retention = retention;
        this.audit = audit;
        this.clock = clock;
        this.generationTime = generationTime;
        this.minutesCheck = minutesCheck;
    }

    /** Validates, fills, renders and archives a new draft, then indexes it (through the outbox). */
    public DocumentView generate(Caller caller, String caseId, NewDocument request) {
        return generationTime.time(() -> generateDraft(caller, caseId, request));
    }

    private DocumentView generateDraft(Caller caller, String caseId, NewDocument request) {
        Prepared prepared = prepare(caller, caseId, request);
        TemplateManifest manifest = prepared.template().manifest();
        String xhtml = filler.fill(prepared.template(), prepared.context());
        XhtmlText.of(xhtml, manifest.id());
        byte[] pdf = renderer.render(xhtml, manifest.id());

        Document draft = new Document(UUID.randomUUID().toString(), caller.organisationId(), caseId, prepared.documentType(),
                manifest.id(), manifest.version(), prepared.context().language(), prepared.accessLevel(), Document.STATUS_DRAFT,
                prepared.businessDate(), caller.userId(), Instant.now(clock).toString(), List.of());
        Document stored = archive.create(draft, VersionContent.of(pdf, PDF).withSource(xhtml).withFields(json(request.fields())),
                "generated from template " + manifest.id() + " v" + manifest.version(), connection -> {
                    audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-created")
                            .on("document", draft.id()).withDetail(prepared.documentType()));
                    Archive.insertDeadlines(connection, draft.id(), Deadlines.datesSetBy(prepared.context().fields()));
                    enterInComplaintRegister(connection, caller, draft, prepared.context().fields());
                    if (prepared.accessLevel() > caller.role().highestLevel()) {
                        Archive.holdFor(connection, draft.id(), caller.userId());
                    }
                });
        return view(stored, prepared.owner());
    }

    /**
     * A new version of a draft from the same form (rediger utkastet): validated, filled and rendered
     * like a new document, stored on top of {@code basedOn} (the version the editor started from;
     * the latest when null). Refused with 409 once anyone has signed it, or when someone else saved
     * a version in between; both are checked inside the storing transaction.
     */
    public DocumentView revise(Caller caller, String documentId, NewDocument request, Integer basedOn) {
        Visible visible = visible(caller, documentId);
        Document document = visible.document();
        requireUnsignedDraft(caller, document, "edit");
        if (request.template() != null && !request.template().equals(document.templateId())) {
            throw InvalidFields.of("template", "must be the draft's own template '" + document.templateId() + "' (or left out)");
        }
        int expected = basedOn == null ? document.latest().version() : basedOn;
        NewDocument same = new NewDocument(document.templateId(), request.language() == null ? document.language() : request.language(),
                request.fields(), request.accessLevel() == null ? Integer.valueOf(document.accessLevel()) : request.accessLevel(),
                request.confirmNameLike());
        Prepared prepared = prepare(caller, document.caseId(), same);
        TemplateManifest manifest = prepared.template().manifest();
        String xhtml = filler.fill(prepared.template(), prepared.context());
        XhtmlText.of(xhtml, manifest.id());
        byte[] pdf = renderer.render(xhtml, manifest.id());
        Document stored = archive.addVersion(caller.organisationId(), documentId, expected,
                VersionContent.of(pdf, PDF).withSource(xhtml).withFields(json(same.fields())), false, Document.STATUS_DRAFT,
                "draft edited", caller.userId(), Instant.now(clock).toString(), connection -> {
                    stillUnsignedDraft(connection, documentId, "edited");
                    // The edited fields may move the day the document is about (a corrected period or received date).
                    Sql.execute(connection, "UPDATE documents SET document_date = ?, access_level = ?, language = ? WHERE id = ?",
                            prepared.businessDate().toString(), prepared.accessLevel(), prepared.context().language(),
                            documentId);
                    Sql.execute(connection, "DELETE FROM document_deadlines WHERE document_id = ?", documentId);
                    Archive.insertDeadlines(connection, documentId, Deadlines.datesSetBy(prepared.context().fields()));
                    ComplaintRegister.draftEdited(connection, caller.organisationId(), document.caseId(), documentId,
                            document.documentType(), prepared.context().fields(), prepared.businessDate(), caller.userId());
                    audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "draft-edited")
                            .on("document", documentId).withDetail("version " + (expected + 1)));
                });
        return view(stored, visible.owner());
    }

    /**
     * A copy of the unsigned draft to give the participant before the meeting: the latest version
     * rendered again from its source with "UTKAST"/"UDKAST" at the top of every page and in the
     * PDF's title and subject. Nothing is stored, so the version that is signed never carries the
     * mark. An audited download; 409 once the document is signed.
     */
    public byte[] draftCopy(Caller caller, String documentId) {
        Document document = visible(caller, documentId).document();
        if (Document.STATUS_SIGNED.equals(document.status()) || document.latest().sealed()) {
            throw new Conflict("This document is signed; give the participant the signed version instead of a draft");
        }
        int version = document.latest().version();
        byte[] source = archive.source(caller.organisationId(), documentId, version).orElseThrow(() -> new Conflict(
                "This document was not made from a template, so there is no draft to share"));
        String mark = "da".equals(document.language()) ? "UDKAST" : "UTKAST";
        byte[] pdf = renderer.render(DraftMark.apply(new String(source, StandardCharsets.UTF_8), mark), document.templateId());
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-downloaded")
                .on("document", documentId).withDetail("draft copy of version " + version));
        return pdf;
    }

    /** The field values of a version (the latest when null), to fill the form again; empty when they were not kept. */
    public Map<String, Object> draftFields(Caller caller, String documentId, Integer version) {
        Document document = visible(caller, documentId).document();
        int wanted = version == null ? document.latest().version() : version;
        return archive.fields(caller.organisationId(), documentId, wanted).map(DocumentService::fromJson).orElse(Map.of());
    }

    /** Where a new document's prefilled values came from: the source document and the version its values were read from. */
    public record PrefillSource(String documentId, String templateId, int version, String status, LocalDate documentDate) {
    }

    /** A new document's starting values (only the fields that got any) and the documents they were read from. */
    public record Prefilled(Map<String, Object> fields, List<PrefillSource> sources) {
    }

    /**
     * What the form for a new document of {@code templateId} in a case starts with: each field whose
     * manifest declares a {@link no.mappe.templates.FieldPrefill} from the case's current document of
     * the source template, i.e. the latest signed one, else the newest (a progress report's goals from
     * the plan). Only documents the caller may see are read; each read is audited as a read of that
     * document. Nothing is stored.
     */
    public Prefilled prefill(Caller caller, String caseId, String templateId) {
        Case owner = cases.visible(caller, caseId);
        TemplateManifest manifest = catalogue.find(caller.organisationId(), templateId).orElseThrow(() -> new NotFound(
                "Template " + templateId)).manifest();
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        List<PrefillSource> sources = new ArrayList<>();
        Map<String, Optional<Document>> currentBySource = new java.util.HashMap<>();
        Map<String, Map<String, Object>> valuesByDocument = new java.util.HashMap<>();
        for (no.mappe.templates.FieldSpec field : manifest.fields()) {
            if (field.prefill() == null) {
                continue;
            }
            Optional<Document> source = currentBySource.computeIfAbsent(field.prefill().template(),
                    sourceTemplate -> current(caller, owner.id(), sourceTemplate));
            if (source.isEmpty()) {
                continue;
            }
            Map<String, Object> values = valuesByDocument.computeIfAbsent(source.get().id(), id -> {
                Optional<Map.Entry<Integer, String>> stored = archive.latestFields(caller.organisationId(), id);
                if (stored.isEmpty()) {
                    return Map.of(); // made before field values were kept
                }
                audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-read").on("document", id)
                        .withDetail("fields of version " + stored.get().getKey() + " to start a new " + manifest.documentType()));
                sources.add(new PrefillSource(id, source.get().templateId(), stored.get().getKey(), source.get().status(),
                        source.get().documentDate()));
                return fromJson(stored.get().getValue());
            });
            Object value = PrefillValues.copy(field, values.get(field.prefill().field()));
            if (value != null) {
                fields.put(field.name(), value);
            }
        }
        return new Prefilled(fields, List.copyOf(sources));
    }

    /** The case's latest signed document of a template the caller may see, else its newest one of any status. */
    private Optional<Document> current(Caller caller, String caseId, String templateId) {
        List<Document> candidates = archive.listByCase(caller.organisationId(), caseId).stream()
                .filter(document -> templateId.equals(document.templateId()))
                .filter(document -> visibleIfAllowed(caller, document.id()).isPresent())
                .sorted(java.util.Comparator.comparing(Document::createdAt).reversed())
                .toList();
        return candidates.stream().filter(document -> Document.STATUS_SIGNED.equals(document.status())).findFirst()
                .or(() -> candidates.stream().findFirst());
    }

    /**
     * Deletes a draft nobody has signed (slett utkastet): its keys, rows and blobs go as in a
     * disposal, so its content is unreadable in every backup too, and search drops it through the
     * outbox. Audited and noted (without content) in the same transaction. 409 once anyone signed.
     */
    public void deleteDraft(Caller caller, String documentId) {
        Document document = visible(caller, documentId).document();
        requireUnsignedDraft(caller, document, "delete");
        String now = Instant.now(clock).toString();
        java.util.Set<String> deleted = archive.destroyAll(caller.organisationId(), List.of(documentId), (connection, id) -> {
            stillUnsignedDraft(connection, id, "deleted");
            return true;
        }, (connection, destroyed) -> {
            if (destroyed.isEmpty()) {
                return;
            }
            Sql.execute(connection, "INSERT INTO deleted_drafts (document_id, organisation_id, case_id, document_type,"
                    + " deleted_at, deleted_by) VALUES (?, ?, ?, ?, ?, ?)", documentId, caller.organisationId(), document.caseId(),
                    document.documentType(), now, caller.userId());
            ComplaintRegister.draftDeleted(connection, documentId);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "draft-deleted")
                    .on("document", documentId).withDetail(document.documentType()));
        });
        if (deleted.isEmpty()) {
            throw new Conflict("This draft was deleted a moment ago");
        }
    }

    /**
     * Only a generated draft nobody has signed can change or go; office staff and employees change
     * nothing but minutes, which anyone who reads them may edit and only their writer or a leader deletes.
     */
    private void requireUnsignedDraft(Caller caller, Document document, String action) {
        boolean minutes = cases.isMinutesBook(caller.organisationId(), document.caseId());
        if (!caller.role().worksCases() && !minutes) {
            throw new NotAllowed("Only staff who work cases can " + action + " drafts");
        }
        if (minutes && "delete".equals(action) && !caller.isLeader() && !caller.userId().equals(document.createdBy())) {
            throw new NotAllowed("Only the one who wrote these minutes, or a leader, can delete them");
        }
        if (!Document.STATUS_DRAFT.equals(document.status())) {
            audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "change-refused").on("document", document.id())
                    .withDetail(action + " draft"));
            String done = "edit".equals(action) ? "edited" : "deleted";
            throw new Conflict(Document.STATUS_SIGNED.equals(document.status())
                    ? "This document is signed and cannot be " + done + "; make a new document instead"
                    : "Signing of this document has begun, so it cannot be " + done + " any more; finish the signing, or make a new"
                    + " document");
        }
    }

    /** Inside the changing transaction: the document is still an unsigned draft, else 409 (a signature came first). */
    private static void stillUnsignedDraft(java.sql.Connection connection, String documentId, String done) throws java.sql.SQLException {
        String status = Sql.one(connection, "SELECT status FROM documents WHERE id = ?", row -> row.getString(1), documentId)
                .orElseThrow(() -> new Conflict("This draft was deleted a moment ago"));
        boolean signed = Sql.one(connection, "SELECT 1 FROM signatures WHERE document_id = ? LIMIT 1", row -> true, documentId)
                .isPresent();
        if (!Document.STATUS_DRAFT.equals(status) || signed) {
            throw new Conflict("Someone signed this document a moment ago, so it can no longer be " + done + "; reload it");
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper FIELDS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static String json(Map<String, Object> fields) {
        try {
            return FIELDS_JSON.writeValueAsString(fields == null ? Map.of() : fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Field values are plain JSON values", e);
        }
    }

    private static Map<String, Object> fromJson(String json) {
        try {
            return FIELDS_JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored field values are not JSON", e);
        }
    }

    /** A complaint form enters the register; an answer letter by the complaint's handler answers it there. */
    private static void enterInComplaintRegister(java.sql.Connection connection, Caller caller, Document draft,
                                                 Map<String, Object> fields) throws java.sql.SQLException {
        if ("complaint".equals(draft.documentType()) && fields.get("receivedDate") instanceof LocalDate received) {
            ComplaintRegister.fromForm(connection, caller.organisationId(), draft.caseId(), draft.id(), received, fields.get("about"),
                    caller.userId(), draft.createdAt());
        } else if ("complaint-answer".equals(draft.documentType())) {
            ComplaintRegister.fromAnswerLetter(connection, caller.organisationId(), draft.caseId(), draft.id(),
                    fields.get("complaintDate") instanceof LocalDate date ? date : null, fields.get("decision"), draft.documentDate(),
                    caller.userId());
        }
    }

    /** The PDF a request would produce, without archiving anything; audited, as it shows the case's data. */
    public byte[] preview(Caller caller, String caseId, NewDocument request) {
        Prepared prepared = prepare(caller, caseId, request);
        String xhtml = filler.fill(prepared.template(), prepared.context());
        XhtmlText.of(xhtml, prepared.template().manifest().id());
        byte[] pdf = renderer.render(xhtml, prepared.template().manifest().id());
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-previewed").on("case", caseId)
                .withDetail(prepared.template().manifest().documentType()));
        return pdf;
    }

    /** An editable DOCX of one version, made from the XHTML the PDF was rendered from; an audited download. */
    public byte[] docx(Caller caller, String documentId, Integer version) {
        Visible visible = visible(caller, documentId);
        int wanted = version == null ? visible.document().latest().version() : version;
        byte[] source = archive.source(caller.organisationId(), documentId, wanted).orElseThrow(() -> new NotFound(
                "Version " + wanted + " of document " + documentId + " has no editable copy (only generated documents have one)"));
        byte[] docx = docxRenderer.render(new String(source, StandardCharsets.UTF_8), visible.document().templateId());
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-downloaded")
                .on("document", documentId).withDetail("docx of version " + wanted));
        return docx;
    }

    /** Checks the request against the template and the caller's rights, and gathers what the template may print. */
    private Prepared prepare(Caller caller, String caseId, NewDocument request) {
        // The minutes book is everyone's: any role writes minutes there, and only minutes.
        boolean minutesBook = cases.isMinutesBook(caller.organisationId(), caseId);
        if (!caller.role().worksCases() && !minutesBook) {
            throw new NotAllowed("Office staff and ordinary employees cannot create documents");
        }
        Case owner = cases.visible(caller, caseId);
        if (owner.participant().birthDate() == null && !minutesBook) {
            throw new Conflict("This case has no participant any more (it holds records, or it was anonymised); documents cannot be"
                    + " made for it");
        }
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        TemplateCatalogue.Template template = catalogue.find(caller.organisationId(), request.template()).orElseThrow(() ->
                InvalidFields.of("template", "must be one of " + catalogue.all(caller.organisationId()).stream()
                        .map(t -> t.manifest().id()).toList()));
        TemplateManifest manifest = template.manifest();
        if (minutesBook != MinutesCheck.TEMPLATE.equals(manifest.id())) {
            throw InvalidFields.of("template", minutesBook ? "the minutes book holds only '" + MinutesCheck.TEMPLATE + "'"
                    : "minutes are written in the organisation's minutes book (POST /api/minutes), where they are checked for names");
        }
        String language = request.language() == null ? organisation.language() : request.language();
        List<FieldError> errors = new ArrayList<>();
        if (!manifest.languages().contains(language)) {
            errors.add(new FieldError("language", "template '" + manifest.id() + "' is available in " + manifest.languages()));
        }
        boolean staffFolder = cases.isStaffFolder(caller.organisationId(), caseId);
        if (staffFolder && !no.mappe.cases.StaffFolders.TEMPLATES.contains(manifest.id())) {
            throw InvalidFields.of("template", "a staff folder holds " + no.mappe.cases.StaffFolders.TEMPLATES);
        }
        // A staff folder's documents are in the leader's cabinet: level 4, whatever the template says.
        int accessLevel = staffFolder ? AccessLevel.MANAGEMENT
                : request.accessLevel() == null ? manifest.accessLevel() : request.accessLevel();
        // Above the caller's own level is allowed: the counsellor hands out the confidentiality declaration
        // and helps write a complaint on day one. They hold it until it is signed (see inHand).
        if (!AccessLevel.isValid(accessLevel)) {
            errors.add(new FieldError("accessLevel", "must be 1, 2, 3 or 4"));
        } else if (minutesBook && (accessLevel > MINUTES_LEVEL || accessLevel > caller.role().highestLevel())) {
            errors.add(new FieldError("accessLevel", "minutes are read at level 1 (all staff) or 2 (employees), at most your own level"));
        }
        // Today on the organisation's clock: what a date field may not pass, and the day the document says it was made.
        LocalDate madeOn = LocalDate.now(clock.withZone(timeZones.of(caller.organisationId())));
        Map<String, Object> fields = Map.of();
        try {
            fields = FieldValidator.validate(manifest, request.fields(), madeOn);
            if (minutesBook) {
                errors.addAll(minutesCheck.problems(caller.organisationId(), fields, request.namesConfirmed()));
            }
        } catch (InvalidFields e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        String counsellorName = directory.user(caller.organisationId(), owner.counsellorId()).map(u -> u.displayName()).orElse("");
        // The context's date is the day it is made, which the layout prints ("Utarbeidet ..."); the business date is what it is about.
        RenderContext context = new RenderContext(language, organisation.name(), owner.participant().name(),
                owner.participant().birthDate(), owner.programme(),
                staffFolder || minutesBook ? "" : Programme.displayName(owner.programme(), language),
                owner.startDate(), counsellorName, madeOn, profiles.forTemplates(caller.organisationId()), fields)
                // The case's documents are read only for a template that prints its forms' states (the welcome
                // folder); the minutes book holds no one's forms.
                .withCaseForms(minutesBook || !catalogue.readsCaseForms(template, language) ? no.mappe.templates.CaseForms.NONE_MADE
                        : CaseFormStates.of(archive.listByCase(caller.organisationId(), caseId),
                                timeZones.of(caller.organisationId())));
        String documentType = staffFolder ? no.mappe.cases.StaffFolders.documentType(manifest.documentType()) : manifest.documentType();
        return new Prepared(template, owner, accessLevel, context, documentType, manifest.businessDate(fields, madeOn));
    }

    /** The highest level minutes are kept at: the source's minutes are for all staff (1) or ordinary employees (2). */
    private static final int MINUTES_LEVEL = 2;

    /** @param businessDate the day the document is about (its manifest's business date field, else the day it is made) */
    private record Prepared(TemplateCatalogue.Template template, Case owner, int accessLevel, RenderContext context,
                            String documentType, LocalDate businessDate) {
    }

    /** Metadata, versions and retention of a document; an audited read. */
    public DocumentView get(Caller caller, String documentId) {
        Visible visible = visible(caller, documentId);
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-read").on("document", documentId));
        return view(visible.document(), visible.owner());
    }

    /** The PDF of one version (the latest when {@code version} is null); an audited download. */
    public byte[] content(Caller caller, String documentId, Integer version) {
        Content content = file(caller, documentId, version);
        if (!PDF.equals(content.mediaType())) {
            throw new NotFound("This version is not a PDF (" + content.mediaType() + "); download it from .../content");
        }
        return content.bytes();
    }

    /** The stored bytes of one version as they were archived, with their media type. */
    public record Content(byte[] bytes, String mediaType) {
    }

    /** One version byte for byte, whatever its type (the latest when {@code version} is null); an audited download. */
    public Content file(Caller caller, String documentId, Integer version) {
        Visible visible = visible(caller, documentId);
        int wanted = version == null ? visible.document().latest().version() : version;
        String mediaType = visible.document().versions().stream().filter(v -> v.version() == wanted).findFirst()
                .map(DocumentVersion::mediaType).orElseThrow(() -> new NotFound("Version " + wanted + " of document " + documentId));
        byte[] bytes = archive.content(caller.organisationId(), documentId, wanted);
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-downloaded")
                .on("document", documentId).withDetail("version " + wanted));
        return new Content(bytes, mediaType);
    }

    /**
     * Moves a document to another access level (e.g. a confidentiality declaration into the leader's
     * cabinet when the person leaves). Only to a level the caller may read themselves; office staff
     * cannot. One transaction with its audit entry; search follows through the outbox of the same commit.
     */
    public DocumentView changeAccessLevel(Caller caller, String documentId, Integer accessLevel) {
        if (!caller.role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot change access levels");
        }
        Visible visible = visible(caller, documentId);
        if (visible.document().accessLevel() > caller.role().highestLevel()) {
            // In their hand to collect signatures, not to move below its level (it would leak once signed).
            throw new NotAllowed("This document is above your access level; only someone at level "
                    + visible.document().accessLevel() + " can move it");
        }
        if (accessLevel == null || !AccessLevel.isValid(accessLevel) || accessLevel > caller.role().highestLevel()) {
            throw InvalidFields.of("accessLevel", "must be between 1 and your own level " + caller.role().highestLevel());
        }
        archive.setAccessLevel(caller.organisationId(), documentId, accessLevel, connection -> {
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "access-level-changed")
                    .on("document", documentId).withDetail("from " + visible.document().accessLevel() + " to " + accessLevel));
            Archive.release(connection, documentId);
        });
        Document changed = archive.find(caller.organisationId(), documentId).orElseThrow(() -> new NotFound("Document " + documentId));
        return view(changed, visible.owner());
    }

    /** Gives the case to another counsellor; access follows at once, search through the outbox. */
    public Case reassign(Caller caller, String caseId, String counsellorId) {
        return cases.reassign(caller, caseId, counsellorId);
    }

    /** Work in the same transaction as archiving a record, told the record's document id. */
    @FunctionalInterface
    public interface AlsoForRecord {
        void run(java.sql.Connection connection, String documentId) throws java.sql.SQLException;
    }

    /**
     * Archives a record the organisation makes about its own archive (a disposal certificate): a
     * level-4 PDF in the organisation's records case, under its document type's own retention class,
     * indexed so the leader finds it, with whatever the caller writes in the same transaction.
     */
    public Document archiveRecord(String organisationId, String actorId, String documentType, String caseLabel, byte[] pdf,
                                  String text, AlsoForRecord also) {
        Organisation organisation = directory.organisation(organisationId).orElseThrow();
        Case records = cases.recordsCase(organisationId, caseLabel);
        String now = Instant.now(clock).toString();
        Document draft = new Document(UUID.randomUUID().toString(), organisationId, records.id(), documentType, documentType, 0,
                organisation.language(), AccessLevel.MANAGEMENT, Document.STATUS_ISSUED, LocalDate.now(clock),
                actorId, now, List.of());
        Document stored = archive.create(draft, VersionContent.of(pdf, PDF).withExtractedText(text), "issued by Mappe", connection -> {
            audit.append(connection, AuditEvent.of(organisationId, actorId, "record-archived").on("document", draft.id())
                    .withDetail(documentType));
            also.run(connection, draft.id());
        });
        return stored;
    }


    /** The documents of a case the caller may see. */
    public List<DocumentView> listForCase(Caller caller, String caseId) {
        Case owner = cases.visible(caller, caseId);
        java.util.Set<String> held = archive.heldBy(caller.organisationId(), caseId, caller.userId());
        return archive.listByCase(caller.organisationId(), caseId).stream()
                .filter(document -> document.accessLevel() <= caller.role().highestLevel()
                        || held.contains(document.id()) && inHand(caller, document))
                .map(document -> view(document, owner))
                .toList();
    }

    /**
     * A document above the caller's level that was in their hand and is signed now, so it went to its
     * level (the leader's cabinet): only that it exists, its title, date and status. No id, no content.
     */
    public record SealedAway(String title, LocalDate documentDate, String status) {
    }

    /** The signed documents of a case above the caller's level that they made or collected signatures on. */
    public List<SealedAway> sealedAway(Caller caller, String caseId) {
        cases.visible(caller, caseId);
        java.util.Set<String> held = archive.heldBy(caller.organisationId(), caseId, caller.userId());
        return archive.listByCase(caller.organisationId(), caseId).stream()
                .filter(document -> document.accessLevel() > caller.role().highestLevel() && held.contains(document.id())
                        && !open(document))
                .map(document -> new SealedAway(title(document), document.documentDate(), document.status()))
                .toList();
    }

    /**
     * Whether a document above the caller's level, held by them (they made it above their level and
     * nobody at its level has moved it since), is still in their hand: they work cases and it is not
     * signed yet. Once signed it is readable only at its level.
     */
    private static boolean inHand(Caller caller, Document document) {
        return caller.role().worksCases() && open(document);
    }

    private static boolean open(Document document) {
        return Document.STATUS_DRAFT.equals(document.status()) || Document.STATUS_AWAITING_SIGNATURES.equals(document.status());
    }

    /**
     * The case of a document the caller just signed away (sealed above their level), so a page can
     * return to it; only for a caller who may still see that case, and never any of the document.
     */
    public String caseOf(Caller caller, String documentId) {
        Document document = archive.find(caller.organisationId(), documentId).orElseThrow(() -> new NotFound("Document " + documentId));
        return cases.visible(caller, document.caseId()).id();
    }

    /** The document if the caller may see it (without auditing), for services that audit their own use. */
    public Visible visible(Caller caller, String documentId) {
        return visibleIfAllowed(caller, documentId).orElseThrow(() -> new NotFound("Document " + documentId));
    }

    /**
     * The one access rule for a document, as the database has it now: the caller's organisation,
     * their access level (or the document is in their hand, unsigned, above it), and for a counsellor
     * their own cases. Search runs every hit through it too.
     */
    public Optional<Visible> visibleIfAllowed(Caller caller, String documentId) {
        Optional<Document> document = archive.find(caller.organisationId(), documentId);
        if (document.isEmpty()) {
            return Optional.empty();
        }
        Optional<Case> owner = cases.find(caller.organisationId(), document.get().caseId());
        if (owner.isEmpty() || caller.role() == Role.COUNSELLOR && !owner.get().counsellorId().equals(caller.userId())
                && !cases.isMinutesBook(caller.organisationId(), owner.get().id())) {
            return Optional.empty();
        }
        if (!caller.isLeader() && cases.isStaffFolder(caller.organisationId(), owner.get().id())) {
            return Optional.empty(); // the leader's own cabinet, whatever the reader's level
        }
        if (document.get().accessLevel() > caller.role().highestLevel()
                && !(inHand(caller, document.get()) && archive.heldBy(caller.organisationId(), owner.get().id(), caller.userId())
                        .contains(documentId))) {
            return Optional.empty();
        }
        return Optional.of(new Visible(document.get(), owner.get()));
    }

    /** A document the caller may see, with its case. */
    public record Visible(Document document, Case owner) {
    }

    /** What the index needs about a document: ids, facets, names, text, retention standing and the stamp of its latest change. */
    public static IndexedDocument indexed(Document document, Case owner, String counsellorName, String text, RetentionStatus standing,
                                          long stamp) {
        return new IndexedDocument(document.id(), document.organisationId(), document.caseId(), owner.counsellorId(),
                document.accessLevel(), document.language(), document.documentType(), owner.programme(), document.status(),
                document.documentDate(), owner.participant().name() + "\n" + counsellorName, text, standing.phase(),
                standing.dueDate(), stamp);
    }

    private DocumentView view(Document document, Case owner) {
        return new DocumentView(document, title(document), retention.status(document, owner), archive.dispatches(document.id()));
    }

    /** Titles of the documents that are not made from a template, by type and language. */
    private static final Map<String, Map<String, String>> OTHER_TITLES = Map.of(
            no.mappe.retention.DisposalCertificate.DOCUMENT_TYPE, Map.of("nb", "Kassasjonsprotokoll", "da", "Kassationsprotokol"),
            Uploads.DOCUMENT_TYPE, Map.of("nb", "Innkommet dokument", "da", "Modtaget dokument"));

    /** A document's title in its language: its template's, or one for records and uploads, or else its type. */
    public String title(Document document) {
        return title(document, document.language());
    }

    /**
     * How a list names a document the caller may see: its title, whose it is and its date
     * ("Fremdriftsrapport – Kari Nordmann, 01.03.2026"); empty when the caller may not see it or it is gone.
     */
    public Optional<String> describe(Caller caller, String documentId, String language) {
        return visibleIfAllowed(caller, documentId).map(visible -> title(visible.document(), language) + " – "
                + visible.owner().participant().name() + (visible.document().documentDate() == null ? ""
                : ", " + visible.document().documentDate().format(no.mappe.text.DisplayDates.DAY)));
    }

    /** The participant a case is about, for lists that name whose it is; empty when there is no such case or it is anonymised. */
    public Optional<String> participantName(Caller caller, String caseId) {
        return caseId == null ? Optional.empty() : cases.find(caller.organisationId(), caseId).map(found -> found.participant().name())
                .filter(name -> name != null && !name.isBlank());
    }

    /** A document type's name in the language (the title of the template that makes it), never its code. */
    public String typeTitle(String organisationId, String documentType, String language) {
        return catalogue.all(organisationId).stream().map(t -> t.manifest()).filter(m -> m.documentType().equals(documentType))
                .findFirst().map(m -> m.title(language))
                .orElseGet(() -> OTHER_TITLES.getOrDefault(documentType, Map.of()).getOrDefault(language, documentType));
    }

    private String title(Document document, String language) {
        return catalogue.find(document.organisationId(), document.templateId()).map(t -> t.manifest().title(language))
                .orElseGet(() -> OTHER_TITLES.getOrDefault(document.documentType(), Map.of())
                        .getOrDefault(language, document.documentType()));
    }

    /**
     * What a destructive action would affect, for the page that asks to confirm it: how many
     * documents of each type (titled in the reader's language) and whose they are.
     *
     * @param hidden documents the caller may not see (counted, never named)
     */
    public record Affected(int total, Map<String, Integer> perType, List<String> participants, int hidden) {
    }

    public Affected affected(Caller caller, List<String> documentIds, String language) {
        Map<String, Integer> perType = new java.util.TreeMap<>();
        java.util.SortedSet<String> participants = new java.util.TreeSet<>();
        int hidden = 0;
        for (String documentId : documentIds) {
            Optional<Visible> visible = visibleIfAllowed(caller, documentId);
            if (visible.isEmpty()) {
                hidden++;
                continue;
            }
            perType.merge(title(visible.get().document(), language), 1, Integer::sum);
            participants.add(visible.get().owner().participant().name());
        }
        return new Affected(documentIds.size(), perType, List.copyOf(participants), hidden);
    }

    /**
     * What the signature page shows beside the pad: whose document it is, their counsellor, and the
     * readable text of the version being signed (empty for a file Mappe did not generate).
     */
    public record SigningView(String participantName, String counsellorName, Optional<String> text) {
    }

    public SigningView signingView(Caller caller, String documentId, int version) {
        Visible visible = visible(caller, documentId);
        String counsellorName = directory.user(caller.organisationId(), visible.owner().counsellorId()).map(u -> u.displayName())
                .orElse("");
        Optional<String> text = archive.source(caller.organisationId(), documentId, version)
                .map(source -> XhtmlText.of(new String(source, StandardCharsets.UTF_8), visible.document().templateId()));
        return new SigningView(visible.owner().participant().name(), counsellorName, text);
    }

    /**
     * The words a document is found by: the text it was generated from and whatever Tika or OCR read
     * from its versions (uploaded files, scanned signed copies). Empty when nothing is stored.
     */
    public Optional<String> storedText(Document document) {
        List<String> parts = new ArrayList<>();
        generatedText(document).ifPresent(parts::add);
        parts.addAll(archive.extractedTexts(document.organisationId(), document.id()));
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", parts));
    }

    /**
     * The text a document was generated from (its latest unsealed generated version's filled XHTML), which the index and
     * snippets use; empty for documents Mappe did not generate (uploads).
     */
    public Optional<String> generatedText(Document document) {
        // The latest generated version that is not a sealed copy: an edited draft is found by what it
        // says now, a signed one by the text that was signed (not by its evidence page).
        for (int i = document.versions().size() - 1; i >= 0; i--) {
            if (document.versions().get(i).sealed()) {
                continue;
            }
            Optional<byte[]> source = archive.source(document.organisationId(), document.id(), document.versions().get(i).version());
            if (source.isPresent()) {
                return Optional.of(XhtmlText.of(new String(source.get(), StandardCharsets.UTF_8), document.templateId()));
            }
        }
        return Optional.empty();
    }
}
