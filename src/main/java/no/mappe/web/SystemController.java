package no.mappe.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Liveness and the API description; both open without login and free of any data. */
final class SystemController {

    private final byte[] openApi;

    SystemController() {
        try (InputStream in = SystemController.class.getResourceAsStream("/openapi.yaml")) {
            this.openApi = in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void openApi(Context ctx) {
        ctx.contentType("application/yaml").result(openApi);
    }
}
