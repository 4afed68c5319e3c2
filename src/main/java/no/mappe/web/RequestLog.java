package no.mappe.web;

import static net.logstash.logback.argument.StructuredArguments.value;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.Locale;
import no.mappe.ops.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One access-log line and the HTTP metrics for every answered request: method, route template,
 * status and duration. The route template ({@code /api/documents/{documentId}}) stands in for the
 * path, so no id, name or query string a person typed ever reaches the log or a metric label.
 * Answers on the sign-in routes also count as login failures (401) and lockouts (429).
 */
final class RequestLog {

    private static final Logger LOG = LoggerFactory.getLogger(RequestLog.class);
    private static final String ROUTE = "mappe.route";

    private final Metrics metrics;

    RequestLog(Metrics metrics) {
        this.metrics = metrics;
    }

    void answered(Context ctx, Float milliseconds) {
        String method = ctx.method().name();
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        long durationMs = Math.round(milliseconds);
        LOG.info("{} {} {} {} ms", value("method", method), value("route", route), value("status", status),
                value("durationMs", durationMs));
        metrics.request(method, route, status, milliseconds / 1000.0);
        if (isSignIn(route)) {
            if (status == 401) {
                metrics.loginFailed();
            } else if (status == 429) {
                metrics.loginLockedOut();
            }
        }
    }

    /**
     * Notes the template of the route that will answer, before any filter can refuse the request
     * (a request refused for want of a session is still logged under its route).
     */
    static void noteRoute(InternalRouter router, Context ctx) {
        ParsedEndpoint endpoint = router.findFirstHttpHandlerEntry(ctx.method(), ctx.path());
        ctx.attribute(ROUTE, endpoint == null ? Metrics.UNMATCHED : endpoint.endpoint.path);
    }

    /** The template of the route that answered, or one word for every request that matched none. */
    static String routeOf(Context ctx) {
        String noted = ctx.attribute(ROUTE);
        if (noted != null) {
            return noted;
        }
        Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
        return matched == null ? Metrics.UNMATCHED : matched.path;
    }

    private static boolean isSignIn(String route) {
        String lower = route.toLowerCase(Locale.ROOT);
        return lower.startsWith("/login") || lower.startsWith("/api/login");
    }
}
