package no.mappe.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.errors.CasesNeedReassignment;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.MappeException;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotAuthenticated;
import no.mappe.errors.NotFound;
import no.mappe.errors.QueueFull;
import no.mappe.errors.RenderRefused;
import no.mappe.errors.RetryLater;
import no.mappe.errors.ServiceBusy;
import no.mappe.errors.SignInRefused;
import no.mappe.errors.SetupLinkInvalid;
import no.mappe.errors.StorageFull;
import no.mappe.errors.StoreUnreachable;
import no.mappe.errors.StoredFileDamaged;
import no.mappe.errors.TemplateInvalid;
import no.mappe.errors.TooManyAttempts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: RFC 9457 {@code application/problem+json}
 * with a status, a title, a detail that says what to do, and for invalid input the list of fields.
 */
public final class Problems {

    public static final String CONTENT_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static int statusOf(MappeException exception) {
        return switch (exception) {
            case BadRequest ignored -> 400;
            case NotAuthenticated ignored -> 401;
            case NotAllowed ignored -> 403;
            case NotFound ignored -> 404;
            case Conflict ignored -> 409;
            case CasesNeedReassignment ignored -> 409;
            case SetupLinkInvalid invalid -> invalid.raced() ? 409 : 410;
            case InvalidFields ignored -> 422;
            case TemplateInvalid ignored -> 422;
            case RenderRefused ignored -> 422;
            case TooManyAttempts ignored -> 429;
            case QueueFull ignored -> 429;
            case SignInRefused refused -> refused.reason().status();
            case StorageFull ignored -> 507;
            case ServiceBusy ignored -> 503;
            case StoreUnreachable ignored -> 503;
            default -> 500;
        };
    }

    static void handle(MappeException exception, Context ctx) {
        int status = statusOf(exception);
        if (exception instanceof StorageFull) {
            LOG.error("Disk full on {} {}: nothing was stored", ctx.method(), RequestLog.routeOf(ctx), exception);
            ctx.header("Retry-After", "60");
            write(ctx, status, exception.title(), "The server's disk is full, so nothing of this request was stored. Try again later;"
                    + " the operator has to make room first.", null);
            return;
        }
        if (exception instanceof RetryLater later) {
            ctx.header("Retry-After", Integer.toString(later.retryAfterSeconds()));
            write(ctx, status, exception.title(), exception.getMessage(), null);
            return;
        }
        if (status >= 500) {
            LOG.error("{} on {} {}", exception.getClass().getSimpleName(), ctx.method(), RequestLog.routeOf(ctx), exception);
            // A damaged file will not heal by trying again: say so, and what the operator does about it.
            String detail = exception instanceof StoredFileDamaged ? exception.getMessage()
                    : "The service could not complete the request; it has been logged. Try again, and contact the operator if it"
                    + " keeps failing.";
            write(ctx, status, exception.title(), detail, null);
            return;
        }
        if (exception instanceof TooManyAttempts tooMany) {
            tooMany.retryAfter().ifPresent(wait -> ctx.header("Retry-After", String.valueOf(wait.toSeconds())));
        }
        Map<String, Object> extra = null;
        if (exception instanceof InvalidFields invalid) {
            extra = Map.of("errors", invalid.errors());
        }
        if (exception instanceof CasesNeedReassignment cases) {
            extra = Map.of("casesToReassign", cases.caseIds().size(), "caseIds", cases.caseIds());
        }
        write(ctx, status, exception.title(), exception.getMessage(), extra);
    }

    static void handleHttp(HttpResponseException exception, Context ctx) {
        String detail = exception.getStatus() == 413
                ? "The request body is too large; JSON requests may be at most 1 MB" : exception.getMessage();
        write(ctx, exception.getStatus(), titleFor(exception.getStatus()), detail, null);
    }

    static void handleUnexpected(Exception exception, Context ctx) {
        LOG.error("Unexpected {} on {} {}", exception.getClass().getSimpleName(), ctx.method(), RequestLog.routeOf(ctx), exception);
        write(ctx, 500, "Internal error", "The service could not complete the request; it has been logged. Try again,"
                + " and contact the operator if it keeps failing.", null);
    }

    static void notFound(Context ctx) {
        if (answeredAlready(ctx)) {
            return; // already answered by a NotFound from a handler
        }
        write(ctx, 404, "Not found", "There is no such resource: " + ctx.method() + " " + ctx.path()
                + ". See the API description at /openapi.yaml.", null);
    }

    static void methodNotAllowed(Context ctx) {
        if (answeredAlready(ctx)) {
            return;
        }
        write(ctx, 405, "Method not allowed", ctx.method() + " is not supported on " + ctx.path() + ".", null);
    }

    private static boolean answeredAlready(Context ctx) {
        String contentType = ctx.res().getContentType();
        return contentType != null && contentType.startsWith(CONTENT_TYPE);
    }

    static void write(Context ctx, int status, String title, String detail, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", ctx.path());
        if (extra != null) {
            body.putAll(extra);
        }
        ctx.status(status).json(body).contentType(CONTENT_TYPE);
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 410 -> "Gone";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> "HTTP " + status;
        };
    }
}
