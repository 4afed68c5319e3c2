package no.mappe.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.Caller;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.TemplateCatalogue;
import no.mappe.templates.TemplateManifest;
import no.mappe.templates.TemplateTexts;

/**
 * The template text editor: one text box per paragraph, heading and list item, the placeholders as
 * numbered chips, a PDF preview from the texts typed, and a save that adds the next version; and the
 * same as JSON for the API.
 */
final class TemplateTextPages {

    private final TemplateTexts texts;
    private final TemplateCatalogue catalogue;
    private final PageRenderer pages;

    TemplateTextPages(TemplateTexts texts, TemplateCatalogue catalogue, PageRenderer pages) {
        this.texts = texts;
        this.catalogue = catalogue;
        this.pages = pages;
    }

    /** {@code GET /templates/{templateId}/texts?language=}. */
    void show(Context ctx) {
        Caller caller = leader(ctx);
        TemplateTexts.Texts found = texts.texts(caller, ctx.pathParam("templateId"), language(ctx));
        render(ctx, found, Map.of(), Map.of());
    }

    /** {@code POST /templates/{templateId}/texts}: the next version (then the template page's success message), or the PDF preview. */
    void save(Context ctx) {
        Caller caller = leader(ctx);
        String templateId = ctx.pathParam("templateId");
        int version = version(ctx.formParam("version"));
        String language = ctx.formParam("language");
        Map<Integer, String> edits = new LinkedHashMap<>();
        Map<String, String> typed = new HashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.matches("block\\.\\d{1,5}") && !values.isEmpty()) {
                edits.put(Integer.parseInt(name.substring("block.".length())), values.get(0));
                typed.put("block-" + name.substring("block.".length()), values.get(0));
            }
        });
        String reader = pages.language(ctx);
        try {
            if ("preview".equals(ctx.formParam("action"))) {
                byte[] pdf = texts.preview(caller, templateId, language, version, edits);
                ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"forhandsvisning.pdf\"").result(pdf);
                return;
            }
            texts.save(caller, templateId, language, version, edits);
            pages.redirect(ctx, "/templates/" + templateId, Flash.TEMPLATE_SAVED);
            return;
        } catch (InvalidFields invalid) {
            ctx.status(422);
            Map<String, String> errors = new LinkedHashMap<>();
            invalid.errors().forEach(error -> errors.put(error.field().replace("blocks.", "block-"), message(error.message(), reader)));
            renderAgain(ctx, caller, templateId, language, version, typed, errors);
        } catch (TemplateInvalid invalid) {
            ctx.status(422);
            renderAgain(ctx, caller, templateId, language, version, typed,
                    Map.of("", PageRenderer.text(reader, "leader.texts.error.invalid")));
        } catch (Conflict conflict) {
            ctx.status(409);
            renderAgain(ctx, caller, templateId, language, version, typed, Map.of("", PageRenderer.text(reader, "leader.texts.conflict")));
        }
    }

    /** {@code GET /api/templates/{templateId}/texts?language=}. */
    void json(Context ctx) {
        ctx.json(texts.texts(leader(ctx), ctx.pathParam("templateId"), ctx.queryParam("language")));
    }

    /** What the API sends: the language, the version the texts were read from, and the edited blocks by index. */
    record Edit(String language, Integer version, Map<Integer, String> blocks) {
    }

    /** {@code POST /api/templates/{templateId}/texts}: 201 with the new version's manifest. */
    void saveJson(Context ctx) {
        Edit edit = edit(ctx);
        TemplateManifest saved = texts.save(leader(ctx), ctx.pathParam("templateId"), edit.language(), edit.version(), edit.blocks());
        ctx.status(201).json(saved);
    }

    /** {@code POST /api/templates/{templateId}/texts/preview}: the PDF, nothing saved. */
    void previewJson(Context ctx) {
        Edit edit = edit(ctx);
        byte[] pdf = texts.preview(leader(ctx), ctx.pathParam("templateId"), edit.language(), edit.version(), edit.blocks());
        ctx.contentType("application/pdf").header("Content-Disposition", "inline; filename=\"preview.pdf\"").result(pdf);
    }

    private static Edit edit(Context ctx) {
        Edit edit = Requests.body(ctx, Edit.class);
        if (edit.version() == null) {
            throw InvalidFields.of("version", "is required: the version the texts were read from");
        }
        return new Edit(edit.language(), edit.version(), edit.blocks() == null ? Map.of() : edit.blocks());
    }

    private void renderAgain(Context ctx, Caller caller, String templateId, String language, int version, Map<String, String> typed,
                             Map<String, String> errors) {
        TemplateTexts.Texts shown = texts.texts(caller, templateId, language);
        if (shown.version() != version) {
            // Saved by someone else meanwhile: show the texts of the version this edit was made from, as typed.
            shown = new TemplateTexts.Texts(templateId, version, shown.language(), shown.blocks());
        }
        render(ctx, shown, typed, errors);
    }

    private void render(Context ctx, TemplateTexts.Texts found, Map<String, String> typed, Map<String, String> errors) {
        String reader = pages.language(ctx);
        TemplateCatalogue.Template template = catalogue.find(Requests.caller(ctx).organisationId(), found.templateId())
                .orElseThrow(() -> new NotFound("Template " + found.templateId()));
        Map<String, String> fieldLabels = new HashMap<>();
        for (FieldSpec field : template.manifest().fields()) {
            fieldLabels.put("fields." + field.name(), field.label().getOrDefault(reader,
                    field.label().values().stream().findFirst().orElse("")));
        }
        List<Map<String, Object>> blocks = found.blocks().stream().map(block -> {
            String id = "block-" + block.index();
            Map<String, Object> view = new HashMap<>();
            view.put("id", id);
            view.put("name", "block." + block.index());
            view.put("kind", block.element().startsWith("h") ? "heading" : block.element());
            view.put("text", typed.getOrDefault(id, block.text()));
            view.put("chips", block.placeholders().stream().map(p -> Map.of("token", p.token(),
                    "label", placeholderLabel(p.expression(), fieldLabels, reader))).toList());
            return view;
        }).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("template", Map.of("id", found.templateId(), "title", template.manifest().title(reader)));
        model.put("version", found.version());
        model.put("language", found.language());
        model.put("languages", template.manifest().languages());
        model.put("blocks", blocks);
        model.put("errors", errors);
        model.put("errorCount", errors.size());
        model.put("summary", errors.entrySet().stream().map(e -> Map.of("id", e.getKey(), "message", e.getValue(),
                "label", e.getKey().isEmpty() ? "" : labelOf(blocks, e.getKey(), reader))).toList());
        pages.render(ctx, "template-texts", model);
    }

    private static String labelOf(List<Map<String, Object>> blocks, String id, String reader) {
        for (int i = 0; i < blocks.size(); i++) {
            if (id.equals(blocks.get(i).get("id"))) {
                return PageRenderer.text(reader, "leader.texts.kind." + blocks.get(i).get("kind"), i + 1);
            }
        }
        return "";
    }

    /** What a placeholder prints, in words: a field's label, a known value's name, or that it is filled in by itself. */
    private static String placeholderLabel(String expression, Map<String, String> fieldLabels, String reader) {
        String inner = expression.replaceAll("^\\{[{%]-?\\s*|\\s*-?[}%]}$", "");
        if (fieldLabels.containsKey(inner)) {
            return fieldLabels.get(inner);
        }
        String key = "leader.texts.ph." + inner;
        String known = inner.matches("[A-Za-z.]+") ? PageRenderer.text(reader, key) : key;
        if (!known.equals(key)) {
            return known;
        }
        if (inner.startsWith("profile.")) {
            String profileKey = "leader.profile.label." + inner.substring("profile.".length());
            String label = PageRenderer.text(reader, profileKey);
            if (!label.equals(profileKey)) {
                return label;
            }
        }
        return PageRenderer.text(reader, expression.startsWith("{%") ? "leader.texts.ph.logic" : "leader.texts.ph.other");
    }

    private static String message(String message, String reader) {
        Map<String, String> keys = Map.of("must not be empty", "empty", "lost the placeholder", "lost",
                "more than once", "twice", "which this text does not have", "unknown", "may not contain", "braces",
                "must be at most", "tooLong", "is not an editable text", "notEditable");
        String token = message.replaceAll(".*?(\\{\\d+}).*", "$1");
        return keys.entrySet().stream().filter(e -> message.contains(e.getKey())).findFirst()
                .map(e -> PageRenderer.text(reader, "leader.texts.error." + e.getValue(), token.startsWith("{") ? token : ""))
                .orElse(message);
    }

    private String language(Context ctx) {
        String asked = ctx.queryParam("language");
        return asked != null && PageRenderer.LANGUAGES.contains(asked) ? asked : pages.language(ctx);
    }

    private static int version(String version) {
        if (version == null || !version.matches("\\d{1,6}")) {
            throw new BadRequest("Send the version the texts were read from (open the editor again)");
        }
        return Integer.parseInt(version);
    }

    private static Caller leader(Context ctx) {
        Caller caller = Requests.caller(ctx);
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can add template versions");
        }
        return caller;
    }
}
