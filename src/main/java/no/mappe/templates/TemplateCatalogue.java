package no.mappe.templates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.config.Resources;
import no.mappe.errors.StartupRefused;
import no.mappe.security.AccessLevel;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The templates the service can fill, loaded once at start-up from {@code templates/}:
 * {@code catalogue.yaml} lists the template ids; each id has a {@code manifest.yaml} and one
 * {@code <language>.xhtml} per language it declares. A broken manifest stops the start with a
 * message naming the file.
 */
public final class TemplateCatalogue {

    /** A template ready to fill: its manifest and its XHTML source per language. */
    public record Template(TemplateManifest manifest, Map<String, String> xhtmlByLanguage) {
    }

    private final Map<String, Template> byId;

    private TemplateCatalogue(Map<String, Template> byId) {
        this.byId = byId;
    }

    public static TemplateCatalogue load(Resources resources) {
        String catalogueFile = "catalogue.yaml";
        Map<String, Object> catalogue = yaml(resources, catalogueFile);
        Object ids = catalogue.get("templates");
        if (!(ids instanceof List<?> list) || list.isEmpty()) {
            throw new StartupRefused(resources.describe(catalogueFile) + ": 'templates' must list at least one template id");
        }
        Map<String, Template> byId = new LinkedHashMap<>();
        for (Object id : list) {
            String templateId = String.valueOf(id);
            String manifestFile = templateId + "/manifest.yaml";
            TemplateManifest manifest = ManifestReader.read(templateId, yaml(resources, manifestFile),
                    resources.describe(manifestFile));
            Map<String, String> xhtml = new LinkedHashMap<>();
            for (String language : manifest.languages()) {
                String file = templateId + "/" + language + ".xhtml";
                xhtml.put(language, resources.read(file).orElseThrow(() -> new StartupRefused(
                        resources.describe(manifestFile) + ": declares language '" + language + "' but "
                                + resources.describe(file) + " does not exist")));
            }
            byId.put(templateId, new Template(manifest, Map.copyOf(xhtml)));
        }
        return new TemplateCatalogue(Map.copyOf(byId));
    }

    public Optional<Template> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    public Collection<Template> all() {
        return byId.values().stream().sorted((a, b) -> a.manifest().id().compareTo(b.manifest().id())).toList();
    }

    /** Every document type some template produces: each needs a retention rule. */
    public List<String> documentTypes() {
        return byId.values().stream().map(t -> t.manifest().documentType()).distinct().sorted().toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Resources resources, String file) {
        String text = resources.read(file).orElseThrow(() -> new StartupRefused(resources.describe(file) + " does not exist"));
        try {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(parsed instanceof Map<?, ?>)) {
                throw new StartupRefused(resources.describe(file) + ": must be a YAML mapping");
            }
            return (Map<String, Object>) parsed;
        } catch (YAMLException e) {
            throw new StartupRefused(resources.describe(file) + ": not valid YAML: " + e.getMessage(), e);
        }
    }

    /** Turns a parsed manifest into a {@link TemplateManifest}, naming the file in every complaint. */
    private static final class ManifestReader {

        static TemplateManifest read(String expectedId, Map<String, Object> yaml, String file) {
            String id = text(yaml, "id", file);
            if (!id.equals(expectedId)) {
                throw new StartupRefused(file + ": id is '" + id + "' but the folder is '" + expectedId + "'");
            }
            int version = number(yaml, "version", file);
            int accessLevel = number(yaml, "accessLevel", file);
            if (!AccessLevel.isValid(accessLevel)) {
                throw new StartupRefused(file + ": accessLevel must be 1, 2, 3 or 4");
            }
            List<FieldSpec> fields = new ArrayList<>();
            for (Object entry : list(yaml, "fields", file)) {
                if (!(entry instanceof Map<?, ?> field)) {
                    throw new StartupRefused(file + ": every entry under fields must be a mapping");
                }
                fields.add(field(castMap(field), file));
            }
            return new TemplateManifest(id, version, text(yaml, "documentType", file), strings(yaml, "title", file),
                    list(yaml, "languages", file).stream().map(String::valueOf).toList(), accessLevel,
                    list(yaml, "signers", file).stream().map(String::valueOf).toList(), List.copyOf(fields));
        }

        private static FieldSpec field(Map<String, Object> field, String file) {
            String name = text(field, "name", file);
            String where = file + ": field '" + name + "'";
            FieldType type = FieldType.fromCode(text(field, "type", where))
                    .orElseThrow(() -> new StartupRefused(where + ": type must be one of text, longtext, date, boolean, choice, list"));
            boolean required = Boolean.TRUE.equals(field.get("required"));
            int maxLength = field.containsKey("maxLength") ? number(field, "maxLength", where) : type.defaultMaxLength();
            int maxItems = field.containsKey("maxItems") ? number(field, "maxItems", where) : 20;
            List<String> options = field.containsKey("options")
                    ? list(field, "options", where).stream().map(String::valueOf).toList() : List.of();
            if (type == FieldType.CHOICE && options.isEmpty()) {
                throw new StartupRefused(where + ": a choice needs options");
            }
            return new FieldSpec(name, type, required, strings(field, "label", where), maxLength, maxItems, options);
        }

        private static String text(Map<String, Object> map, String key, String where) {
            Object value = map.get(key);
            if (value == null || String.valueOf(value).isBlank()) {
                throw new StartupRefused(where + ": '" + key + "' is required");
            }
            return String.valueOf(value);
        }

        private static int number(Map<String, Object> map, String key, String where) {
            if (!(map.get(key) instanceof Integer value)) {
                throw new StartupRefused(where + ": '" + key + "' must be a whole number");
            }
            return value;
        }

        private static List<?> list(Map<String, Object> map, String key, String where) {
            Object value = map.get(key);
            if (value == null) {
                return List.of();
            }
            if (!(value instanceof List<?> list)) {
                throw new StartupRefused(where + ": '" + key + "' must be a list");
            }
            return list;
        }

        private static Map<String, String> strings(Map<String, Object> map, String key, String where) {
            if (!(map.get(key) instanceof Map<?, ?> value) || value.isEmpty()) {
                throw new StartupRefused(where + ": '" + key + "' must map languages to texts, e.g. {nb: ..., da: ...}");
            }
            Map<String, String> result = new LinkedHashMap<>();
            value.forEach((language, text) -> result.put(String.valueOf(language), String.valueOf(text)));
            return java.util.Collections.unmodifiableMap(result);
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> castMap(Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
    }
}
