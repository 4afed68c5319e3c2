package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.Map;
import no.mappe.archive.AccessRequestExport;
import no.mappe.archive.AuditTrail;
import no.mappe.archive.DocumentService;
import no.mappe.archive.Uploads;
import no.mappe.archive.NewDocument;
import no.mappe.cases.Case;
import no.mappe.cases.CaseChange;
import no.mappe.cases.CaseService;
import no.mappe.security.Caller;
import no.mappe.cases.NewCase;

/** Cases, their lifecycle events and the documents made in them. */
final class CaseController {

    private final CaseService cases;
    private final DocumentService documents;
    private final AccessRequestExport exports;
    private final Uploads uploads;
    private final AuditTrail trails;

    CaseController(CaseService cases, DocumentService documents, AccessRequestExport exports, Uploads uploads, AuditTrail trails) {
        this.cases = cases;
        this.documents = documents;
        this.exports = exports;
        this.uploads = uploads;
        this.trails = trails;
    }

    /** {@code POST /api/cases/{caseId}/uploads?type=&accessLevel=}: the body is the file, with its Content-Type. */
    void upload(Context ctx) {
        var uploaded = uploads.upload(Requests.caller(ctx), ctx.pathParam("caseId"), ctx.bodyAsBytes(), ctx.contentType(),
                ctx.queryParam("type"), Requests.intQuery(ctx, "accessLevel", null, 4));
        ctx.status(201).header("Location", "/api/documents/" + uploaded.document().id()).json(uploaded);
    }

    /** Innsyn: everything kept about the participant as one ZIP (leader); the file name carries the case id only. */
    void export(Context ctx) {
        String caseId = ctx.pathParam("caseId");
        byte[] zip = exports.export(Requests.caller(ctx), caseId);
        ctx.contentType("application/zip").header("Content-Disposition", "attachment; filename=\"innsyn-" + caseId + ".zip\"")
                .result(zip);
    }

    void list(Context ctx) {
        ctx.json(Map.of("cases", cases.list(Requests.caller(ctx))));
    }

    void open(Context ctx) {
        Case opened = cases.open(Requests.caller(ctx), Requests.body(ctx, NewCase.class));
        ctx.status(201).header("Location", "/api/cases/" + opened.id()).json(opened);
    }

    /** {@code PUT /api/cases/{caseId}}: participant, start date and referral, from the version read (409 if changed since). */
    void update(Context ctx) {
        ctx.json(cases.update(Requests.caller(ctx), ctx.pathParam("caseId"), Requests.body(ctx, CaseChange.class)));
    }

    /** {@code POST /api/cases/{caseId}/transfer}: the participant moves to another programme from a date. */
    void transfer(Context ctx) {
        TransferRequest request = Requests.body(ctx, TransferRequest.class);
        ctx.json(cases.transfer(Requests.caller(ctx), ctx.pathParam("caseId"), request.programme(), request.date(), request.version()));
    }

    void get(Context ctx) {
        ctx.json(cases.get(Requests.caller(ctx), ctx.pathParam("caseId")));
    }

    void recordEvent(Context ctx) {
        NewEvent event = Requests.body(ctx, NewEvent.class);
        ctx.status(201).json(cases.recordEvent(Requests.caller(ctx), ctx.pathParam("caseId"), event.type(), event.date()));
    }

    void events(Context ctx) {
        ctx.json(Map.of("events", cases.events(Requests.caller(ctx), ctx.pathParam("caseId"))));
    }

    void voidEvent(Context ctx) {
        VoidRequest request = Requests.body(ctx, VoidRequest.class);
        ctx.json(cases.voidEvent(Requests.caller(ctx), ctx.pathParam("caseId"), ctx.pathParam("eventId"), request.reason()));
    }

    void documents(Context ctx) {
        Caller caller = Requests.caller(ctx);
        ctx.json(Map.of("documents", documents.listForCase(caller, ctx.pathParam("caseId")),
                "sealedAway", documents.sealedAway(caller, ctx.pathParam("caseId"))));
    }

    /** What a new document of a template starts with in this case (the fields its manifest prefills), and where it came from. */
    void prefill(Context ctx) {
        ctx.json(documents.prefill(Requests.caller(ctx), ctx.pathParam("caseId"), ctx.pathParam("templateId")));
    }

    void generate(Context ctx) {
        if ("true".equals(ctx.queryParam("preview"))) {
            byte[] pdf = documents.preview(Requests.caller(ctx), ctx.pathParam("caseId"), Requests.body(ctx, NewDocument.class));
            ctx.contentType(DocumentService.PDF).header("Content-Disposition", "inline; filename=\"mappe-preview.pdf\"").result(pdf);
            return;
        }
        var created = documents.generate(Requests.caller(ctx), ctx.pathParam("caseId"), Requests.body(ctx, NewDocument.class));
        ctx.status(201).header("Location", "/api/documents/" + created.document().id()).json(created);
    }

    void auditTrail(Context ctx) {
        String caseId = ctx.queryParam("case");
        if (caseId == null || caseId.isBlank()) {
            throw new no.mappe.errors.BadRequest("Name the case: GET /api/audit?case=<caseId>");
        }
        ctx.json(Map.of("entries", trails.of(Requests.caller(ctx), caseId)));
    }

    void reassign(Context ctx) {
        Reassignment request = Requests.body(ctx, Reassignment.class);
        ctx.json(documents.reassign(Requests.caller(ctx), ctx.pathParam("caseId"), request.counsellor()));
    }

    record Reassignment(String counsellor) {
    }

    record NewEvent(String type, LocalDate date) {
    }

    record VoidRequest(String reason) {
    }

    record TransferRequest(String programme, LocalDate date, Integer version) {
    }
}
