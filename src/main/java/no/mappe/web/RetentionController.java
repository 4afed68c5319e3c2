package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.retention.SweepService;

/** Retention sweeps on demand and the disposal log (kassasjonslogg). */
final class RetentionController {

    private final SweepService sweeps;

    RetentionController(SweepService sweeps) {
        this.sweeps = sweeps;
    }

    void sweep(Context ctx) {
        SweepRequest request = ctx.bodyAsBytes().length == 0 ? new SweepRequest(false) : Requests.body(ctx, SweepRequest.class);
        ctx.json(sweeps.sweep(Requests.caller(ctx), request.dryRun()));
    }

    void disposals(Context ctx) {
        ctx.json(Map.of("disposals", sweeps.disposals(Requests.caller(ctx))));
    }

    record SweepRequest(boolean dryRun) {
    }
}
