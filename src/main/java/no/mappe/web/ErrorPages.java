package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.errors.MappeException;
import no.mappe.errors.QueueFull;
import no.mappe.errors.ServiceBusy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Errors on pages become pages, with the same status the API would answer ({@link Problems#statusOf})
 * and a text that says what to do, in the user's language.
 */
final class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);

    private final PageRenderer pages;

    ErrorPages(PageRenderer pages) {
        this.pages = pages;
    }

    void exception(MappeException exception, Context ctx) {
        int status = Problems.statusOf(exception);
        if (exception instanceof ServiceBusy busy) {
            ctx.header("Retry-After", Integer.toString(busy.retryAfterSeconds()));
            render(ctx, status);
            return;
        }
        if (exception instanceof QueueFull full) {
            // 429, but not the "too many attempts" page: the wording of a busy service (nothing stored, send it again shortly)
            ctx.header("Retry-After", Integer.toString(full.retryAfterSeconds()));
            ctx.status(status);
            pages.render(ctx, "error", Map.of("status", status, "kind", 503, "advice", ""));
            return;
        }
        if (status >= 500) {
            LOG.error("{} on {} {}", exception.getClass().getSimpleName(), ctx.method(), RequestLog.routeOf(ctx), exception);
        }
        if (exception instanceof no.mappe.errors.CasesNeedReassignment cases) {
            // what to do, in the user's words: the API's detail names the same in English for client developers
            renderWith(ctx, status, PageRenderer.text(pages.language(ctx), "language.error.reassign", cases.caseIds().size()));
            return;
        }
        render(ctx, status);
    }

    void unexpected(Exception exception, Context ctx) {
        LOG.error("Unexpected {} on {} {}", exception.getClass().getSimpleName(), ctx.method(), RequestLog.routeOf(ctx),
                exception);
        render(ctx, 500);
    }

    void notFound(Context ctx) {
        String contentType = ctx.res().getContentType();
        if (contentType == null || !contentType.startsWith("text/html")) {
            render(ctx, 404);
        }
    }

    /**
     * The page says in the user's language what happened and what to do; the exception's detail is the
     * API's (English, for client developers, with ids) and stays off the page.
     */
    private void render(Context ctx, int status) {
        renderWith(ctx, status, "");
    }

    private void renderWith(Context ctx, int status, String advice) {
        ctx.status(status);
        int known = switch (status) {
            case 400, 403, 404, 409, 410, 422, 429, 503 -> status;
            default -> 500;
        };
        pages.render(ctx, "error", Map.of("status", status, "kind", known, "advice", advice));
    }
}
