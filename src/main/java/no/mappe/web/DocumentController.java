package no.mappe.web;

import io.javalin.http.Context;
import no.mappe.archive.DocumentService;
import no.mappe.errors.BadRequest;
import no.mappe.templates.DocxRenderer;

/** One document: its record and its PDFs. */
final class DocumentController {

    private final DocumentService documents;

    DocumentController(DocumentService documents) {
        this.documents = documents;
    }

    void get(Context ctx) {
        ctx.json(documents.get(Requests.caller(ctx), ctx.pathParam("documentId")));
    }

    void latestPdf(Context ctx) {
        pdf(ctx, null);
    }

    void versionPdf(Context ctx) {
        pdf(ctx, version(ctx.pathParam("version")));
    }

    void latestDocx(Context ctx) {
        docx(ctx, null);
    }

    void versionDocx(Context ctx) {
        docx(ctx, version(ctx.pathParam("version")));
    }

    private void docx(Context ctx, Integer version) {
        String documentId = ctx.pathParam("documentId");
        byte[] docx = documents.docx(Requests.caller(ctx), documentId, version);
        ctx.contentType(DocxRenderer.MEDIA_TYPE)
                .header("Content-Disposition", "attachment; filename=\"mappe-" + documentId + ".docx\"")
                .result(docx);
    }

    private void pdf(Context ctx, Integer version) {
        String documentId = ctx.pathParam("documentId");
        byte[] pdf = documents.content(Requests.caller(ctx), documentId, version);
        // The file name carries ids only, never a participant's name.
        ctx.contentType(DocumentService.PDF)
                .header("Content-Disposition", "attachment; filename=\"mappe-" + documentId + ".pdf\"")
                .header("X-Content-Type-Options", "nosniff")
                .result(pdf);
    }

    private static int version(String text) {
        try {
            int version = Integer.parseInt(text);
            if (version < 1) {
                throw new BadRequest("Version numbers start at 1");
            }
            return version;
        } catch (NumberFormatException e) {
            throw new BadRequest("The version must be a whole number");
        }
    }
}
