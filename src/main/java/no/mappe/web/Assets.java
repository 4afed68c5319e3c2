package no.mappe.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import no.mappe.errors.NotFound;

/** The pages' style sheet and their two scripts (help for forms, the signature pad), from the jar; nothing else is served. */
final class Assets {

    private static final Map<String, String> TYPES = Map.of("app.css", "text/css; charset=utf-8",
            "signature-pad.js", "text/javascript; charset=utf-8",
            "forms.js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> content = new HashMap<>();

    Assets() {
        for (String name : TYPES.keySet()) {
            try (InputStream in = Assets.class.getResourceAsStream("/assets/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("The asset " + name + " is missing from the build");
                }
                content.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    void serve(Context ctx) {
        String name = ctx.pathParam("name");
        byte[] bytes = content.get(name);
        if (bytes == null) {
            throw new NotFound("Asset " + name);
        }
        ctx.header("Cache-Control", "public, max-age=3600").contentType(TYPES.get(name)).result(bytes);
    }
}
