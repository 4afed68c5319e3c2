package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.archive.DocumentService;
import no.mappe.errors.InvalidFields;
import no.mappe.retention.Hold;
import no.mappe.retention.HoldService;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.SweepService;
import no.mappe.security.Caller;

/**
 * The leader's retention pages: sweeps, disposal lists to approve, certificates, holds. Whatever
 * destroys or releases (a real sweep, approving a list, "dispose at next sweep", lifting a hold)
 * first shows a page naming what it affects; only the POST from that page, with {@code confirm=yes},
 * acts.
 */
final class RetentionPages {

    private static final String CONFIRMED = "yes";

    private final SweepService sweeps;
    private final HoldService holds;
    private final ReviewDecisions.Decider reviews;
    private final DocumentService documents;
    private final PageRenderer pages;

    RetentionPages(SweepService sweeps, HoldService holds, ReviewDecisions.Decider reviews, DocumentService documents,
                   PageRenderer pages) {
        this.sweeps = sweeps;
        this.holds = holds;
        this.reviews = reviews;
        this.documents = documents;
        this.pages = pages;
    }

    /** The leader's decision on a document due for review: keep until a date, or dispose of it. */
    void review(Context ctx) {
        String documentId = ctx.pathParam("documentId");
        String until = ctx.formParam("until");
        java.time.LocalDate date = null;
        try {
            date = until == null || until.isBlank() ? null : java.time.LocalDate.parse(until);
        } catch (java.time.format.DateTimeParseException e) {
            date = null;
        }
        boolean dispose = "dispose".equals(ctx.formParam("decision"));
        try {
            if (dispose && !confirmed(ctx)) {
                reviews.reviewable(Requests.caller(ctx), documentId);
                confirm(ctx, "review", List.of(documentId), "/documents/" + documentId + "/review", Map.of("decision", "dispose"),
                        "/documents/" + documentId, PageRenderer.text(pages.language(ctx), "confirm.review.lead"));
                return;
            }
            reviews.decide(Requests.caller(ctx), documentId, new ReviewDecisions.Decider.Request(ctx.formParam("decision"), date));
            pages.redirect(ctx, "/documents/" + documentId, dispose ? Flash.REVIEW_DISPOSE : Flash.REVIEW_KEEP);
        } catch (InvalidFields invalid) {
            ctx.redirect("/documents/" + documentId + "?reviewError=1", HttpStatus.SEE_OTHER);
        }
    }

    void overview(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        // what each hold protects, named: the document's title, participant and date, or the case's participant
        Map<String, String> holdNames = new java.util.HashMap<>();
        List<Hold> active = holds.list(caller, false);
        for (Hold hold : active) {
            String name = "document".equals(hold.targetType()) ? documents.describe(caller, hold.targetId(), language).orElse("")
                    : documents.participantName(caller, hold.caseId()).orElse("");
            holdNames.put(hold.id(), PageRenderer.text(language, "retention.holdTarget." + hold.targetType())
                    + (name.isEmpty() ? "" : ": " + name));
        }
        pages.render(ctx, "retention", Map.of("sweeps", sweeps.list(caller), "holds", active, "holdNames", holdNames));
    }

    void sweep(Context ctx) {
        String dryRun = ctx.formParam("dryRun");
        if (!"true".equals(dryRun) && !"false".equals(dryRun)) {
            throw InvalidFields.of("dryRun", RetentionController.DRY_RUN_REQUIRED);
        }
        boolean real = "false".equals(dryRun);
        if (real && !confirmed(ctx)) {
            SweepService.Preview preview = sweeps.preview(Requests.caller(ctx));
            String language = pages.language(ctx);
            String lead = PageRenderer.text(language, "confirm.sweep.lead", preview.disposedAtOnce().size());
            if (preview.forApproval() > 0) {
                lead += " " + PageRenderer.text(language, "confirm.sweep.forApproval", preview.forApproval());
            }
            confirm(ctx, "sweep", preview.disposedAtOnce(), "/retention/sweeps", Map.of("dryRun", "false"), "/retention", lead);
            return;
        }
        var report = sweeps.sweep(Requests.caller(ctx), !real);
        pages.redirect(ctx, "/retention/sweeps/" + report.sweepId(), real ? Flash.SWEEP_DONE : Flash.DRY_RUN_DONE);
    }

    void list(Context ctx) {
        Caller caller = Requests.caller(ctx);
        String language = pages.language(ctx);
        var sweep = sweeps.get(caller, ctx.pathParam("sweepId"));
        // each document by its title, participant and date while it exists; afterwards by its type only
        Map<String, String> names = new java.util.HashMap<>();
        sweep.items().forEach(item -> names.put(item.documentId(), documents.describe(caller, item.documentId(), language)
                .orElseGet(() -> documents.typeTitle(caller.organisationId(), item.documentType(), language))));
        pages.render(ctx, "disposal-list", Map.of("sweep", sweep, "names", names));
    }

    void decide(Context ctx) {
        String sweepId = ctx.pathParam("sweepId");
        boolean approve = "approve".equals(ctx.formParam("decision"));
        if (approve && !confirmed(ctx)) {
            List<String> listed = sweeps.awaitingApproval(Requests.caller(ctx), sweepId);
            confirm(ctx, "approve", listed, "/retention/sweeps/" + sweepId + "/decision", Map.of("decision", "approve"),
                    "/retention/sweeps/" + sweepId, PageRenderer.text(pages.language(ctx), "confirm.approve.lead", listed.size()));
            return;
        }
        sweeps.decide(Requests.caller(ctx), sweepId, approve);
        pages.redirect(ctx, "/retention/sweeps/" + sweepId, approve ? Flash.LIST_APPROVED : Flash.LIST_REJECTED);
    }

    void placeHold(Context ctx) {
        String caseId = ctx.formParam("caseId");
        try {
            holds.place(Requests.caller(ctx), new HoldService.HoldRequest(caseId, ctx.formParam("documentId"), ctx.formParam("reason")));
            pages.redirect(ctx, "/retention", Flash.HOLD_PLACED);
        } catch (InvalidFields invalid) {
            ctx.redirect(caseId == null ? "/retention" : "/cases/" + caseId + "?holdError=1", HttpStatus.SEE_OTHER);
        }
    }

    void liftHold(Context ctx) {
        String holdId = ctx.pathParam("holdId");
        if (!confirmed(ctx)) {
            Caller caller = Requests.caller(ctx);
            Hold hold = holds.get(caller, holdId);
            String language = pages.language(ctx);
            String lead = PageRenderer.text(language, "confirm.lift.lead." + hold.targetType());
            confirm(ctx, "lift", holds.covered(caller, hold), "/holds/" + holdId + "/lift", Map.of(), "/retention", lead);
            return;
        }
        holds.lift(Requests.caller(ctx), holdId);
        pages.redirect(ctx, "/retention", Flash.HOLD_LIFTED);
    }

    private static boolean confirmed(Context ctx) {
        return CONFIRMED.equals(ctx.formParam("confirm"));
    }

    /**
     * The page that asks before an action that destroys or releases: what will happen, the
     * documents affected per type and their participants, the way back as the main button, and
     * the same form again with {@code confirm=yes}.
     */
    private void confirm(Context ctx, String kind, List<String> documentIds, String action, Map<String, String> fields, String back,
                         String lead) {
        String language = pages.language(ctx);
        DocumentService.Affected affected = documents.affected(Requests.caller(ctx), documentIds, language);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("heading", PageRenderer.text(language, "confirm." + kind + ".title"));
        model.put("lead", lead);
        model.put("warning", PageRenderer.text(language, "lift".equals(kind) ? "confirm.lift.warning" : "confirm.cannotUndo"));
        model.put("affected", affected);
        model.put("button", PageRenderer.text(language, "confirm." + kind + ".button", affected.total()));
        model.put("action", action);
        model.put("fields", fields);
        model.put("back", back);
        model.put("path", back); // switching language here returns to the page it came from, not to this POST's address
        pages.render(ctx, "confirm", model);
    }
}
