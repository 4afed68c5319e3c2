package no.mappe.web;

import io.javalin.http.Context;
import no.mappe.archive.DocumentService;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.signing.SignatureService;
import no.mappe.templates.DocxRenderer;

/** One document: its record and its PDFs. */
final class DocumentController {

    private static final ObjectMapper MAPPER = Json.mapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DocumentService documents;
    private final SignatureService signatures;

    DocumentController(DocumentService documents, SignatureService signatures) {
        this.documents = documents;
        this.signatures = signatures;
    }

    /** The document with its versions, retention and signing status. */
    void get(Context ctx) {
        String documentId = ctx.pathParam("documentId");
        var caller = Requests.caller(ctx);
        Map<String, Object> body = new LinkedHashMap<>(MAPPER.convertValue(documents.get(caller, documentId), MAP));
        body.put("signing", signatures.status(caller, documentId));
        ctx.json(body);
    }

    /** docs slice: a new version of a draft from the same JSON as generation; {@code version} names the version edited. */
    void revise(Context ctx) {
        DraftEdit edit = Requests.body(ctx, DraftEdit.class);
        ctx.status(201).json(documents.revise(Requests.caller(ctx), ctx.pathParam("documentId"),
                new no.mappe.archive.NewDocument(edit.template(), edit.language(), edit.fields(), edit.accessLevel(),
                        edit.confirmNameLike()), edit.version()));
    }

    record DraftEdit(String template, String language, Map<String, Object> fields, Integer accessLevel, Integer version,
                     Boolean confirmNameLike) {
    }

    /** docs slice: deletes a draft nobody has signed; 409 once anyone has. */
    void deleteDraft(Context ctx) {
        documents.deleteDraft(Requests.caller(ctx), ctx.pathParam("documentId"));
        ctx.status(204);
    }

        /** docs slice: the draft marked UTKAST/UDKAST on every page, for the participant before the meeting. */
    void draftPdf(Context ctx) {
        String documentId = ctx.pathParam("documentId");
        byte[] pdf = documents.draftCopy(Requests.caller(ctx), documentId);
        ctx.contentType(DocumentService.PDF)
                .header("Content-Disposition", "attachment; filename=\"mappe-" + documentId + "-draft.pdf\"")
                .header("X-Content-Type-Options", "nosniff")
                .result(pdf);
    }

        void signatures(Context ctx) {
        ctx.json(signatures.status(Requests.caller(ctx), ctx.pathParam("documentId")));
    }

    void sign(Context ctx) {
        var request = Requests.body(ctx, SignatureService.DrawnSignature.class);
        ctx.status(201).json(signatures.sign(Requests.caller(ctx), ctx.pathParam("documentId"), request));
    }

    void addAddendum(Context ctx) {
        var request = Requests.body(ctx, SignatureService.NewAddendum.class);
        ctx.status(201).json(signatures.addAddendum(Requests.caller(ctx), ctx.pathParam("documentId"), request));
    }

    /** The body is the scanned file itself, with its Content-Type (application/pdf, image/jpeg, image/png, image/tiff). */
    void uploadScan(Context ctx) {
        ctx.status(201).json(signatures.uploadScan(Requests.caller(ctx), ctx.pathParam("documentId"), ctx.bodyAsBytes(),
                ctx.contentType()));
    }

    void verify(Context ctx) {
        ctx.json(signatures.verify(Requests.caller(ctx), ctx.pathParam("documentId")));
    }

    /** Stored versions never change: always 409, audited when the version is signed. */
    void changeVersion(Context ctx) {
        signatures.refuseChange(Requests.caller(ctx), ctx.pathParam("documentId"), version(ctx.pathParam("version")));
    }

    void latestPdf(Context ctx) {
        pdf(ctx, null);
    }

    void versionPdf(Context ctx) {
        pdf(ctx, version(ctx.pathParam("version")));
    }

    void changeAccessLevel(Context ctx) {
        AccessLevelChange change = Requests.body(ctx, AccessLevelChange.class);
        ctx.json(documents.changeAccessLevel(Requests.caller(ctx), ctx.pathParam("documentId"), change.accessLevel()));
    }

    record AccessLevelChange(Integer accessLevel) {
    }

    void latestContent(Context ctx) {
        content(ctx, null);
    }

    void versionContent(Context ctx) {
        content(ctx, version(ctx.pathParam("version")));
    }

    /** The stored bytes as archived; always downloaded, never shown inline, so nothing in them runs in a browser. */
    private void content(Context ctx, Integer version) {
        String documentId = ctx.pathParam("documentId");
        DocumentService.Content content = documents.file(Requests.caller(ctx), documentId, version);
        ctx.contentType(content.mediaType())
                .header("Content-Disposition", "attachment; filename=\"mappe-" + documentId + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .result(content.bytes());
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
