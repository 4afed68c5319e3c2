package no.mappe.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.errors.InvalidFields;
import no.mappe.retention.HoldService;
import no.mappe.retention.PolicyChanges;
import no.mappe.retention.ReviewDecisions;
import no.mappe.retention.Statistics;
import no.mappe.retention.SweepService;

/**
 * Retention: sweeps and their disposal lists (with the leader's approval), the disposal log, holds,
 * the policy in force and a preview of a changed one, and the yearly statistics.
 */
final class RetentionController {

    private static final int MAX_POLICY_BYTES = 256 * 1024;
    static final String DRY_RUN_REQUIRED = "is required: true previews the disposal list and changes nothing,"
            + " false carries the sweep out (disposes of what is due)";

    private final SweepService sweeps;
    private final HoldService holds;
    private final PolicyChanges policyChanges;
    private final Statistics statistics;
    private final ReviewDecisions.Decider reviews;

    RetentionController(SweepService sweeps, HoldService holds, PolicyChanges policyChanges, Statistics statistics,
                        ReviewDecisions.Decider reviews) {
        this.sweeps = sweeps;
        this.holds = holds;
        this.policyChanges = policyChanges;
        this.statistics = statistics;
        this.reviews = reviews;
    }

    void review(Context ctx) {
        ctx.json(reviews.decide(Requests.caller(ctx), ctx.pathParam("documentId"),
                Requests.body(ctx, ReviewDecisions.Decider.Request.class)));
    }

    /** A sweep disposes of documents for good, so it runs only when asked for explicitly: no default for dryRun. */
    void sweep(Context ctx) {
        SweepRequest request = ctx.bodyAsBytes().length == 0 ? new SweepRequest(null) : Requests.body(ctx, SweepRequest.class);
        if (request.dryRun() == null) {
            throw InvalidFields.of("dryRun", DRY_RUN_REQUIRED);
        }
        ctx.json(sweeps.sweep(Requests.caller(ctx), request.dryRun()));
    }

    void sweeps(Context ctx) {
        ctx.json(Map.of("sweeps", sweeps.list(Requests.caller(ctx))));
    }

    void getSweep(Context ctx) {
        ctx.json(sweeps.get(Requests.caller(ctx), ctx.pathParam("sweepId")));
    }

    void items(Context ctx) {
        int offset = Requests.intQuery(ctx, "offset", 0, Integer.MAX_VALUE);
        int limit = Requests.intQuery(ctx, "limit", 1000, 10_000);
        ctx.json(Map.of("items", sweeps.items(Requests.caller(ctx), ctx.pathParam("sweepId"), offset, limit)));
    }

    void decide(Context ctx) {
        Decision decision = Requests.body(ctx, Decision.class);
        if (decision.approve() == null) {
            throw InvalidFields.of("approve", "is required: true carries the list out, false rejects it");
        }
        ctx.json(sweeps.decide(Requests.caller(ctx), ctx.pathParam("sweepId"), decision.approve()));
    }

    void disposals(Context ctx) {
        ctx.json(Map.of("disposals", sweeps.disposals(Requests.caller(ctx))));
    }

    void holds(Context ctx) {
        ctx.json(Map.of("holds", holds.list(Requests.caller(ctx), "true".equals(ctx.queryParam("includeLifted")))));
    }

    void placeHold(Context ctx) {
        ctx.status(201).json(holds.place(Requests.caller(ctx), Requests.body(ctx, HoldService.HoldRequest.class)));
    }

    void liftHold(Context ctx) {
        ctx.json(holds.lift(Requests.caller(ctx), ctx.pathParam("holdId")));
    }

    void policy(Context ctx) {
        var policy = policyChanges.inForce(Requests.caller(ctx));
        ctx.json(Map.of("file", policy.file(), "sha256", policy.sha256(), "classes", policy.rules(), "text", policy.text()));
    }

    void previewPolicy(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0 || body.length > MAX_POLICY_BYTES) {
            throw new BadRequest("Send the proposed policy file (YAML, at most 256 KB) as the request body");
        }
        ctx.json(policyChanges.preview(Requests.caller(ctx), new String(body, StandardCharsets.UTF_8)));
    }

    void statistics(Context ctx) {
        Integer year = Requests.intQuery(ctx, "year", null, 9999);
        if (year == null) {
            throw new BadRequest("Give the year, e.g. /api/statistics?year=2026");
        }
        ctx.json(statistics.yearly(Requests.caller(ctx), year));
    }

    record SweepRequest(Boolean dryRun) {
    }

    record Decision(Boolean approve) {
    }
}
