package no.mappe.templates;

import io.pebbletemplates.pebble.PebbleEngine;
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
 * template, and templates load only from the catalogue ({@link CatalogueLoader}), so no file can be
 * included. Output size is capped.
 */
public final class TemplateFiller {

    private static final int MAX_OUTPUT_CHARS = 5_000_000;
    private static final String LOOP_VARIABLES = "io.pebbletemplates.pebble.node.ForNode$LoopVariables";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

    private final PebbleEngine engine;

    public TemplateFiller(TemplateCatalogue catalogue) {
        this.engine = new PebbleEngine.Builder()
            .loader(new CatalogueLoader(catalogue))
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            .strictVariables(true)
            // No method of any Java object is reachable, except the read-only loop variables
            // (loop.index, loop.first, loop.last) of for-loops.
            .methodAccessValidator((object, method) -> object.getClass().getName().equals(LOOP_VARIABLES))
            .allowOverrideCoreOperators(false)
            .maxRenderedSize(MAX_OUTPUT_CHARS)
            .newLineTrimming(true)
            .cacheActive(true)
            .build();
    }

    public String fill(TemplateCatalogue.Template template, RenderContext context) {
        if (!template.xhtmlByLanguage().containsKey(context.language())) {
            throw new IllegalArgumentException("Template " + template.manifest().id() + " has no " + context.language() + " version");
        }
        try {
            PebbleTemplate compiled = engine.getTemplate(template.sourceName(context.language()));
            StringWriter out = new StringWriter();
            compiled.evaluate(out, variables(template.manifest(), context));
            return out.toString();
        } catch (IOException | RuntimeException e) {
            throw new UnableToRenderDocument(template.manifest().id(), e);
        }
    }

    private static Map<String, Object> variables(TemplateManifest manifest, RenderContext context) {
        Map<String, Object> fields = new LinkedHashMap<>();
        // Every declared field is present, so strict mode catches typos in templates, not empty optionals.
        for (FieldSpec field : manifest.fields()) {
            fields.put(field.name(), plain(context.fields().get(field.name()), field, context.language()));
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("lang", context.language());
        variables.put("title", manifest.title(context.language()));
        variables.put("organisation", Map.of("name", context.organisationName()));
        variables.put("participant", Map.of("name", context.participantName(),
                "birthDate", format(context.participantBirthDate())));
        variables.put("case", Map.of("programme", context.programme(), "programmeName", context.programmeName(),
                "startDate", format(context.caseStartDate())));
        variables.put("profile", context.profile());
        variables.put("signers", signers(manifest, context));
        variables.put("counsellor", Map.of("name", context.counsellorName()));
        variables.put("document", Map.of("date", format(context.documentDate())));
        variables.put("fields", fields);
        return variables;
    }

    /** Who signs, in order, with the role's name in the document's language. */
    private static List<Map<String, Object>> signers(TemplateManifest manifest, RenderContext context) {
        List<Map<String, Object>> signers = new java.util.ArrayList<>();
        for (String role : manifest.signers()) {
            String label = manifest.signerLabel(role, context.language());
            String name = switch (role) {
                case "participant" -> context.participantName();
                case "counsellor" -> context.counsellorName();
                default -> String.valueOf(context.profile().getOrDefault("leaderName", ""));
            };
            signers.add(Map.of("role", role, "label", label, "name", name));
        }
        return signers;
    }

    private static Object plain(Object value, FieldSpec field, String language) {
        if (value == null) {
            return field.type() == FieldType.LIST || field.type() == FieldType.TABLE ? List.of() : "";
        }
        if (field.type() == FieldType.TABLE && value instanceof List<?> rows) {
            List<Map<String, Object>> plainRows = new java.util.ArrayList<>();
            for (Object row : rows) {
                Map<String, Object> cells = new LinkedHashMap<>();
                for (FieldSpec column : field.columns()) {
                    cells.put(column.name(), plain(((Map<?, ?>) row).get(column.name()), column, language));
                }
                plainRows.add(cells);
            }
            return plainRows;
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
