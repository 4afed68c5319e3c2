package no.mappe.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import no.mappe.errors.BadRequest;
import no.mappe.errors.NotAuthenticated;
import no.mappe.security.Caller;
import no.mappe.security.Session;

/** What controllers need from a request: the caller, the session, and a parsed body. */
public final class Requests {

    static final String SESSION = "mappe.session";
    /** The session's next sign-in step ({@link no.mappe.security.SecondFactors.Step}), set with the session. */
    static final String STEP = "mappe.sign-in-step";
    /** JSON requests are small; a template upload (manifest and XHTML in two languages) is the largest. */
    static final int MAX_JSON_BYTES = 2 * 1024 * 1024;
    private static final ObjectMapper MAPPER = Json.mapper();

    private Requests() {
    }

    public static Caller caller(Context ctx) {
        return session(ctx).caller();
    }

    public static Session session(Context ctx) {
        Session session = ctx.attribute(SESSION);
        if (session == null) {
            throw new NotAuthenticated("Log in first: POST /api/login");
        }
        return session;
    }

    public static <T> T body(Context ctx, Class<T> type) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new BadRequest("Send the body as JSON with Content-Type: application/json");
        }
        byte[] body = ctx.bodyAsBytes();
        if (body.length > MAX_JSON_BYTES) {
            throw new io.javalin.http.HttpResponseException(413, "The request body is too large; JSON requests may be at most 2 MB");
        }
        return Json.read(MAPPER, body, type);
    }

    /** A whole number a page form sent, or null when it sent none or not a number (the service then names what is wrong). */
    static Integer intForm(Context ctx, String name) {
        try {
            return Integer.valueOf(ctx.formParam(name));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An optional positive whole-number query parameter. */
    public static Integer intQuery(Context ctx, String name, Integer fallback, int max) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed < 0 || parsed > max) {
                throw new BadRequest("Query parameter '" + name + "' must be between 0 and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadRequest("Query parameter '" + name + "' must be a whole number");
        }
    }
}
