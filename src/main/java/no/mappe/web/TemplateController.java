package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.templates.TemplateCatalogue;

/** The template catalogue with each template's field schema, for forms and API clients. */
final class TemplateController {

    private final TemplateCatalogue catalogue;

    TemplateController(TemplateCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    void list(Context ctx) {
        Requests.caller(ctx);
        ctx.json(Map.of("templates", catalogue.all().stream().map(TemplateCatalogue.Template::manifest).toList()));
    }
}
