package no.mappe.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.AccessLevel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns a {@code manifest.yaml} into a {@link TemplateManifest}, naming the file (and field) in
 * every complaint. Used for the shipped catalogue and for uploaded template versions alike.
 */
public final class ManifestReader {

    public static final Set<String> LANGUAGES = Set.of("nb", "da");
    private static final Set<String> SIGNERS = Set.of("participant", "counsellor", "leader");
    private static final int MAX_MANIFEST_CHARS = 100_000;

    private ManifestReader() {
    }

    public static TemplateManifest read(String yamlText, String where) {
        if (yamlText.length() > MAX_MANIFEST_CHARS) {
            throw new TemplateInvalid(where + ": the manifest is larger than " + MAX_MANIFEST_CHARS + " characters");
        }
        Object parsed;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setAllowDuplicateKeys(false);
            parsed = new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (YAMLException e) {
            throw new TemplateInvalid(where + ": not valid YAML: " + e.getMessage(), e);
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new TemplateInvalid(where + ": must be a YAML mapping");
        }
        return manifest(castMap(map), where);
    }

    private static TemplateManifest manifest(Map<String, Object> yaml, String file) {
        String id = text(yaml, "id", file);
        if (!id.matches("[a-z][a-z0-9-]{0,40}")) {
            throw new TemplateInvalid(file + ": id must be lower-case letters, digits and dashes");
        }
        int version = number(yaml, "version", file);
        if (version < 1) {
            throw new TemplateInvalid(file + ": version must be 1 or more");
        }
        int accessLevel = number(yaml, "accessLevel", file);
        if (!AccessLevel.isValid(accessLevel)) {
            throw new TemplateInvalid(file + ": accessLevel must be 1, 2, 3 or 4");
        }
        List<String> languages = list(yaml, "languages", file).stream().map(String::valueOf).toList();
        if (languages.isEmpty() || !LANGUAGES.containsAll(languages)) {
            throw new TemplateInvalid(file + ": languages must list some of " + LANGUAGES);
        }
        List<String> signers = list(yaml, "signers", file).stream().map(String::valueOf).toList();
        if (!SIGNERS.containsAll(signers)) {
            throw new TemplateInvalid(file + ": signers may only be " + SIGNERS);
        }
        List<FieldSpec> fields = fields(list(yaml, "fields", file), file, true);
        Map<String, String> title = strings(yaml, "title", file);
        if (!title.keySet().containsAll(languages)) {
            throw new TemplateInvalid(file + ": title needs a text for every language in " + languages);
        }
        String documentType = text(yaml, "documentType", file);
        String retentionClass = yaml.get("retentionClass") == null ? null : String.valueOf(yaml.get("retentionClass"));
        Map<String, Map<String, String>> signerLabels = new LinkedHashMap<>();
        if (yaml.get("signerLabels") instanceof Map<?, ?> labels) {
            for (Map.Entry<?, ?> entry : labels.entrySet()) {
                String role = String.valueOf(entry.getKey());
                if (!signers.contains(role)) {
                    throw new TemplateInvalid(file + ": signerLabels names '" + role + "', who is not among the signers " + signers);
                }
                signerLabels.put(role, strings(castMap(labels), role, file + ": signerLabels"));
            }
        } else if (yaml.get("signerLabels") != null) {
            throw new TemplateInvalid(file + ": signerLabels must map signer roles to labels per language");
        }
        boolean addendum = Boolean.TRUE.equals(yaml.get("participantAddendum"));
        Object order = yaml.get("signingOrder");
        if (order != null && !"in-order".equals(order) && !"any".equals(order)) {
            throw new TemplateInvalid(file + ": signingOrder must be in-order or any");
        }
        if (addendum && !signers.contains("participant")) {
            throw new TemplateInvalid(file + ": participantAddendum needs the participant among the signers");
        }
        List<String> retired = list(yaml, "retiredFields", file).stream().map(String::valueOf).toList();
        for (String name : retired) {
            if (fields.stream().anyMatch(field -> field.name().equals(name))) {
                throw new TemplateInvalid(file + ": retiredFields names '" + name + "', which is still one of the fields");
            }
        }
        return new TemplateManifest(id, version, documentType, title, languages, accessLevel, retentionClass, signers,
                Map.copyOf(signerLabels), "in-order".equals(yaml.get("signingOrder")), addendum, fields,
                businessDate(yaml, fields, file), retired);
    }

    /** The optional {@code businessDate}: the name of one of the template's own date fields (not a table's column). */
    private static String businessDate(Map<String, Object> yaml, List<FieldSpec> fields, String file) {
        Object value = yaml.get("businessDate");
        if (value == null) {
            return null;
        }
        String name = String.valueOf(value);
        FieldSpec field = fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(() -> new TemplateInvalid(
                file + ": businessDate names '" + name + "', which is not among the fields; name one of the date fields "
                        + dateFields(fields)));
        if (field.type() != FieldType.DATE) {
            throw new TemplateInvalid(file + ": businessDate names '" + name + "', which is a " + field.type().code()
                    + " field, not a date; name one of the date fields " + dateFields(fields));
        }
        return name;
    }

    private static List<String> dateFields(List<FieldSpec> fields) {
        return fields.stream().filter(f -> f.type() == FieldType.DATE).map(FieldSpec::name).toList();
    }

    private static List<FieldSpec> fields(List<?> entries, String file, boolean tablesAllowed) {
        List<FieldSpec> fields = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> field)) {
                throw new TemplateInvalid(file + ": every entry under fields must be a mapping");
            }
            FieldSpec spec = field(castMap(field), file, tablesAllowed);
            if (fields.stream().anyMatch(f -> f.name().equals(spec.name()))) {
                throw new TemplateInvalid(file + ": field '" + spec.name() + "' is declared twice");
            }
            fields.add(spec);
        }
        for (FieldSpec spec : fields) {
            if (spec.notBefore() != null && fields.stream().noneMatch(f -> f.name().equals(spec.notBefore()) && f.type() == FieldType.DATE
                    && !f.name().equals(spec.name()))) {
                throw new TemplateInvalid(file + ": field '" + spec.name() + "': notBefore must name another date field beside it, not '"
                        + spec.notBefore() + "'");
            }
        }
        for (FieldSpec spec : fields) {
            if (spec.notAbove() != null && fields.stream().noneMatch(f -> f.name().equals(spec.notAbove()) && f.type() == FieldType.NUMBER
                    && !f.name().equals(spec.name()))) {
                throw new TemplateInvalid(file + ": field '" + spec.name() + "': notAbove must name another number field beside it, not '"
                        + spec.notAbove() + "'");
            }
        }
        return List.copyOf(fields);
    }

    private static FieldSpec field(Map<String, Object> field, String file, boolean tablesAllowed) {
        String name = text(field, "name", file);
        String where = file + ": field '" + name + "'";
        if (!name.matches("[a-z][A-Za-z0-9]{0,40}")) {
            throw new TemplateInvalid(where + ": names are letters and digits in camelCase, starting lower-case");
        }
        FieldType type = FieldType.fromCode(text(field, "type", where)).orElseThrow(() -> new TemplateInvalid(
                where + ": type must be one of text, longtext, date, number, boolean, choice, list, table"));
        if (type == FieldType.TABLE && !tablesAllowed) {
            throw new TemplateInvalid(where + ": a table cannot hold another table");
        }
        boolean required = Boolean.TRUE.equals(field.get("required"));
        int maxLength = field.containsKey("maxLength") ? number(field, "maxLength", where) : type.defaultMaxLength();
        int maxItems = field.containsKey("maxItems") ? number(field, "maxItems", where) : 20;
        List<String> options = new ArrayList<>();
        Map<String, Map<String, String>> optionLabels = new LinkedHashMap<>();
        for (Object option : list(field, "options", where)) {
            // an option is a code, or {value: code, label: {nb: ..., da: ...}}: the code is stored, the label shown
            if (option instanceof Map<?, ?> labelled) {
                String value = text(castMap(labelled), "value", where + ": option");
                options.add(value);
                optionLabels.put(value, strings(castMap(labelled), "label", where + ": option '" + value + "'"));
            } else {
                options.add(String.valueOf(option));
            }
        }
        if (type == FieldType.CHOICE && options.isEmpty()) {
            throw new TemplateInvalid(where + ": a choice needs options");
        }
        String pattern = field.get("pattern") == null ? null : String.valueOf(field.get("pattern"));
        if (pattern != null) {
            try {
                java.util.regex.Pattern.compile(pattern);
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new TemplateInvalid(where + ": pattern is not a valid regular expression");
            }
        }
        List<FieldSpec> columns = type == FieldType.TABLE ? fields(list(field, "columns", where), where, false) : List.of();
        if (type == FieldType.TABLE && columns.isEmpty()) {
            throw new TemplateInvalid(where + ": a table needs columns");
        }
        String notBefore = field.get("notBefore") == null ? null : String.valueOf(field.get("notBefore"));
        boolean past = Boolean.TRUE.equals(field.get("past"));
        if ((notBefore != null || past) && type != FieldType.DATE) {
            throw new TemplateInvalid(where + ": notBefore and past are for dates only");
        }
        String notAbove = field.get("notAbove") == null ? null : String.valueOf(field.get("notAbove"));
        if (notAbove != null && type != FieldType.NUMBER) {
            throw new TemplateInvalid(where + ": notAbove is for numbers only");
        }
        return new FieldSpec(name, type, required, strings(field, "label", where), maxLength, maxItems, List.copyOf(options), pattern,
                columns, notBefore, past, Collections.unmodifiableMap(optionLabels), prefill(field.get("prefill"), type, columns, where),
                field.get("example"), notAbove);
    }

    /** {@code prefill: {template: plan, field: goals, columns: {goal: goal}}}; the source is looked up only when a form opens. */
    private static FieldPrefill prefill(Object declared, FieldType type, List<FieldSpec> columns, String where) {
        if (declared == null) {
            return null;
        }
        if (!(declared instanceof Map<?, ?> map)) {
            throw new TemplateInvalid(where + ": prefill must be a mapping with template, field and (for a table) columns");
        }
        Map<String, Object> prefill = castMap(map);
        String template = text(prefill, "template", where + ": prefill");
        String field = text(prefill, "field", where + ": prefill");
        if (!template.matches("[a-z][a-z0-9-]{0,40}") || !field.matches("[a-z][A-Za-z0-9]{0,40}")) {
            throw new TemplateInvalid(where + ": prefill names a template id and a field name");
        }
        Map<String, String> copied = new LinkedHashMap<>();
        if (prefill.get("columns") instanceof Map<?, ?> pairs) {
            pairs.forEach((target, source) -> copied.put(String.valueOf(target), String.valueOf(source)));
        } else if (prefill.get("columns") != null) {
            throw new TemplateInvalid(where + ": prefill columns must map this table's columns to the source's, e.g. {goal: goal}");
        }
        if (type == FieldType.TABLE && copied.isEmpty()) {
            throw new TemplateInvalid(where + ": a table's prefill names the columns it copies");
        }
        if (type != FieldType.TABLE && !copied.isEmpty()) {
            throw new TemplateInvalid(where + ": only a table's prefill has columns");
        }
        for (String target : copied.keySet()) {
            if (columns.stream().noneMatch(column -> column.name().equals(target))) {
                throw new TemplateInvalid(where + ": prefill copies into column '" + target + "', which the table does not have");
            }
        }
        return new FieldPrefill(template, field, Collections.unmodifiableMap(copied));
    }

    private static String text(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null || String.valueOf(value).isBlank()) {
            throw new TemplateInvalid(where + ": '" + key + "' is required");
        }
        return String.valueOf(value);
    }

    private static int number(Map<String, Object> map, String key, String where) {
        if (!(map.get(key) instanceof Integer value)) {
            throw new TemplateInvalid(where + ": '" + key + "' must be a whole number");
        }
        return value;
    }

    private static List<?> list(Map<String, Object> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateInvalid(where + ": '" + key + "' must be a list");
        }
        return list;
    }

    private static Map<String, String> strings(Map<String, Object> map, String key, String where) {
        if (!(map.get(key) instanceof Map<?, ?> value) || value.isEmpty()) {
            throw new TemplateInvalid(where + ": '" + key + "' must map languages to texts, e.g. {nb: ..., da: ...}");
        }
        Map<String, String> result = new LinkedHashMap<>();
        value.forEach((language, text) -> result.put(String.valueOf(language), String.valueOf(text)));
        return Collections.unmodifiableMap(result);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
