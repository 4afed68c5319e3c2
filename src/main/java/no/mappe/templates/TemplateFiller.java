package no.mappe.templates;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.UnableToRenderDocument;

/**
 * Fills XHTML templates with Pebble, configured as a sandbox: every value is HTML-escaped unless a
 * template says otherwise, undefined variables are errors, no Java method can be called from a
 * template, and templates come from strings, so no file can be included. Output size is capped.
 */
public final class TemplateFiller {

    private static final int MAX_OUTPUT_CHARS = 5_000_000;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final PebbleEngine engine = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            .methodAccessValidator((object, method) -> false)
            .allowOverrideCoreOperators(false)
            .maxRenderedSize(MAX_OUTPUT_CHARS)
            .newLineTrimming(true)
            .cacheActive(true)
            .build();

    public String fill(TemplateCatalogue.Template template, RenderContext context) {
        String source = template.xhtmlByLanguage().get(context.language());
        if (source == null) {
            throw new IllegalArgumentException("Template " + template.manifest().id() + " has no " + context.language() + " version");
        }
        try {
            PebbleTemplate compiled = engine.getTemplate(source);
            StringWriter out = new StringWriter();
            compiled.evaluate(out, variables(template.manifest(), context));
            return out.toString();
        } catch (PebbleException | IOException e) {
            throw new UnableToRenderDocument(template.manifest().id(), e);
        }
    }

    private static Map<String, Object> variables(TemplateManifest manifest, RenderContext context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        // Every declared field is present, so strict mode catches typos in templates, not empty optionals.
        for (FieldSpec field : manifest.fields()) {
            fields.put(field.name(), plain(context.fields().get(field.name()), field.type(), context.language()));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("lang", context.language());
        variables.put("title", manifest.title(context.language()));
        variables.put("organisation", Map.of("name", context.organisationName()));
        variables.put("participant", Map.of("name", context.participantName(),
                "birthDate", format(context.participantBirthDate())));
        variables.put("case", Map.of("programme", context.programme(), "startDate", format(context.caseStartDate())));
        variables.put("counsellor", Map.of("name", context.counsellorName()));
        variables.put("document", Map.of("date", format(context.documentDate())));
        variables.put("fields", fields);
        return variables;
    }

    private static Object plain(Object value, FieldType type, String language) {
        if (value == null) {
            return type == FieldType.LIST ? List.of() : "";
        }
        if (value instanceof LocalDate date) {
            return format(date);
        }
        if (value instanceof Boolean yes) {
            return yes ? "Ja" : "da".equals(language) ? "Nej" : "Nei";
        }
        return value;
    }

    private static String format(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }
}
