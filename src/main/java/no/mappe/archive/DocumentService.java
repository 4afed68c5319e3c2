package no.mappe.archive;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.StorageFailure;
import no.mappe.retention.Retention;
import no.mappe.search.IndexedDocument;
import no.mappe.search.SearchIndex;
import no.mappe.security.AccessLevel;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;
import no.mappe.security.Role;
import no.mappe.templates.FieldValidator;
import no.mappe.templates.PdfRenderer;
import no.mappe.templates.RenderContext;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateFiller;
import no.mappe.templates.TemplateManifest;
import no.mappe.templates.XhtmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The document flow: template and fields are validated, filled, rendered to PDF/A, stored as an
 * encrypted version, indexed, and every step that touches content is audited.
 *
 * <p>Who sees a document: its organisation only; a counsellor only in cases assigned to them; and
 * nobody above their role's access level. Anything else is "not found".
 */
public final class DocumentService {

    public static final String PDF = "application/pdf";
    private static final Logger LOG = LoggerFactory.getLogger(DocumentService.class);

    private final Archive archive;
    private final CaseService cases;
    private final Directory directory;
    private final TemplateCatalogue catalogue;
    private final TemplateFiller filler;
    private final PdfRenderer renderer;
    private final SearchIndex index;
    private final Retention retention;
    private final AuditLog audit;
    private final Clock clock;

    public DocumentService(Archive archive, CaseService cases, Directory directory, TemplateCatalogue catalogue,
                           TemplateFiller filler, PdfRenderer renderer, SearchIndex index, Retention retention, AuditLog audit,
                           Clock clock) {
        this.archive = archive;
        this.cases = cases;
        this.directory = directory;
        this.catalogue = catalogue;
        this.filler = filler;
        this.renderer = renderer;
        this.index = index;
        this.retention = retention;
        this.audit = audit;
        this.clock = clock;
    }

    public DocumentView generate(Caller caller, String caseId, NewDocument request) {
        if (caller.role() == Role.OFFICE) {
            throw new NotAllowed("Office staff cannot create documents");
        }
        Case owner = cases.visible(caller, caseId);
        Organisation organisation = directory.organisation(caller.organisationId()).orElseThrow();
        TemplateCatalogue.Template template = catalogue.find(request.template()).orElseThrow(() -> InvalidFields.of("template",
                "must be one of " + catalogue.all().stream().map(t -> t.manifest().id()).toList()));
        TemplateManifest manifest = template.manifest();
        String language = request.language() == null ? organisation.language() : request.language();
        List<FieldError> errors = new ArrayList<>();
        if (!manifest.languages().contains(language)) {
            errors.add(new FieldError("language", "template '" + manifest.id() + "' is available in " + manifest.languages()));
        }
        int accessLevel = request.accessLevel() == null ? manifest.accessLevel() : request.accessLevel();
        if (!AccessLevel.isValid(accessLevel)) {
            errors.add(new FieldError("accessLevel", "must be 1, 2, 3 or 4"));
        } else if (accessLevel > caller.role().highestLevel()) {
            errors.add(new FieldError("accessLevel", "cannot be above your own access level " + caller.role().highestLevel()));
        }
        List<FieldError> fieldErrors = new ArrayList<>();
        Map<String, Object> fields;
        try {
            fields = FieldValidator.validate(manifest, request.fields());
        } catch (InvalidFields e) {
            fieldErrors.addAll(e.errors());
            fields = Map.of();
        }
        errors.addAll(fieldErrors);
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        LocalDate today = LocalDate.now(clock);
        String counsellorName = directory.user(caller.organisationId(), owner.counsellorId()).map(u -> u.displayName()).orElse("");
        RenderContext context = new RenderContext(language, organisation.name(), owner.participant().name(),
                owner.participant().birthDate(), owner.programme(), owner.startDate(), counsellorName, today, fields);
        String xhtml = filler.fill(template, context);
        String text = XhtmlText.of(xhtml, manifest.id());
        byte[] pdf = renderer.render(xhtml, manifest.id());

        Document draft = new Document(UUID.randomUUID().toString(), caller.organisationId(), caseId, manifest.documentType(),
                manifest.id(), manifest.version(), language, accessLevel, Document.STATUS_DRAFT, today, caller.userId(),
                Instant.now(clock).toString(), List.of());
        Document stored = archive.create(draft, pdf, PDF, "generated from template " + manifest.id() + " v" + manifest.version(),
                connection -> audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "document-created")
                        .on("document", draft.id()).withDetail(manifest.documentType())));
        try {
            index.index(indexed(stored, owner, counsellorName, text));
        } catch (StorageFailure e) {
            // The document is safely archived; the index is derived and is caught up at the next start.
            LOG.error("Document {} was archived but could not be indexed", stored.id(), e);
        }
        return view(stored, owner);
    }

    /** Metadata, versions and retention of a document; an audited read. */
    public DocumentView get(Caller caller, String documentId) {
        Visible visible = visible(caller, documentId);
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-read").on("document", documentId));
        return view(visible.document(), visible.owner());
    }

    /** The PDF of one version (the latest when {@code version} is null); an audited download. */
    public byte[] content(Caller caller, String documentId, Integer version) {
        Visible visible = visible(caller, documentId);
        int wanted = version == null ? visible.document().latest().version() : version;
        byte[] bytes = archive.content(caller.organisationId(), documentId, wanted);
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "document-downloaded")
                .on("document", documentId).withDetail("version " + wanted));
        return bytes;
    }

    /** The documents of a case the caller may see. */
    public List<DocumentView> listForCase(Caller caller, String caseId) {
        Case owner = cases.visible(caller, caseId);
        return archive.listByCase(caller.organisationId(), caseId).stream()
                .filter(document -> document.accessLevel() <= caller.role().highestLevel())
                .map(document -> view(document, owner))
                .toList();
    }

    /** The document if the caller may see it (without auditing), for services that audit their own use. */
    public Visible visible(Caller caller, String documentId) {
        Document document = archive.find(caller.organisationId(), documentId)
                .orElseThrow(() -> new NotFound("Document " + documentId));
        if (document.accessLevel() > caller.role().highestLevel()) {
            throw new NotFound("Document " + documentId);
        }
        Case owner = cases.find(caller.organisationId(), document.caseId()).orElseThrow(() -> new NotFound("Document " + documentId));
        if (caller.role() == Role.COUNSELLOR && !owner.counsellorId().equals(caller.userId())) {
            throw new NotFound("Document " + documentId);
        }
        return new Visible(document, owner);
    }

    /** A document the caller may see, with its case. */
    public record Visible(Document document, Case owner) {
    }

    /** What the index needs about a document; shared by generation and reindexing. */
    public static IndexedDocument indexed(Document document, Case owner, String counsellorName, String text) {
        return new IndexedDocument(document.id(), document.organisationId(), document.caseId(), owner.counsellorId(),
                document.accessLevel(), document.language(), document.documentType(), owner.programme(), document.status(),
                document.documentDate().getYear(), owner.participant().name() + "\n" + counsellorName, text);
    }

    private DocumentView view(Document document, Case owner) {
        String title = catalogue.find(document.templateId()).map(t -> t.manifest().title(document.language()))
                .orElse(document.documentType());
        return new DocumentView(document, title, retention.status(document, owner));
    }
}
