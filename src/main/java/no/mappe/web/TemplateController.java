package no.mappe.web;

import io.javalin.http.Context;
import java.util.Map;
import no.mappe.errors.NotFound;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateVersions;

/** The template catalogue with each template's field schema, and new template versions. */
final class TemplateController {

    private final TemplateCatalogue catalogue;
    private final TemplateVersions versions;

    TemplateController(TemplateCatalogue catalogue, TemplateVersions versions) {
        this.catalogue = catalogue;
        this.versions = versions;
    }

    void list(Context ctx) {
        String organisationId = Requests.caller(ctx).organisationId();
        ctx.json(Map.of("templates", catalogue.all(organisationId).stream().map(TemplateCatalogue.Template::manifest).toList()));
    }

    void get(Context ctx) {
        String organisationId = Requests.caller(ctx).organisationId();
        String id = ctx.pathParam("templateId");
        ctx.json(catalogue.find(organisationId, id).orElseThrow(() -> new NotFound("Template " + id)).manifest());
    }

    void versions(Context ctx) {
        ctx.json(Map.of("versions", versions.versions(Requests.caller(ctx).organisationId(), ctx.pathParam("templateId"))));
    }

    void upload(Context ctx) {
        var manifest = versions.upload(Requests.caller(ctx), ctx.pathParam("templateId"),
                Requests.body(ctx, TemplateVersions.Upload.class));
        ctx.status(201).json(manifest);
    }
}
