package no.mappe.templates;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import no.mappe.config.Resources;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.TemplateInvalid;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Every template Mappe can fill, in every version it has had. {@code catalogue.yaml} lists the
 * shipped template ids and the shared partials (layout, signature block); each template folder has
 * a {@code manifest.yaml} and one {@code <language>.xhtml} per language it declares. Leaders add
 * versions by upload ({@link #register}); documents keep the version they were made from.
 */
public final class TemplateCatalogue {

    /** One version of a template: its manifest and its XHTML source per language. */
    public record Template(TemplateManifest manifest, Map<String, String> xhtmlByLanguage) {

        /** The name the template engine knows this version and language by. */
        public String sourceName(String language) {
            return manifest.id() + "@" + manifest.version() + "/" + language;
        }
    }

    private final Map<String, NavigableMap<Integer, Template>> versionsById = new ConcurrentHashMap<>();
    private final Map<String, String> partials;
    private final Map<String, Template> staged = new ConcurrentHashMap<>();

    private TemplateCatalogue(Map<String, String> partials) {
        this.partials = Map.copyOf(partials);
    }

    public static TemplateCatalogue load(Resources resources) {
        String catalogueFile = "catalogue.yaml";
        Map<String, Object> catalogue = yaml(resources, catalogueFile);
        if (!(catalogue.get("templates") instanceof List<?> ids) || ids.isEmpty()) {
            throw new StartupRefused(resources.describe(catalogueFile) + ": 'templates' must list at least one template id");
        }
        Map<String, String> partials = new LinkedHashMap<>();
        if (catalogue.get("partials") instanceof List<?> names) {
            for (Object name : names) {
                String file = "_partials/" + name + ".xhtml";
                partials.put(String.valueOf(name), resources.read(file)
                        .orElseThrow(() -> new StartupRefused(resources.describe(file) + " does not exist")));
            }
        }
        TemplateCatalogue loaded = new TemplateCatalogue(partials);
        for (Object id : ids) {
            String templateId = String.valueOf(id);
            String manifestFile = templateId + "/manifest.yaml";
            String where = resources.describe(manifestFile);
            try {
                TemplateManifest manifest = ManifestReader.read(resources.read(manifestFile)
                        .orElseThrow(() -> new StartupRefused(where + " does not exist")), where);
                if (!manifest.id().equals(templateId)) {
                    throw new StartupRefused(where + ": id is '" + manifest.id() + "' but the folder is '" + templateId + "'");
                }
                Map<String, String> xhtml = new LinkedHashMap<>();
                for (String language : manifest.languages()) {
                    String file = templateId + "/" + language + ".xhtml";
                    xhtml.put(language, resources.read(file).orElseThrow(() -> new StartupRefused(
                            where + ": declares language '" + language + "' but " + resources.describe(file) + " does not exist")));
                }
                loaded.add(new Template(manifest, Map.copyOf(xhtml)));
            } catch (TemplateInvalid e) {
                throw new StartupRefused(e.getMessage(), e);
            }
        }
        return loaded;
    }

    /** Adds an uploaded version (already validated); it becomes the one new documents use. */
    public void register(Template template) {
        add(template);
        staged.remove(template.sourceName(""), template);
    }

    /**
     * Makes a candidate version fillable by name while it is being checked, without any document
     * using it yet; {@link #register} promotes it, {@link #discard} drops it.
     */
    void stage(Template template) {
        staged.put(template.sourceName(""), template);
    }

    void discard(Template template) {
        staged.remove(template.sourceName(""), template);
    }

    /** Names of the shared partials templates may include or extend. */
    public java.util.Set<String> partialNames() {
        return partials.keySet();
    }

    private void add(Template template) {
        versionsById.computeIfAbsent(template.manifest().id(), id -> new ConcurrentSkipListMap<>())
                .put(template.manifest().version(), template);
    }

    /** The latest version of a template. */
    public Optional<Template> find(String id) {
        NavigableMap<Integer, Template> versions = id == null ? null : versionsById.get(id);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** One exact version, e.g. to render an old document again. */
    public Optional<Template> find(String id, int version) {
        NavigableMap<Integer, Template> versions = id == null ? null : versionsById.get(id);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    /** Every version of one template, oldest first. */
    public List<Template> versions(String id) {
        NavigableMap<Integer, Template> versions = versionsById.get(id);
        return versions == null ? List.of() : List.copyOf(versions.values());
    }

    /** The latest version of every template, by id. */
    public Collection<Template> all() {
        return versionsById.keySet().stream().sorted().map(id -> find(id).orElseThrow()).toList();
    }

    /** Every document type some template produces: each needs a retention rule. */
    public List<String> documentTypes() {
        return versionsById.values().stream().flatMap(versions -> versions.values().stream())
                .map(t -> t.manifest().documentType()).distinct().sorted().toList();
    }

    /** The source of a template version (by {@link Template#sourceName}) or of a shared partial. */
    Optional<String> source(String name) {
        String partial = partials.get(name);
        if (partial != null) {
            return Optional.of(partial);
        }
        int at = name.indexOf('@');
        int slash = name.indexOf('/');
        if (at < 0 || slash < at) {
            return Optional.empty();
        }
        try {
            Template stagedVersion = staged.get(name.substring(0, slash + 1));
            if (stagedVersion != null) {
                return Optional.ofNullable(stagedVersion.xhtmlByLanguage().get(name.substring(slash + 1)));
            }
            return find(name.substring(0, at), Integer.parseInt(name.substring(at + 1, slash)))
                    .map(t -> t.xhtmlByLanguage().get(name.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
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
}
