package no.mappe.web;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import no.mappe.errors.InvalidFields;
import no.mappe.minutes.MinutesCheck;
import no.mappe.templates.FieldSpec;
import no.mappe.templates.FieldType;
import no.mappe.templates.TemplateManifest;

/**
 * The "new document" form, generated from a template's manifest: turns the posted form into the
 * fields the document service validates, and the service's field errors back into messages next
 * to each field, in the user's language. Form names: {@code field.<name>} for single values and
 * lists (one item per line), {@code field.<name>.<row>.<column>} for table cells. An error in a
 * table names its row and column and is shown in that cell (error keys {@code <name>.<row>.<column>}).
 */
final class DocumentForm {

    static final String PREFIX = "field.";
    /** Empty rows a table offers beyond those already filled in. */
    private static final int SPARE_ROWS = 3;
    private static final Pattern PATH = Pattern.compile("fields\\.([A-Za-z0-9_]+)(?:\\[(\\d+)]\\.([A-Za-z0-9_]+))?");

    private DocumentForm() {
    }

    /** Whether a document with this status is a draft nobody has signed (edited in this form again). */
    static boolean isDraft(String status) {
        return no.mappe.archive.Document.STATUS_DRAFT.equals(status);
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
                    for (int row : rowNumbers(ctx, name)) {
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

    /**
     * The row numbers a table's cells were posted under, in order: rows added in the browser may
     * leave gaps or go past the table's limit (then the validator says how many rows it may have).
     */
    private static java.util.SortedSet<Integer> rowNumbers(Context ctx, String name) {
        Pattern cell = Pattern.compile(Pattern.quote(name) + "\\.(\\d{1,4})\\.[A-Za-z0-9_]+");
        java.util.SortedSet<Integer> rows = new java.util.TreeSet<>();
        for (String key : ctx.formParamMap().keySet()) {
            Matcher matcher = cell.matcher(key);
            if (matcher.matches()) {
                rows.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return rows;
    }

    /** Whether the writer ticked that the words the minutes check took for names are not people's names. */
    static boolean namesConfirmed(Context ctx) {
        return "true".equals(ctx.formParam(MinutesCheck.CONFIRM));
    }

    /**
     * What the new-document page needs to show a form: its fields, the error summary and, when the
     * minutes check asks for it (or the writer already ticked it), the box that confirms the
     * name-like words are not names.
     */
    static Map<String, Object> formModel(TemplateManifest manifest, String language, Map<String, Object> values,
                                         Map<String, String> errors, boolean namesConfirmed, LocalDate today) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("template", Map.of("id", manifest.id(), "title", manifest.title(language)));
        model.put("fields", view(manifest, language, values, errors, today));
        List<Map<String, String>> summary = summary(manifest, language, errors);
        model.put("summary", summary);
        model.put("errorCount", summary.size());
        if (errors.containsKey(MinutesCheck.CONFIRM) || namesConfirmed) {
            Map<String, Object> confirm = new LinkedHashMap<>();
            confirm.put("checked", namesConfirmed);
            confirm.put("error", errors.get(MinutesCheck.CONFIRM));
            model.put("confirmNames", confirm);
        }
        return model;
    }

    /**
     * What the form shows: each field with its label, the value sent back and its error; {@code today} is
     * the organisation's date, the latest a date that has happened may be (as the validator checks it).
     */
    static List<Map<String, Object>> view(TemplateManifest manifest, String language, Map<String, Object> values,
                                          Map<String, String> errors, LocalDate today) {
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
            entry.putAll(dateLimits(field, values, today));
            Object value = values.get(field.name());
            if (field.type() == FieldType.LIST && value instanceof List<?> items) {
                entry.put("value", String.join("\n", items.stream().map(String::valueOf).toList()));
            } else if (field.type() == FieldType.TABLE) {
                entry.put("columns", field.columns().stream().map(column -> {
                    Map<String, Object> shown = new LinkedHashMap<>(Map.of("name", column.name(), "type", column.type().code(),
                            "label", column.label().getOrDefault(language, column.name()), "options", column.options().stream()
                                    .map(option -> Map.of("value", option, "label", column.optionLabel(option, language))).toList()));
                    shown.putAll(dateLimits(column, Map.of(), today));
                    shown.put("after", column.notBefore() == null ? "" : column.notBefore()); // a column beside it in the same row
                    return shown;
                }).toList());
                entry.put("rows", rows(field, value, language, errors));
                entry.put("maxRows", field.maxItems());
            } else {
                entry.put("value", value == null ? "" : String.valueOf(value));
            }
            view.add(entry);
        }
        return view;
    }

    /**
     * What the browser may offer for a date: {@code max} today for things that have happened,
     * {@code after} the id of the date it may not be before, {@code min} that date when it is known.
     * Only a hint: the validator decides.
     */
    private static Map<String, Object> dateLimits(FieldSpec field, Map<String, Object> values, LocalDate today) {
        Map<String, Object> limits = new LinkedHashMap<>();
        if (field.type() != FieldType.DATE) {
            return limits;
        }
        limits.put("max", field.past() ? today.toString() : "");
        limits.put("after", field.notBefore() == null ? "" : "f-" + field.notBefore());
        Object start = field.notBefore() == null ? null : values.get(field.notBefore());
        limits.put("min", start != null && String.valueOf(start).matches("\\d{4}-\\d{2}-\\d{2}") ? String.valueOf(start) : "");
        return limits;
    }

    /** Rows already filled in plus some empty ones, up to the table's limit; each row maps column name to value. */
    private static List<Map<String, Object>> rows(FieldSpec field, Object value, String language, Map<String, String> errors) {
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
            Map<String, String> cellErrors = new LinkedHashMap<>();
            for (FieldSpec column : field.columns()) {
                String error = errors.get(cellKey(field.name(), i, column.name()));
                if (error != null) {
                    cellErrors.put(column.name(), error);
                }
            }
            numbered.add(Map.of("index", i, "cells", rows.get(i), "errors", cellErrors,
                    "label", PageRenderer.text(language, "form.row", i + 1)));
        }
        return numbered;
    }

    /**
     * The error summary: one entry per error in the form's order, each linking to its field, or for
     * a table to the cell ("Delmål og tiltak: Rad 2, Frist: Må fylles ut."); errors not about a field last, without a link.
     */
    static List<Map<String, String>> summary(TemplateManifest manifest, String language, Map<String, String> errors) {
        List<Map<String, String>> summary = new ArrayList<>();
        for (FieldSpec field : manifest.fields()) {
            String label = field.label().getOrDefault(language, field.name());
            if (errors.containsKey(field.name())) {
                summary.add(Map.of("href", "#f-" + field.name(), "text", label + ": " + errors.get(field.name())));
            }
            if (field.type() != FieldType.TABLE) {
                continue;
            }
            for (int row = 0; row < field.maxItems(); row++) {
                for (FieldSpec column : field.columns()) {
                    String error = errors.get(cellKey(field.name(), row, column.name()));
                    if (error != null) {
                        summary.add(Map.of("href", "#" + cellId(field.name(), row, column.name()), "text", label + ": "
                                + PageRenderer.text(language, "forms.cell", row + 1, column.label().getOrDefault(language, column.name()))
                                + ": " + error));
                    }
                }
            }
        }
        if (errors.containsKey(MinutesCheck.CONFIRM)) {
            summary.add(Map.of("href", "#f-" + MinutesCheck.CONFIRM, "text", errors.get(MinutesCheck.CONFIRM)));
        }
        if (errors.containsKey("")) {
            summary.add(Map.of("href", "", "text", errors.get("")));
        }
        return summary;
    }

    private static String cellKey(String field, int row, String column) {
        return field + "." + row + "." + column;
    }

    /** The id of a table cell's input, e.g. {@code f-goals-1-deadline}. */
    static String cellId(String field, int row, String column) {
        return "f-" + field + "-" + row + "-" + column;
    }

    /**
     * The service's field errors by field name (a table's cells by {@code <name>.<row>.<column>}),
     * translated; errors not about a field go under "".
     */
    static Map<String, String> errors(InvalidFields invalid, String language) {
        return errors(invalid, language, null);
    }

    /** As {@link #errors(InvalidFields, String)}, naming the field a date may not be before by its label in the manifest. */
    static Map<String, String> errors(InvalidFields invalid, String language, TemplateManifest manifest) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (InvalidFields.FieldError error : invalid.errors()) {
            Matcher path = PATH.matcher(error.field());
            String field = MinutesCheck.CONFIRM.equals(error.field()) ? MinutesCheck.CONFIRM : !path.matches() ? ""
                    : path.group(2) == null ? path.group(1) : cellKey(path.group(1), Integer.parseInt(path.group(2)), path.group(3));
            Matcher before = NOT_BEFORE.matcher(error.message());
            Matcher above = NOT_ABOVE.matcher(error.message());
            String message = before.matches()
                    ? PageRenderer.text(language, "forms.error.notBefore", label(manifest, before.group(1), language),
                            LocalDate.parse(before.group(2)).format(DAY))
                    : above.matches() ? PageRenderer.text(language, "forms.error.notAbove", label(manifest, above.group(1), language),
                            above.group(2))
                    : translate(error.message(), language);
            // two sentences follow each other; two fragments ("Må fylles ut") are joined by a semicolon
            byField.merge(field, message, (first, second) -> first + (first.endsWith(".") ? " " : "; ") + second);
        }
        return byField;
    }

    /** A field's label (a table's columns included), or its name when the manifest is not at hand. */
    private static String label(TemplateManifest manifest, String name, String language) {
        if (manifest == null) {
            return name;
        }
        return manifest.fields().stream().flatMap(field -> java.util.stream.Stream.concat(java.util.stream.Stream.of(field),
                        field.columns().stream()))
                .filter(field -> field.name().equals(name)).findFirst()
                .map(field -> field.label().getOrDefault(language, name)).orElse(name);
    }

    private static final Pattern NOT_ABOVE = Pattern.compile("cannot be more than ([A-Za-z0-9]+) \\((\\d+)\\)");
    private static final Pattern NOT_BEFORE = Pattern.compile("cannot be before ([A-Za-z0-9]+) \\((\\d{4}-\\d{2}-\\d{2})\\)");
    private static final java.time.format.DateTimeFormatter DAY = no.mappe.text.DisplayDates.DAY;
    private static final Map<Pattern, String> MESSAGES = Map.ofEntries(
            Map.entry(Pattern.compile("contains a birth number, which minutes never hold: remove it"), "minutes.error.birthNumber"),
            Map.entry(Pattern.compile("contains the full name of someone the organisation knows: write the initials (\\S+) instead"),
                    "minutes.error.knownName"),
            Map.entry(Pattern.compile("contains words that look like a name: write the initials (\\S+), or confirm that they are not a"
                    + " person's name"), "minutes.error.nameLike"),
            Map.entry(Pattern.compile("must be true to keep words that look like names; write initials otherwise"),
                    "minutes.error.confirm"),
            Map.entry(Pattern.compile("minutes are read at level 1 \\(all staff\\) or 2 \\(employees\\), at most your own level"),
                    "minutes.error.level"),
            Map.entry(Pattern.compile("cannot be in the future"), "caseForm.error.future"),
            Map.entry(Pattern.compile("is required"), "form.error.required"),
            Map.entry(Pattern.compile("must be at most (\\d+) characters"), "form.error.tooLong"),
            Map.entry(Pattern.compile("must be a single line"), "form.error.singleLine"),
            Map.entry(Pattern.compile("must be a date \\(YYYY-MM-DD\\)"), "form.error.date"),
            Map.entry(Pattern.compile("must be one of .*"), "form.error.choice"),
            Map.entry(Pattern.compile("must be a whole number from 0 with at most (\\d+) digits"), "form.error.number"),
            Map.entry(Pattern.compile("must have at most (\\d+) (?:items|rows)"), "form.error.tooMany"),
            Map.entry(Pattern.compile("must contain only non-empty texts of at most (\\d+) characters"), "form.error.items"));

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
