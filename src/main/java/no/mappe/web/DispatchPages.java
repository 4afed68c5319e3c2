package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import no.mappe.archive.Dispatches;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;

/**
 * Marks a document as sent or received from its page (docs slice). A refused entry goes back to
 * the document page with the mistake named next to the form (a short code in the address, never
 * anything the user typed).
 */
final class DispatchPages {

    private final Dispatches dispatches;
    private final PageRenderer pages;

    DispatchPages(Dispatches dispatches, PageRenderer pages) {
        this.dispatches = dispatches;
        this.pages = pages;
    }

    void markSent(Context ctx) {
        String documentId = ctx.pathParam("documentId");
        try {
            dispatches.markSent(Requests.caller(ctx), documentId, new Dispatches.Sending(ctx.formParam("recipient"),
                    ctx.formParam("method"), ctx.formParam("sentOn")));
            pages.redirect(ctx, "/documents/" + documentId + "#dispatch-heading", Flash.DOCS_SENT_SAVED);
        } catch (InvalidFields invalid) {
            back(ctx, documentId, "sentError", code(invalid), "");
        } catch (Conflict conflict) {
            back(ctx, documentId, "sentError", "twice", "");
        }
    }

    void markReceived(Context ctx) {
        String documentId = ctx.pathParam("documentId");
        String dispatchId = ctx.pathParam("dispatchId");
        try {
            dispatches.markReceived(Requests.caller(ctx), documentId, dispatchId, new Dispatches.Receipt(ctx.formParam("receivedOn")));
            pages.redirect(ctx, "/documents/" + documentId + "#dispatch-heading", Flash.DOCS_RECEIVED_SAVED);
        } catch (InvalidFields invalid) {
            back(ctx, documentId, "receivedError", code(invalid), "&dispatch=" + URLEncoder.encode(dispatchId, StandardCharsets.UTF_8));
        } catch (Conflict conflict) {
            back(ctx, documentId, "receivedError", "twice", "&dispatch=" + URLEncoder.encode(dispatchId, StandardCharsets.UTF_8));
        }
    }

    private static void back(Context ctx, String documentId, String parameter, String code, String more) {
        ctx.redirect("/documents/" + documentId + "?" + parameter + "=" + code + more + "#dispatch-heading", HttpStatus.SEE_OTHER);
    }

    /** The first mistake as a message code: which field, and what is wrong with it. */
    private static String code(InvalidFields invalid) {
        InvalidFields.FieldError first = invalid.errors().get(0);
        String message = first.message();
        String what = message.contains("future") ? "future" : message.contains("before") ? "early"
                : message.contains("required") ? "missing" : message.contains("date") ? "date" : "choice";
        return first.field() + "-" + what;
    }
}
