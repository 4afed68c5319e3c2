package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import no.mappe.errors.InvalidFields;
import no.mappe.retention.HoldService;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.SweepService;
import no.mappe.security.Caller;

/** The leader's retention pages: sweeps, disposal lists to approve, certificates, holds. */
final class RetentionPages {

    private final SweepService sweeps;
    private final HoldService holds;
    private final ReviewDecisions.Decider reviews;
    private final PageRenderer pages;

    RetentionPages(SweepService sweeps, HoldService holds, ReviewDecisions.Decider reviews, PageRenderer pages) {
        this.sweeps = sweeps;
        this.holds = holds;
        this.reviews = reviews;
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
        try {
            reviews.decide(Requests.caller(ctx), documentId, new ReviewDecisions.Decider.Request(ctx.formParam("decision"), date));
            ctx.redirect("/documents/" + documentId, HttpStatus.SEE_OTHER);
        } catch (InvalidFields invalid) {
            ctx.redirect("/documents/" + documentId + "?reviewError=1", HttpStatus.SEE_OTHER);
        }
    }

    void overview(Context ctx) {
        Caller caller = Requests.caller(ctx);
        pages.render(ctx, "retention", Map.of("sweeps", sweeps.list(caller), "holds", holds.list(caller, false)));
    }

    void sweep(Context ctx) {
        String dryRun = ctx.formParam("dryRun");
        if (!"true".equals(dryRun) && !"false".equals(dryRun)) {
            throw InvalidFields.of("dryRun", RetentionController.DRY_RUN_REQUIRED);
        }
        var report = sweeps.sweep(Requests.caller(ctx), Boolean.parseBoolean(dryRun));
        ctx.redirect("/retention/sweeps/" + report.sweepId(), HttpStatus.SEE_OTHER);
    }

    void list(Context ctx) {
        pages.render(ctx, "disposal-list", Map.of("sweep", sweeps.get(Requests.caller(ctx), ctx.pathParam("sweepId"))));
    }

    void decide(Context ctx) {
        String sweepId = ctx.pathParam("sweepId");
        sweeps.decide(Requests.caller(ctx), sweepId, "approve".equals(ctx.formParam("decision")));
        ctx.redirect("/retention/sweeps/" + sweepId, HttpStatus.SEE_OTHER);
    }

    void placeHold(Context ctx) {
        String caseId = ctx.formParam("caseId");
        try {
            holds.place(Requests.caller(ctx), new HoldService.HoldRequest(caseId, ctx.formParam("documentId"), ctx.formParam("reason")));
            ctx.redirect("/retention", HttpStatus.SEE_OTHER);
        } catch (InvalidFields invalid) {
            ctx.redirect(caseId == null ? "/retention" : "/cases/" + caseId + "?holdError=1", HttpStatus.SEE_OTHER);
        }
    }

    void liftHold(Context ctx) {
        holds.lift(Requests.caller(ctx), ctx.pathParam("holdId"));
        ctx.redirect("/retention", HttpStatus.SEE_OTHER);
    }
}
