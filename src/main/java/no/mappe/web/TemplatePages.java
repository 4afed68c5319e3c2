package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import no.mappe.errors.NotFound;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.Directory;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateVersions;

/** The template catalogue and its versions; the leader adds a version (checked before it is used). */
final class TemplatePages {

    private final TemplateCatalogue catalogue;
    private final TemplateVersions versions;
    private final Directory directory;
    private final PageRenderer pages;

    TemplatePages(TemplateCatalogue catalogue, TemplateVersions versions, Directory directory, PageRenderer pages) {
        this.directory = directory;
        this.catalogue = catalogue;
        this.versions = versions;
        this.pages = pages;
    }

    void list(Context ctx) {
        String language = pages.language(ctx);
        String organisationId = Requests.caller(ctx).organisationId();
        pages.render(ctx, "templates", Map.of("templates", catalogue.all(organisationId).stream().map(TemplateCatalogue.Template::manifest)
                .map(m -> Map.of("id", m.id(), "title", m.title(language), "version", m.version(), "accessLevel", m.accessLevel(),
                        "documentType", catalogue.all(organisationId).stream().map(TemplateCatalogue.Template::manifest)
                                .filter(other -> other.documentType().equals(m.documentType())).findFirst()
                                .map(other -> other.title(language)).orElse(m.title(language)))).toList()));
    }

    void show(Context ctx) {
        render(ctx, Map.of());
    }

    void upload(Context ctx) {
        Map<String, String> xhtml = new LinkedHashMap<>();
        for (String language : PageRenderer.LANGUAGES) {
            String source = ctx.formParam("xhtml." + language);
            if (source != null && !source.isBlank()) {
                xhtml.put(language, source);
            }
        }
        try {
            versions.upload(Requests.caller(ctx), ctx.pathParam("templateId"),
                    new TemplateVersions.Upload(ctx.formParam("manifest"), xhtml));
            pages.redirect(ctx, "/templates/" + ctx.pathParam("templateId"), Flash.TEMPLATE_SAVED);
        } catch (TemplateInvalid invalid) {
            ctx.status(422);
            Map<String, Object> sent = new HashMap<>();
            sent.put("error", invalid.getMessage());
            sent.put("manifest", ctx.formParam("manifest") == null ? "" : ctx.formParam("manifest"));
            sent.put("xhtml", xhtml);
            render(ctx, sent);
        }
    }

    private void render(Context ctx, Map<String, Object> extra) {
        String templateId = ctx.pathParam("templateId");
        String organisationId = Requests.caller(ctx).organisationId();
        TemplateCatalogue.Template template = catalogue.find(organisationId, templateId)
                .orElseThrow(() -> new NotFound("Template " + templateId));
        Map<String, Object> model = new HashMap<>(extra);
        model.put("template", Map.of("id", templateId, "title", template.manifest().title(pages.language(ctx)),
                "version", template.manifest().version()));
        model.put("versions", versions.versions(organisationId, templateId));
        model.put("names", directory.names(organisationId)); // who uploaded a version, by name rather than id
        model.putIfAbsent("manifest", "");
        model.putIfAbsent("xhtml", template.xhtmlByLanguage());
        pages.render(ctx, "template", model);
    }
}
