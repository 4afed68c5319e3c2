package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.Document;
import no.mappe.archive.DocumentService;
import no.mappe.archive.NewDocument;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotFound;
import no.mappe.security.Caller;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateManifest;

/**
 * A draft before anyone signs it: edited in the same form it was made with (a new version of the
 * same document), or deleted after a confirmation page that names the document and the participant.
 */
final class DraftPages {

    private static final String CONFIRMED = "yes";

    private final DocumentService documents;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    DraftPages(DocumentService documents, TemplateCatalogue catalogue, PageRenderer pages) {
        this.documents = documents;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    /** {@code GET /documents/{documentId}/edit}: the new-document form, filled with the latest version's values. */
    void editForm(Context ctx) {
        Caller caller = Requests.caller(ctx);
        DocumentService.Visible visible = documents.visible(caller, ctx.pathParam("documentId"));
        Document document = visible.document();
        if (!Document.STATUS_DRAFT.equals(document.status())) {
            throw new Conflict("Only a draft nobody has signed can be edited");
        }
        renderForm(ctx, visible, documents.draftFields(caller, document.id(), null), Map.of(), document.latest().version());
    }

    /** Saves the edit as a new version, or previews it; mistakes and a save in between are shown in the form. */
    void edit(Context ctx) {
        Caller caller = Requests.caller(ctx);
        DocumentService.Visible visible = documents.visible(caller, ctx.pathParam("documentId"));
        Document document = visible.document();
        TemplateManifest manifest = manifest(document);
        Map<String, Object> fields = DocumentForm.fields(manifest, ctx);
        Integer basedOn = Requests.intForm(ctx, "version");
        NewDocument request = new NewDocument(document.templateId(), document.language(), fields, null, DocumentForm.namesConfirmed(ctx));
        try {
            if ("preview".equals(ctx.formParam("action"))) {
                ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"preview.pdf\"")
                        .result(documents.preview(caller, document.caseId(), request));
                return;
            }
            documents.revise(caller, document.id(), request, basedOn);
            pages.redirect(ctx, "/documents/" + document.id(), Flash.DOCS_DRAFT_SAVED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            renderForm(ctx, visible, fields, DocumentForm.errors(invalid, pages.language(ctx)), basedOn);
        } catch (Conflict conflict) {
            ctx.status(409);
            renderForm(ctx, visible, fields, Map.of("", PageRenderer.text(pages.language(ctx), "docs.edit.conflict")), basedOn);
        }
    }

    /** {@code /documents/{documentId}/delete}: the confirmation page first; only its POST with confirm=yes deletes. */
    void delete(Context ctx) {
        Caller caller = Requests.caller(ctx);
        DocumentService.Visible visible = documents.visible(caller, ctx.pathParam("documentId"));
        Document document = visible.document();
        if (!CONFIRMED.equals(ctx.formParam("confirm"))) {
            confirmDelete(ctx, caller, visible);
            return;
        }
        documents.deleteDraft(caller, document.id());
        pages.redirect(ctx, "/cases/" + document.caseId(), Flash.DOCS_DRAFT_DELETED);
    }

    private void confirmDelete(Context ctx, Caller caller, DocumentService.Visible visible) {
        String language = pages.language(ctx);
        Document document = visible.document();
        if (!Document.STATUS_DRAFT.equals(document.status())) {
            throw new Conflict("Only a draft nobody has signed can be deleted");
        }
        String title = documents.title(document);
        Map<String, Object> model = new HashMap<>();
        model.put("heading", PageRenderer.text(language, "docs.delete.title", title));
        model.put("lead", PageRenderer.text(language, "docs.delete.lead", title, visible.owner().participant().name()));
        model.put("warning", PageRenderer.text(language, "confirm.cannotUndo"));
        model.put("affected", documents.affected(caller, List.of(document.id()), language));
        model.put("button", PageRenderer.text(language, "docs.delete.button"));
        model.put("action", "/documents/" + document.id() + "/delete");
        model.put("fields", Map.of());
        model.put("back", "/documents/" + document.id());
        model.put("path", "/documents/" + document.id());
        pages.render(ctx, "confirm", model);
    }

    private void renderForm(Context ctx, DocumentService.Visible visible, Map<String, Object> values, Map<String, String> errors,
                            Integer basedOn) {
        Document document = visible.document();
        TemplateManifest manifest = manifest(document);
        String language = pages.language(ctx);
        Map<String, Object> model = new HashMap<>(DocumentForm.formModel(manifest, language, values, errors,
                DocumentForm.namesConfirmed(ctx), java.time.LocalDate.now(pages.zone(ctx))));
        model.put("case", visible.owner());
        model.put("editing", Map.of("documentId", document.id(), "version", basedOn == null ? "" : String.valueOf(basedOn),
                "heading", PageRenderer.text(language, "docs.edit.heading", documents.title(document),
                        visible.owner().participant().name())));
        pages.render(ctx, "new-document", model);
    }

    private TemplateManifest manifest(Document document) {
        return catalogue.find(document.organisationId(), document.templateId()).map(TemplateCatalogue.Template::manifest)
                .orElseThrow(() -> new NotFound("This document was not made from a template, so it has no form to edit"));
    }
}
