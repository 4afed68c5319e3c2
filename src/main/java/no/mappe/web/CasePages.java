package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.AuditTrail;
import no.mappe.archive.CaseOverviews;
import no.mappe.archive.DocumentService;
import no.mappe.archive.DocumentView;
import no.mappe.archive.NewDocument;
import no.mappe.archive.Uploads;
import no.mappe.cases.Case;
import no.mappe.cases.CaseService;
import no.mappe.cases.Programme;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Role;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateManifest;

/** The counsellor's pages: my cases with what is due, a case, and a new document from a template. */
final class CasePages {

    private static final int CASES_PER_PAGE = 50;

    private final CaseService cases;
    private final DocumentService documents;
    private final Directory directory;
    private final Uploads uploads;
    private final CaseOverviews overviews;
    private final AuditTrail trails;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    CasePages(CaseService cases, DocumentService documents, Directory directory, Uploads uploads, CaseOverviews overviews,
              AuditTrail trails, TemplateCatalogue catalogue, PageRenderer pages) {
        this.cases = cases;
        this.documents = documents;
        this.directory = directory;
        this.uploads = uploads;
        this.overviews = overviews;
        this.trails = trails;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    void home(Context ctx) {
        ctx.redirect("/cases", HttpStatus.SEE_OTHER);
    }

    void list(Context ctx) {
        Caller caller = Requests.caller(ctx);
        LocalDate today = LocalDate.now();
        int offset = Requests.intQuery(ctx, "from", 0, 1_000_000);
        CaseOverviews.Page page = overviews.page(caller, offset, CASES_PER_PAGE);
        List<Map<String, Object>> rows = page.cases().stream().map(overview -> Map.<String, Object>of(
                "case", overview.owner(),
                "programme", Programme.displayName(overview.owner().programme(), pages.language(ctx)),
                "deadlines", overview.deadlines(),
                "next", overview.deadlines().isEmpty() ? Map.of() : deadline(overview.deadlines().get(0), today),
                "documents", overview.documents())).toList();
        pages.render(ctx, "cases", Map.of("cases", rows, "today", today.toString(), "total", page.total(),
                "previous", offset > 0 ? Math.max(0, offset - CASES_PER_PAGE) : -1,
                "next", offset + CASES_PER_PAGE < page.total() ? offset + CASES_PER_PAGE : -1));
    }

    void show(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.get(caller, ctx.pathParam("caseId"));
        List<DocumentView> views = documents.listForCase(caller, found.id());
        LocalDate today = LocalDate.now();
        Map<String, Object> model = new HashMap<>();
        model.put("counsellors", directory.users(caller.organisationId()).stream()
                .filter(user -> user.role() != Role.OFFICE)
                .map(user -> Map.of("id", user.id(), "name", user.displayName(), "current", user.id().equals(found.counsellorId())))
                .toList());
        model.putAll(Map.of("case", found, "holdError", "1".equals(ctx.queryParam("holdError")),
                "programme", Programme.displayName(found.programme(), pages.language(ctx)),
                "documents", views,
                "deadlines", overviews.of(caller, found).deadlines().stream().map(d -> deadline(d, today)).toList(),
                "templates", catalogue.all(caller.organisationId()).stream().map(TemplateCatalogue.Template::manifest)
                        .filter(m -> m.accessLevel() <= caller.role().highestLevel())
                        .map(m -> Map.of("id", m.id(), "title", m.title(pages.language(ctx)))).toList()));
        pages.render(ctx, "case", model);
    }

    /** Gives the case to another counsellor (leader); access and search follow at once. */
    void reassign(Context ctx) {
        String caseId = ctx.pathParam("caseId");
        documents.reassign(Requests.caller(ctx), caseId, ctx.formParam("counsellor"));
        pages.redirect(ctx, "/cases/" + caseId, Flash.COUNSELLOR_CHANGED);
    }

    /** Who did what with the case and its documents, and when (leader). */
    void audit(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        pages.render(ctx, "audit", Map.of("case", found, "entries", trails.of(caller, found.id())));
    }

    /** Attaches an external file (a letter from NAV, a scan, an e-mail) to the case. */
    void upload(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String caseId = ctx.pathParam("caseId");
        io.javalin.http.UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) {
            throw new no.mappe.errors.BadRequest("Choose the file to attach first");
        }
        try (java.io.InputStream in = file.content()) {
            var uploaded = uploads.upload(caller, caseId, in.readAllBytes(), file.contentType(), ctx.formParam("type"), null);
            pages.redirect(ctx, "/documents/" + uploaded.document().id(), Flash.UPLOADED);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void newDocument(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        renderForm(ctx, found, manifest(ctx), Map.of(), Map.of());
    }

    /** Creates the document, or shows the form again with a message next to each field that was wrong. */
    void create(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        TemplateManifest manifest = manifest(ctx);
        Map<String, Object> fields = DocumentForm.fields(manifest, ctx);
        String language = manifest.languages().contains(pages.language(ctx)) ? pages.language(ctx) : manifest.languages().get(0);
        NewDocument request = new NewDocument(manifest.id(), language, fields, null);
        try {
            if ("preview".equals(ctx.formParam("action"))) {
                ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"preview.pdf\"")
                        .result(documents.preview(caller, found.id(), request));
                return;
            }
            DocumentView created = documents.generate(caller, found.id(), request);
            pages.redirect(ctx, "/documents/" + created.document().id(), Flash.DOCUMENT_CREATED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            renderForm(ctx, found, manifest, fields, DocumentForm.errors(invalid, pages.language(ctx)));
        }
    }

    private void renderForm(Context ctx, Case found, TemplateManifest manifest, Map<String, Object> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("case", found);
        model.put("template", Map.of("id", manifest.id(), "title", manifest.title(pages.language(ctx))));
        model.put("fields", DocumentForm.view(manifest, pages.language(ctx), values, errors));
        model.put("errorCount", errors.size());
        model.put("generalError", errors.getOrDefault("", ""));
        pages.render(ctx, "new-document", model);
    }

    private TemplateManifest manifest(Context ctx) {
        return catalogue.find(Requests.caller(ctx).organisationId(), ctx.pathParam("templateId")).map(TemplateCatalogue.Template::manifest)
                .orElseThrow(() -> new NotFound("Template " + ctx.pathParam("templateId")));
    }

    static Map<String, Object> deadline(no.mappe.cases.Deadlines.Deadline deadline, LocalDate today) {
        Map<String, Object> view = new HashMap<>();
        view.put("kind", deadline.kind());
        view.put("due", deadline.due() == null ? "" : deadline.due().toString());
        view.put("overdue", deadline.overdue(today));
        view.put("documentId", deadline.documentId() == null ? "" : deadline.documentId());
        return view;
    }
}
