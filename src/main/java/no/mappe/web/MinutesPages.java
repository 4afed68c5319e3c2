package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.DocumentView;
import no.mappe.archive.NewDocument;
import no.mappe.errors.InvalidFields;
import no.mappe.minutes.MinutesBook;
import no.mappe.minutes.MinutesCheck;
import no.mappe.security.Caller;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateManifest;

/**
 * The minutes book in the pages: the minutes the reader may see, newest meeting first, and the
 * minutes form (the template's own form, with who may read them), checked for names and birth
 * numbers on save. Everyone reads and writes here at their level.
 */
final class MinutesPages {

    private final MinutesBook book;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    MinutesPages(MinutesBook book, TemplateCatalogue catalogue, PageRenderer pages) {
        this.book = book;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    /** {@code GET /minutes}. */
    void list(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        FieldSpec meetingType = manifest(caller).fields().stream().filter(field -> field.name().equals("meetingType")).findFirst()
                .orElseThrow();
        List<Map<String, Object>> rows = book.list(caller).stream().map(entry -> Map.<String, Object>of(
                "id", entry.document().document().id(),
                "meeting", entry.meetingType().isEmpty() ? entry.document().title()
                        : meetingType.optionLabel(entry.meetingType(), language),
                "date", entry.meetingDate(),
                "level", entry.document().document().accessLevel())).toList();
        pages.render(ctx, "minutes", Map.of("minutes", rows));
    }

    /** {@code GET /minutes/new}: the empty form. */
    void newMinutes(Context ctx) {
        renderForm(ctx, Map.of(), Map.of(), null);
    }

    /** {@code POST /minutes/new}: saves, previews, or shows the form again with each name or birth number marked. */
    void write(Context ctx) {
        Caller caller = Requests.caller(ctx);
        TemplateManifest manifest = manifest(caller);
        Map<String, Object> fields = DocumentForm.fields(manifest, ctx);
        Integer level = Requests.intForm(ctx, "accessLevel");
        String language = manifest.languages().contains(pages.language(ctx)) ? pages.language(ctx) : manifest.languages().get(0);
        NewDocument request = new NewDocument(MinutesCheck.TEMPLATE, language, fields, level, DocumentForm.namesConfirmed(ctx));
        try {
            if ("preview".equals(ctx.formParam("action"))) {
                ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"preview.pdf\"")
                        .result(book.preview(caller, request));
                return;
            }
            DocumentView created = book.write(caller, request);
            pages.redirect(ctx, "/documents/" + created.document().id(), Flash.MINUTES_SAVED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            renderForm(ctx, fields, DocumentForm.errors(invalid, pages.language(ctx), manifest), level);
        }
    }

    private void renderForm(Context ctx, Map<String, Object> values, Map<String, String> errors, Integer level) {
        Caller caller = Requests.caller(ctx);
        TemplateManifest manifest = manifest(caller);
        String language = pages.language(ctx);
        Map<String, Object> model = new HashMap<>(DocumentForm.formModel(manifest, language, values, errors,
                DocumentForm.namesConfirmed(ctx), java.time.LocalDate.now(pages.zone(ctx))));
        model.put("case", book.book(caller));
        model.put("formAction", "/minutes/new");
        model.put("backLink", "/minutes");
        model.put("intro", PageRenderer.text(language, "minutes.form.intro"));
        int chosen = level == null ? manifest.accessLevel() : level;
        // level 1 for all-staff meetings and the working environment committee, 2 for the rest; never above one's own
        model.put("levels", List.of(1, 2).stream().filter(value -> value <= caller.role().highestLevel())
                .map(value -> Map.of("value", value, "label", PageRenderer.text(language, "minutes.level." + value),
                        "checked", value == chosen)).toList());
        pages.render(ctx, "new-document", model);
    }

    private TemplateManifest manifest(Caller caller) {
        return catalogue.find(caller.organisationId(), MinutesCheck.TEMPLATE).map(TemplateCatalogue.Template::manifest)
                .orElseThrow(() -> new no.mappe.errors.NotFound("The minutes template"));
    }
}
