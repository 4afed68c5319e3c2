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
import no.mappe.cases.CaseChange;
import no.mappe.cases.CaseEventType;
import no.mappe.cases.CaseService;
import no.mappe.cases.NewCase;
import no.mappe.cases.Programme;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
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
        if (cases.isMinutesBook(Requests.caller(ctx).organisationId(), ctx.pathParam("caseId"))) {
            ctx.redirect("/minutes"); // the minutes book has its own page; links back to a minutes' "case" land there
            return;
        }
        showCase(ctx, Map.of(), Map.of());
    }

    /** The case page; after a refused event, with the mistakes named and what was typed kept. */
    private void showCase(Context ctx, Map<String, String> eventErrors, Map<String, String> eventValues) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.get(caller, ctx.pathParam("caseId"));
        String country = directory.organisation(caller.organisationId()).orElseThrow().country();
        List<DocumentView> views = documents.listForCase(caller, found.id());
        LocalDate today = LocalDate.now();
        Map<String, Object> model = new HashMap<>();
        model.put("counsellors", directory.users(caller.organisationId()).stream()
                .filter(user -> user.role().worksCases())
                .map(user -> Map.of("id", user.id(), "name", user.displayName(), "current", user.id().equals(found.counsellorId())))
                .toList());
        model.put("mayChange", mayChange(caller, found));
        model.put("referralKind", country);
        model.put("events", cases.events(caller, found.id()).stream().map(event -> {
            Map<String, Object> view = new HashMap<>();
            view.put("id", event.id());
            view.put("label", PageRenderer.text(pages.language(ctx), eventKey(event.type(), country)));
            view.put("date", event.date().toString());
            view.put("voided", event.voided());
            view.put("voidReason", event.voidReason() == null ? "" : event.voidReason());
            view.put("mayVoid", !event.voided() && event.actedOnAt() == null);
            return view;
        }).toList());
        model.put("eventTypes", java.util.Arrays.stream(CaseEventType.values()).map(type -> Map.of("code", type.code(),
                "label", PageRenderer.text(pages.language(ctx), eventKey(type.code(), country)))).toList());
        model.put("eventErrors", eventErrors);
        model.put("eventErrorCount", eventErrors.size());
        model.put("eventValues", eventValues);
        model.put("transfers", found.transfers().stream().map(transfer -> Map.of("date", transfer.date().toString(),
                "from", Programme.displayName(transfer.fromProgramme(), pages.language(ctx)),
                "to", Programme.displayName(transfer.toProgramme(), pages.language(ctx)))).toList());
        model.putAll(Map.of("case", found, "holdError", "1".equals(ctx.queryParam("holdError")),
                "programme", Programme.displayName(found.programme(), pages.language(ctx)),
                "documents", views,
                "sealedAway", documents.sealedAway(caller, found.id()),
                "deadlines", overviews.of(caller, found).deadlines().stream().map(d -> deadline(d, today)).toList(),
                "templates", catalogue.all(caller.organisationId()).stream().map(TemplateCatalogue.Template::manifest)
                        .filter(m -> !"meeting-minutes".equals(m.id())) // the organisation's own minutes, not a participant's
                        .map(m -> Map.of("id", m.id(), "title", m.title(pages.language(ctx)))).toList()));
        pages.render(ctx, "case", model);
    }

    /** Records an event (final report received, case ended, ...) from the case page, with its real date. */
    void recordEvent(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String caseId = ctx.pathParam("caseId");
        String type = ctx.formParam("type");
        String date = ctx.formParam("date") == null ? "" : ctx.formParam("date").strip();
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        try {
            LocalDate parsed = date.isEmpty() ? null : LocalDate.parse(date);
            cases.recordEvent(caller, caseId, type == null || type.isBlank() ? null : type, parsed);
            pages.redirect(ctx, "/cases/" + caseId + "#events-heading", Flash.EVENT_RECORDED);
            return;
        } catch (java.time.format.DateTimeParseException e) {
            errors.put("event-date", PageRenderer.text(pages.language(ctx), "form.error.date"));
        } catch (InvalidFields invalid) {
            invalid.errors().forEach(error -> errors.merge("type".equals(error.field()) ? "event-type" : "event-date",
                    CaseForm.translate(error.message(), pages.language(ctx)), (a, b) -> a + " " + b));
        } catch (Conflict conflict) {
            errors.put("event-type", PageRenderer.text(pages.language(ctx), "caseEvent.error.twice"));
        }
        ctx.status(422);
        showCase(ctx, errors, Map.of("type", type == null ? "" : type, "date", date));
    }

    /** Voids a wrongly recorded event with the reason; the reason is required. */
    void voidEvent(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String caseId = ctx.pathParam("caseId");
        String eventId = ctx.pathParam("eventId");
        try {
            cases.voidEvent(caller, caseId, eventId, ctx.formParam("reason"));
            pages.redirect(ctx, "/cases/" + caseId + "#events-heading", Flash.EVENT_VOIDED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            showCase(ctx, Map.of("reason-" + eventId, PageRenderer.text(pages.language(ctx), "caseEvent.error.reason")), Map.of());
        } catch (Conflict conflict) {
            ctx.status(409);
            showCase(ctx, Map.of("reason-" + eventId, PageRenderer.text(pages.language(ctx), "caseEvent.error.cannotVoid")), Map.of());
        }
    }

    /** The wording of an event type; the final report goes to NAV in Norway and the job centre in Denmark. */
    private static String dayOf(LocalDate date) {
        return date == null ? "" : date.format(no.mappe.text.DisplayDates.DAY);
    }

    private static String eventKey(String type, String country) {
        return CaseEventType.FINAL_REPORT_RECEIVED.code().equals(type) ? "caseEvent." + type + "." + country : "caseEvent." + type;
    }

    /** {@code GET /cases/new}: the form for a new case, on NAV's order or the job centre's referral. */
    void newCase(Context ctx) {
        if (!Requests.caller(ctx).role().worksCases()) {
            throw new NotAllowed("Office staff and ordinary employees cannot open cases");
        }
        renderCaseForm(ctx, null, CaseForm.empty(pages.language(ctx)));
    }

    /** Opens the case and shows it, or shows the form again with each mistake named (summary first, focused). */
    void openCase(Context ctx) {
        Caller caller = Requests.caller(ctx);
        CaseForm form = CaseForm.posted(ctx, pages.language(ctx));
        NewCase request = form.newCase();
        submit(ctx, null, form, () -> cases.open(caller, request), Flash.CASE_SAVED, this::renderCaseForm);
    }

    /** {@code GET /cases/{caseId}/edit}: the same form, filled with the case's values. */
    void editCase(Context ctx) {
        Case found = changeable(ctx);
        renderCaseForm(ctx, found, CaseForm.of(found, pages.language(ctx)));
    }

    /** Saves the edit made from the version shown; someone else's save in between is shown, not overwritten. */
    void saveCase(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = changeable(ctx);
        CaseForm form = CaseForm.posted(ctx, pages.language(ctx));
        CaseChange change = form.change();
        submit(ctx, found, form, () -> cases.update(caller, found.id(), change), Flash.CASE_SAVED, this::renderCaseForm);
    }

    /** {@code GET /cases/{caseId}/transfer}: move the participant to another programme (Primærprosessen §12). */
    void transferForm(Context ctx) {
        Case found = changeable(ctx);
        CaseForm form = CaseForm.of(found, pages.language(ctx));
        renderTransfer(ctx, found, form);
    }

    void transfer(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = changeable(ctx);
        CaseForm form = CaseForm.posted(ctx, pages.language(ctx));
        LocalDate date = form.transferDate();
        submit(ctx, found, form, () -> cases.transfer(caller, found.id(), form.programme(), date, form.version()),
                Flash.CASE_TRANSFERRED, this::renderTransfer);
    }

    /** A page that shows a case form (the case is null for a new one). */
    @FunctionalInterface
    private interface CaseFormView {
        void render(Context ctx, Case found, CaseForm form);
    }

    /**
     * Saves a posted case form when it has no errors and goes to the saved case with its success
     * message; else shows the form again: 422 with each mistake named, or 409 when someone else
     * saved the case in between (what the user typed is kept).
     */
    private void submit(Context ctx, Case found, CaseForm form, java.util.function.Supplier<Case> save, Flash saved,
                        CaseFormView view) {
        if (!form.hasErrors()) {
            try {
                pages.redirect(ctx, "/cases/" + save.get().id(), saved);
                return;
            } catch (InvalidFields invalid) {
                form.reject(invalid);
            } catch (Conflict conflict) {
                ctx.status(409);
                form.reject(PageRenderer.text(pages.language(ctx), "caseForm.error.conflict"));
                view.render(ctx, found, form);
                return;
            }
        }
        ctx.status(422);
        view.render(ctx, found, form);
    }

    /** The case if the caller may change it: the service decides (403 for other roles, 404 outside their view). */
    private Case changeable(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        if (!mayChange(caller, found)) {
            throw new NotAllowed("Only the case's counsellor or the leader can change the case");
        }
        return found;
    }

    private static boolean mayChange(Caller caller, Case found) {
        return caller.role().worksCases() && (caller.isLeader() || found.counsellorId().equals(caller.userId()));
    }

    private void renderCaseForm(Context ctx, Case found, CaseForm form) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        Map<String, Object> model = new HashMap<>(form.model());
        model.put("editing", found != null);
        model.put("currentProgramme", found == null ? "" : Programme.displayName(found.programme(), language));
        model.put("case", found == null ? Map.of() : found);
        model.put("country", directory.organisation(caller.organisationId()).orElseThrow().country());
        model.put("programmes", programmeOptions(caller, language, null));
        model.put("chooseCounsellor", found == null && caller.role() != Role.COUNSELLOR);
        model.put("counsellors", directory.users(caller.organisationId()).stream().filter(user -> user.role().worksCases())
                .map(user -> Map.of("id", user.id(), "name", user.displayName())).toList());
        pages.render(ctx, "case-form", model);
    }

    private void renderTransfer(Context ctx, Case found, CaseForm form) {
        String language = pages.language(ctx);
        Map<String, Object> model = new HashMap<>(form.model());
        model.put("case", found);
        model.put("programme", Programme.displayName(found.programme(), language));
        model.put("programmes", programmeOptions(Requests.caller(ctx), language, found.programme()));
        pages.render(ctx, "case-transfer", model);
    }

    /** The organisation's programmes, named in the page's language (the code is only the option's value). */
    private List<Map<String, String>> programmeOptions(Caller caller, String language, String except) {
        return cases.programmes(caller.organisationId()).stream().filter(code -> !code.equals(except))
                .map(code -> Map.of("code", code, "name", Programme.displayName(code, language))).toList();
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
        // the documents named by title and date, not by id; one that has since been disposed of is named as such
        Map<String, String> documentNames = new HashMap<>();
        documents.listForCase(caller, found.id()).forEach(view -> documentNames.put(view.document().id(),
                view.title() + " " + dayOf(view.document().documentDate())));
        pages.render(ctx, "audit", Map.of("case", found, "entries", trails.of(caller, found.id()), "documentNames", documentNames));
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

    /** The empty form, with the fields the manifest fills from the case's current documents (a progress report's goals from the plan). */
    void newDocument(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        TemplateManifest manifest = manifest(ctx);
        DocumentService.Prefilled prefilled = documents.prefill(caller, found.id(), manifest.id());
        Map<String, Object> model = formModel(ctx, found, manifest, prefilled.fields(), Map.of());
        if (!prefilled.sources().isEmpty()) {
            model.put("intro", prefilledIntro(caller, manifest, prefilled, pages.language(ctx)));
        }
        pages.render(ctx, "new-document", model);
    }

    /** Says which fields were filled from which document ("... hentet fra kvalifiseringsplanen datert 12.03.2026, signert"). */
    private String prefilledIntro(Caller caller, TemplateManifest manifest, DocumentService.Prefilled prefilled, String language) {
        List<String> parts = new java.util.ArrayList<>();
        for (DocumentService.PrefillSource source : prefilled.sources()) {
            String labels = manifest.fields().stream().filter(field -> field.prefill() != null
                            && field.prefill().template().equals(source.templateId()) && prefilled.fields().containsKey(field.name()))
                    .map(field -> field.label().getOrDefault(language, field.name())).collect(java.util.stream.Collectors.joining(", "));
            String title = catalogue.find(caller.organisationId(), source.templateId()).map(t -> t.manifest().title(language))
                    .orElse(source.templateId());
            parts.add(PageRenderer.text(language, no.mappe.archive.Document.STATUS_SIGNED.equals(source.status())
                    ? "form.prefilled.signed" : "form.prefilled.unsigned", labels, title, dayOf(source.documentDate())));
        }
        return String.join(" ", parts) + " " + PageRenderer.text(language, "form.prefilled.check");
    }

    /** Creates the document, or shows the form again with a message next to each field that was wrong. */
    void create(Context ctx) {
        Caller caller = Requests.caller(ctx);
        Case found = cases.visible(caller, ctx.pathParam("caseId"));
        TemplateManifest manifest = manifest(ctx);
        Map<String, Object> fields = DocumentForm.fields(manifest, ctx);
        String language = manifest.languages().contains(pages.language(ctx)) ? pages.language(ctx) : manifest.languages().get(0);
        NewDocument request = new NewDocument(manifest.id(), language, fields, null, DocumentForm.namesConfirmed(ctx));
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
            renderForm(ctx, found, manifest, fields, DocumentForm.errors(invalid, pages.language(ctx), manifest));
        }
    }

    private void renderForm(Context ctx, Case found, TemplateManifest manifest, Map<String, Object> values, Map<String, String> errors) {
        pages.render(ctx, "new-document", formModel(ctx, found, manifest, values, errors));
    }

    private Map<String, Object> formModel(Context ctx, Case found, TemplateManifest manifest, Map<String, Object> values,
                                          Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>(DocumentForm.formModel(manifest, pages.language(ctx), values, errors,
                DocumentForm.namesConfirmed(ctx), java.time.LocalDate.now(pages.zone(ctx))));
        model.put("case", found);
        return model;
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
