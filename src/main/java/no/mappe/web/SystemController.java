package no.mappe.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import no.mappe.errors.NotAuthenticated;
import no.mappe.ops.Metrics;
import no.mappe.ops.Readiness;
import no.mappe.ops.ScrapeToken;

/**
 * Liveness, readiness, metrics and the API description. Liveness and readiness are open without
 * login and free of any data; metrics need the scraper's bearer token and do not exist without one.
 */
final class SystemController {

    private final byte[] openApi;
    private final Readiness readiness;
    private final Metrics metrics;
    private final Optional<ScrapeToken> metricsToken;

    SystemController(Readiness readiness, Metrics metrics, Optional<ScrapeToken> metricsToken) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.metricsToken = metricsToken;
        try (InputStream in = SystemController.class.getResourceAsStream("/openapi.yaml")) {
            this.openApi = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process answers: nothing else is looked at, so a slow disk never gets a live service restarted. */
    void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    /** 200 when every check passes, 503 otherwise; each check named with one word. */
    void ready(Context ctx) {
        Readiness.Report report = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.ready() ? "ready" : "not ready");
        body.put("checks", report.checks());
        ctx.header("Cache-Control", "no-store");
        ctx.status(report.ready() ? 200 : 503).json(body);
    }

    void metrics(Context ctx) {
        if (metricsToken.isEmpty()) {
            Problems.notFound(ctx); // not configured: as if there were no such path
            return;
        }
        if (!metricsToken.get().matches(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mappe-metrics\"");
            throw new NotAuthenticated("Send the metrics token as 'Authorization: Bearer <token>': the token in the file named by"
                    + " MAPPE_METRICS_TOKEN_FILE");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(metrics.contentType()).result(metrics.scrape());
    }

    void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApi);
    }
}
