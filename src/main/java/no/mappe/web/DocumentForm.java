package no.mappe.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.errors.InvalidFields;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.FieldType;
import no.mappe.templates.TemplateManifest;

/**
 * The "new document" form, generated from a template's manifest: turns the posted form into the
 * fields the document service validates, and the service's field errors back into messages next
 * to each field, in the user's language. Form names: {@code field.<name>} for single values and
 * lists (one item per line), {@code field.<name>.<row>.<column>} for table cells.
 */
final class DocumentForm {

    static final String PREFIX = "field.";
    /** Empty rows a table offers beyond those already filled in. */
    private static final int SPARE_ROWS = 3;
    private static final Pattern PATH = Pattern.compile("fields\\.([A-Za-z0-9_]+)(?:\\[(\\d+)]\\.([A-Za-z0-9_]+))?");

    private DocumentForm() {
    }

    /** The posted values as the fields of a new document; empty optional values are left out. */
    static Map<String, Object> fields(TemplateManifest manifest, Context ctx) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldSpec field : manifest.fields()) {
            String name = PREFIX + field.name();
            switch (field.type()) {
                case BOOLEAN -> fields.put(field.name(), "true".equals(ctx.formParam(name)));
                case LIST -> {
                    List<String> items = ctx.formParam(name) == null ? List.of()
                            : ctx.formParam(name).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
                    if (!items.isEmpty() || field.required()) {
                        fields.put(field.name(), items);
                    }
                }
                case TABLE -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (int row = 0; row < field.maxItems(); row++) {
                        Map<String, Object> cells = new LinkedHashMap<>();
                        for (FieldSpec column : field.columns()) {
                            String value = ctx.formParam(name + "." + row + "." + column.name());
                            if (column.type() == FieldType.BOOLEAN) {
                                cells.put(column.name(), "true".equals(value));
                            } else if (value != null && !value.isBlank()) {
                                cells.put(column.name(), value.strip());
                            }
                        }
                        boolean filled = field.columns().stream().anyMatch(column -> column.type() != FieldType.BOOLEAN
                                && cells.containsKey(column.name()));
                        if (filled) {
                            rows.add(cells);
                        }
                    }
                    if (!rows.isEmpty() || field.required()) {
                        fields.put(field.name(), rows);
                    }
                }
                default -> {
                    String value = ctx.formParam(name);
                    if (value != null && !value.isBlank()) {
                        fields.put(field.name(), value.strip());
                    }
                }
            }
        }
        return fields;
    }

    /** What the form shows: each field with its label, the value sent back and its error. */
    static List<Map<String, Object>> view(TemplateManifest manifest, String language, Map<String, Object> values,
                                          Map<String, String> errors) {
        List<Map<String, Object>> view = new ArrayList<>();
        for (FieldSpec field : manifest.fields()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", PREFIX + field.name());
            entry.put("id", "f-" + field.name());
            entry.put("type", field.type().code());
            entry.put("label", field.label().getOrDefault(language, field.name()));
            entry.put("required", field.required());
            entry.put("maxLength", field.maxLength());
            entry.put("options", field.options() == null ? List.of() : field.options().stream()
                    .map(option -> Map.of("value", option, "label", field.optionLabel(option, language))).toList());
            entry.put("error", errors.get(field.name()));
            Object value = values.get(field.name());
            if (field.type() == FieldType.LIST && value instanceof List<?> items) {
                entry.put("value", String.join("\n", items.stream().map(String::valueOf).toList()));
            } else if (field.type() == FieldType.TABLE) {
                entry.put("columns", field.columns().stream().map(column -> Map.of("name", column.name(), "type", column.type().code(),
                        "label", column.label().getOrDefault(language, column.name()), "options", column.options().stream()
                                .map(option -> Map.of("value", option, "label", column.optionLabel(option, language))).toList())).toList());
                entry.put("rows", rows(field, value));
            } else {
                entry.put("value", value == null ? "" : String.valueOf(value));
            }
            view.add(entry);
        }
        return view;
    }

    /** Rows already filled in plus some empty ones, up to the table's limit; each row maps column name to value. */
    private static List<Map<String, Object>> rows(FieldSpec field, Object value) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (value instanceof List<?> filled) {
            for (Object row : filled) {
                if (row instanceof Map<?, ?> cells) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    cells.forEach((key, cell) -> copy.put(String.valueOf(key), cell == null ? "" : String.valueOf(cell)));
                    rows.add(copy);
                }
            }
        }
        int total = Math.min(field.maxItems(), rows.size() + SPARE_ROWS);
        while (rows.size() < total) {
            rows.add(Map.of());
        }
        List<Map<String, Object>> numbered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(Map.of("index", i, "cells", rows.get(i)));
        }
        return numbered;
    }

    /** The service's field errors by field name, translated; errors not about a field go under "". */
    static Map<String, String> errors(InvalidFields invalid, String language) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (InvalidFields.FieldError error : invalid.errors()) {
            Matcher path = PATH.matcher(error.field());
            String field = path.matches() ? path.group(1) : "";
            String message = translate(error.message(), language);
            if (path.matches() && path.group(2) != null) {
                message = PageRenderer.text(language, "form.row", Integer.parseInt(path.group(2)) + 1) + ": " + message;
            }
            byField.merge(field, message, (first, second) -> first + "; " + second);
        }
        return byField;
    }

    private static final Map<Pattern, String> MESSAGES = Map.of(
            Pattern.compile("is required"), "form.error.required",
            Pattern.compile("must be at most (\\d+) characters"), "form.error.tooLong",
            Pattern.compile("must be a single line"), "form.error.singleLine",
            Pattern.compile("must be a date \\(YYYY-MM-DD\\)"), "form.error.date",
            Pattern.compile("must be one of .*"), "form.error.choice",
            Pattern.compile("must have at most (\\d+) (?:items|rows)"), "form.error.tooMany",
            Pattern.compile("must contain only non-empty texts of at most (\\d+) characters"), "form.error.items");

    /** The validator's English message in the user's language, when it is one we know. */
    static String translate(String message, String language) {
        for (Map.Entry<Pattern, String> known : MESSAGES.entrySet()) {
            Matcher matcher = known.getKey().matcher(message);
            if (matcher.matches()) {
                Object[] arguments = new Object[matcher.groupCount()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = matcher.group(i + 1);
                }
                return PageRenderer.text(language, known.getValue(), arguments);
            }
        }
        return message;
    }
}
