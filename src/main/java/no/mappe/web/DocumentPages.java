package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.archive.DocumentView;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;
import no.mappe.security.Caller;
import no.mappe.signing.SignatureService;
import no.mappe.signing.SigningStatus;
import no.mappe.templates.TemplateCatalogue;

/** A document: its versions and signatures, signing on a pad, a scanned signed copy, the participant's comments. */
final class DocumentPages {

    private static final long MAX_SCAN_BYTES = 50L * 1024 * 1024;

    private final DocumentService documents;
    private final SignatureService signatures;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    DocumentPages(DocumentService documents, SignatureService signatures, TemplateCatalogue catalogue, PageRenderer pages) {
        this.documents = documents;
        this.signatures = signatures;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    void show(Context ctx) {
        render(ctx, Map.of());
    }

    void signForm(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        DocumentView view = documents.get(caller, documentId);
        SigningStatus status = signatures.status(caller, documentId);
        String signer = ctx.queryParam("signer");
        if (signer == null || !status.missing().contains(signer)) {
            throw new BadRequest("Choose one of the signers still missing: " + status.missing());
        }
        renderSign(ctx, view, status, signer, Map.of());
    }

    /**
     * The signature page: what is signed (title, participant, the text of the version, a link to its
     * PDF) and who signs (each signer's role and name, and who has signed), then the pad.
     */
    private void renderSign(Context ctx, DocumentView view, SigningStatus status, String signer, Map<String, Object> extra) {
        DocumentService.SigningView signing = documents.signingView(Requests.caller(ctx), view.document().id(), status.version());
        java.util.List<Map<String, Object>> signers = new java.util.ArrayList<>();
        for (String role : status.required()) {
            var signed = status.signed().stream().filter(s -> s.signerRole().equals(role)).findFirst();
            String expected = "participant".equals(role) ? signing.participantName()
                    : "counsellor".equals(role) ? signing.counsellorName() : "";
            String name = signed.map(no.mappe.signing.Signature::signerName).filter(n -> n != null && !n.isBlank()).orElse(expected);
            signers.add(Map.of("label", signerLabel(view, role, ctx), "name", name, "signed", signed.isPresent(),
                    "signedAt", signed.map(no.mappe.signing.Signature::signedAt).orElse(""), "now", role.equals(signer)));
        }
        Map<String, Object> model = new HashMap<>(extra);
        model.put("document", view);
        model.put("signer", signer);
        model.put("signerLabel", signerLabel(view, signer, ctx));
        model.put("participant", signing.participantName());
        model.put("paragraphs", signing.text().map(text -> java.util.List.of(text.split("\n"))).orElse(java.util.List.of()));
        model.put("version", status.version());
        model.put("signers", signers);
        pages.render(ctx, "sign", model);
    }

    void sign(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        String image = ctx.formParam("image");
        try {
            SigningStatus signed = signatures.sign(caller, documentId,
                    new SignatureService.DrawnSignature(ctx.formParam("signer"), image, Requests.intForm(ctx, "version")));
            afterSigning(ctx, caller, documentId, signed, Flash.DOCUMENT_SIGNED);
        } catch (InvalidFields invalid) {
            ctx.status(422);
            DocumentView view = documents.get(caller, documentId);
            String signer = ctx.formParam("signer") == null ? "" : ctx.formParam("signer");
            renderSign(ctx, view, signatures.status(caller, documentId), signer,
                    Map.of("error", PageRenderer.text(pages.language(ctx), "sign.error")));
        } catch (no.mappe.errors.Conflict conflict) {
            // an edit was saved while the page was open: show the new version to read and sign, not an error page
            SigningStatus now = signatures.status(caller, documentId);
            String signer = ctx.formParam("signer");
            Integer shown = Requests.intForm(ctx, "version");
            if (shown == null || now.version() == shown || signer == null || !now.missing().contains(signer)) {
                throw conflict;
            }
            ctx.status(409);
            renderSign(ctx, documents.get(caller, documentId), now, signer,
                    Map.of("error", PageRenderer.text(pages.language(ctx), "sign.changed")));
        }
    }

    void scan(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        UploadedFile file = ctx.uploadedFile("scan");
        if (file == null || file.size() == 0 || file.size() > MAX_SCAN_BYTES) {
            render(ctx.status(422), Map.of("scanError", PageRenderer.text(pages.language(ctx), "document.scan.missing")));
            return;
        }
        try (InputStream in = file.content()) {
            SigningStatus signed = signatures.uploadScan(caller, documentId, in.readAllBytes(), file.contentType());
            afterSigning(ctx, caller, documentId, signed, Flash.SCAN_SAVED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidFields e) {
            render(ctx.status(422), Map.of("scanError", PageRenderer.text(pages.language(ctx), "document.scan.unreadable")));
        }
    }

    /**
     * Back to the document, or, when the signature sealed a document above the caller's level (it went
     * to the leader's cabinet), to its case, which now shows only that it exists and is signed.
     */
    private void afterSigning(Context ctx, Caller caller, String documentId, SigningStatus signed, Flash success) {
        java.util.Optional<DocumentService.Visible> still = documents.visibleIfAllowed(caller, documentId);
        if (still.isPresent()) {
            pages.redirect(ctx, "/documents/" + documentId, success);
        } else {
            String caseId = documents.caseOf(caller, documentId);
            pages.redirect(ctx, "/cases/" + caseId + "#documents-heading", Flash.RECORDS_SIGNED_AWAY);
        }
    }

    /** Moves the document to another access level, up to the caller's own. */
    void changeAccessLevel(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        Integer level = Requests.intForm(ctx, "accessLevel");
        documents.changeAccessLevel(caller, documentId, level);
        boolean stillVisible = level != null && level <= caller.role().highestLevel();
        pages.redirect(ctx, stillVisible ? "/documents/" + documentId : "/cases", Flash.ACCESS_LEVEL_CHANGED);
    }

    void addendum(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        try {
            signatures.addAddendum(caller, documentId, new SignatureService.NewAddendum(ctx.formParam("text")));
            pages.redirect(ctx, "/documents/" + documentId, Flash.ADDENDUM_SAVED);
        } catch (InvalidFields invalid) {
            render(ctx.status(422), Map.of("addendumError", DocumentForm.translate(invalid.errors().get(0).message(),
                    pages.language(ctx))));
        }
    }

    private void render(Context ctx, Map<String, Object> extra) {
        Caller caller = Requests.caller(ctx);
        String documentId = ctx.pathParam("documentId");
        DocumentView view = documents.get(caller, documentId);
        Map<String, Object> model = new HashMap<>(extra);
        model.put("document", view);
        model.put("participant", documents.participantName(caller, view.document().caseId()).orElse(""));
        model.put("signing", signatures.status(caller, documentId));
        model.put("signerLabels", signerLabels(view, ctx));
        model.put("finalReport", "final-report".equals(view.document().documentType()));
        model.put("reviewable", caller.isLeader() && "review".equals(view.retention().action()));
        model.put("levels", java.util.stream.IntStream.rangeClosed(1, caller.role().highestLevel()).boxed().toList());
        model.put("canChangeLevel", caller.role().worksCases()
                && view.document().accessLevel() <= caller.role().highestLevel());
        model.put("reviewError", "1".equals(ctx.queryParam("reviewError")));
        model.put("writable", caller.role().worksCases() && !"signed".equals(view.document().status()));
        // docs slice: a draft nobody has signed can be edited, shared as a marked draft and deleted
        model.put("unsignedDraft", caller.role().worksCases() && DocumentForm.isDraft(view.document().status()));
        // docs slice: where it was sent and when it was received; the options in the document's country's terms
        boolean danish = "da".equals(view.document().language());
        model.put("today", java.time.LocalDate.now().toString());
        model.put("recipients", danish ? java.util.List.of("jobcentre", "participant", "other")
                : java.util.List.of("nav", "participant", "other"));
        model.put("methods", danish ? java.util.List.of("digital-post", "post", "email", "by-hand")
                : java.util.List.of("nav-system", "post", "digital-post", "email", "by-hand"));
        model.put("sentError", code(ctx.queryParam("sentError")));
        model.put("receivedError", code(ctx.queryParam("receivedError")));
        model.put("receivedFor", ctx.queryParam("dispatch"));
        pages.render(ctx, "document", model);
    }

    /** A mistake's code from the address, if it is one the page has words for. */
    private static String code(String given) {
        return given != null && given.matches("(sentOn|receivedOn)-(future|early|missing|date)|recipient-choice|method-choice|twice")
                ? given : null;
    }

    private Map<String, String> signerLabels(DocumentView view, Context ctx) {
        Map<String, String> labels = new HashMap<>();
        for (String role : java.util.List.of("participant", "counsellor", "leader")) {
            labels.put(role, signerLabel(view, role, ctx));
        }
        return labels;
    }

    private String signerLabel(DocumentView view, String role, Context ctx) {
        return catalogue.find(view.document().organisationId(), view.document().templateId())
                .map(t -> t.manifest().signerLabel(role, pages.language(ctx))).orElse(role);
    }
}
