package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.archive.Dispatches;

/** Where a document was sent and when it was received (docs slice). */
final class DispatchController {

    private final Dispatches dispatches;

    DispatchController(Dispatches dispatches) {
        this.dispatches = dispatches;
    }

    void list(Context ctx) {
        ctx.json(Map.of("dispatches", dispatches.list(Requests.caller(ctx), ctx.pathParam("documentId"))));
    }

    void markSent(Context ctx) {
        Dispatches.Sending sending = Requests.body(ctx, Dispatches.Sending.class);
        ctx.status(201).json(dispatches.markSent(Requests.caller(ctx), ctx.pathParam("documentId"), sending));
    }

    void markReceived(Context ctx) {
        Dispatches.Receipt receipt = Requests.body(ctx, Dispatches.Receipt.class);
        ctx.json(dispatches.markReceived(Requests.caller(ctx), ctx.pathParam("documentId"), ctx.pathParam("dispatchId"), receipt));
    }
}
