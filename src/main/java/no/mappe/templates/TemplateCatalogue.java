package no.mappe.templates;

import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;
import no.mappe.config.Resources;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.Sha256;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Every template Mappe can fill, in every version it has had, per organisation. {@code catalogue.yaml}
 * lists the shipped template ids and the shared partials (layout, signature block); each template
 * folder has a {@code manifest.yaml} and one {@code <language>.xhtml} per language it declares.
 *
 * <p>The shipped templates are the shared base. A leader adds versions by upload ({@link #register});
 * an uploaded version belongs to the leader's organisation alone: only there is it found, listed,
 * used for new documents and counted when the next version number is given. Every lookup therefore
 * names the organisation. Documents keep the version they were made from.
 */
public final class TemplateCatalogue {

    /** One version of a template: its manifest, its XHTML source per language, and whose it is. */
    public record Template(TemplateManifest manifest, Map<String, String> xhtmlByLanguage, String organisationId) {

        /** A shipped version, part of the shared base. */
        public Template(TemplateManifest manifest, Map<String, String> xhtmlByLanguage) {
            this(manifest, xhtmlByLanguage, null);
        }

        public boolean shipped() {
            return organisationId == null;
        }

        /**
         * The name the template engine knows this version and language by. It carries the owner and a
         * hash of the source, so two candidates for the same version number (in one organisation or
         * in two) never share a compiled template, and a compiled template always matches its source.
         */
        public String sourceName(String language) {
            String owner = shipped() ? "shipped" : "org:" + organisationId;
            return owner + "/" + manifest.id() + "@" + manifest.version() + "/" + language + "#"
                    + contentHash(xhtmlByLanguage.getOrDefault(language, ""));
        }
    }

    private final Map<String, Template> shippedById = new LinkedHashMap<>();
    /** The shipped manifests as written, for the template text editor to count the next version on from. */
    private final Map<String, String> shippedManifests = new LinkedHashMap<>();
    private final Map<String, Map<String, NavigableMap<Integer, Template>>> uploadedByOrganisation = new ConcurrentHashMap<>();
    private final Map<String, String> partials;
    /** Sources of every registered version by engine name; never removed (versions are immutable). */
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    /** Candidates being checked, by engine name, with how many uploads hold each. */
    private final Map<String, Staged> staged = new ConcurrentHashMap<>();
    private final List<Consumer<String>> forgetListeners = new CopyOnWriteArrayList<>();

    private record Staged(String source, int holders) {
    }

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
                String manifestYaml = resources.read(manifestFile).orElseThrow(() -> new StartupRefused(where + " does not exist"));
                TemplateManifest manifest = ManifestReader.read(manifestYaml, where);
                loaded.shippedManifests.put(templateId, manifestYaml);
                if (!manifest.id().equals(templateId)) {
                    throw new StartupRefused(where + ": id is '" + manifest.id() + "' but the folder is '" + templateId + "'");
                }
                Map<String, String> xhtml = new LinkedHashMap<>();
                for (String language : manifest.languages()) {
                    String file = templateId + "/" + language + ".xhtml";
                    xhtml.put(language, resources.read(file).orElseThrow(() -> new StartupRefused(
                            where + ": declares language '" + language + "' but " + resources.describe(file) + " does not exist")));
                }
                Template template = new Template(manifest, Map.copyOf(xhtml));
                loaded.shippedById.put(templateId, template);
                loaded.addSources(template);
            } catch (TemplateInvalid e) {
                throw new StartupRefused(e.getMessage(), e);
            }
        }
        return loaded;
    }

    /** Adds an organisation's uploaded version (already validated); it becomes the one its new documents use. */
    public void register(Template template) {
        if (template.shipped()) {
            throw new IllegalArgumentException("Uploaded versions belong to an organisation");
        }
        addSources(template);
        uploadedByOrganisation.computeIfAbsent(template.organisationId(), organisation -> new ConcurrentHashMap<>())
                .computeIfAbsent(template.manifest().id(), id -> new ConcurrentSkipListMap<>())
                .put(template.manifest().version(), template);
    }

    /**
     * Makes a candidate version fillable by its engine name while it is being checked, without any
     * document using it; {@link #discard} drops it again (a registered version stays).
     */
    void stage(Template template) {
        for (String language : template.xhtmlByLanguage().keySet()) {
            String source = template.xhtmlByLanguage().get(language);
            staged.merge(template.sourceName(language), new Staged(source, 1),
                    (held, added) -> new Staged(held.source(), held.holders() + 1));
        }
    }

    /** Ends one upload's hold on a candidate; the last hold gone, nothing of it stays (the engine forgets it too). */
    void discard(Template template) {
        for (String language : template.xhtmlByLanguage().keySet()) {
            String name = template.sourceName(language);
            Staged left = staged.computeIfPresent(name, (key, held) -> held.holders() <= 1 ? null
                    : new Staged(held.source(), held.holders() - 1));
            if (left == null && !sources.containsKey(name)) {
                forgetListeners.forEach(listener -> listener.accept(name));
            }
        }
    }

    /** Tells {@code listener} the engine name of every discarded candidate, so compiled copies go too. */
    void onForget(Consumer<String> listener) {
        forgetListeners.add(listener);
    }

    /** Names of the shared partials templates may include or extend. */
    public Set<String> partialNames() {
        return partials.keySet();
    }

    private void addSources(Template template) {
        template.xhtmlByLanguage().forEach((language, source) -> sources.put(template.sourceName(language), source));
    }

    /** Every version of one template an organisation sees: the shipped base and its own uploads (its own win a tie). */
    private NavigableMap<Integer, Template> versionsOf(String organisationId, String id) {
        NavigableMap<Integer, Template> versions = new TreeMap<>();
        if (id == null) {
            return versions;
        }
        Template base = shippedById.get(id);
        if (base != null) {
            versions.put(base.manifest().version(), base);
        }
        if (organisationId != null) {
            versions.putAll(uploadedByOrganisation.getOrDefault(organisationId, Map.of())
                    .getOrDefault(id, Collections.emptyNavigableMap()));
        }
        return versions;
    }

    /** The latest version of a template for one organisation. */
    public Optional<Template> find(String organisationId, String id) {
        NavigableMap<Integer, Template> versions = versionsOf(organisationId, id);
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    /** One exact version as one organisation knows it, e.g. to render an old document again. */
    /** The YAML of a shipped template's manifest, as shipped. */
    Optional<String> shippedManifest(String id) {
        return Optional.ofNullable(shippedManifests.get(id));
    }

    public Optional<Template> find(String organisationId, String id, int version) {
        return Optional.ofNullable(versionsOf(organisationId, id).get(version));
    }

    /** Every version of one template an organisation sees, oldest first. */
    public List<Template> versions(String organisationId, String id) {
        return List.copyOf(versionsOf(organisationId, id).values());
    }

    /** The latest version of every template one organisation sees, by id. */
    public Collection<Template> all(String organisationId) {
        Set<String> ids = new TreeSet<>(shippedById.keySet());
        if (organisationId != null) {
            ids.addAll(uploadedByOrganisation.getOrDefault(organisationId, Map.of()).keySet());
        }
        return ids.stream().map(id -> find(organisationId, id).orElseThrow()).toList();
    }

    /** The shipped base, by id: what every organisation starts from. */
    public Collection<Template> shipped() {
        return List.copyOf(shippedById.values());
    }

    /** The shipped version of one template. */
    public Optional<Template> shipped(String id) {
        return Optional.ofNullable(id == null ? null : shippedById.get(id));
    }

    /** Every document type some template produces, in any organisation: each needs a retention rule. */
    public List<String> documentTypes() {
        Stream<Template> uploaded = uploadedByOrganisation.values().stream().flatMap(byId -> byId.values().stream())
                .flatMap(versions -> versions.values().stream());
        return Stream.concat(shippedById.values().stream(), uploaded).map(t -> t.manifest().documentType()).distinct().sorted()
                .toList();
    }

    /** The source of a template version (by {@link Template#sourceName}), of a candidate being checked, or of a shared partial. */
    Optional<String> source(String name) {
        String partial = partials.get(name);
        if (partial != null) {
            return Optional.of(partial);
        }
        String registered = sources.get(name);
        if (registered != null) {
            return Optional.of(registered);
        }
        Staged candidate = staged.get(name);
        return candidate == null ? Optional.empty() : Optional.of(candidate.source());
    }

    /**
     * Whether filling this template in this language may print the case's forms (the variable
     * {@code caseForms}, which costs a read of every document of the case): only when its source or a
     * shared partial names the variable, or names the engine's whole context, through which any
     * variable can be reached. The sandbox lets a template include or extend only shared partials,
     * named literally ({@link SandboxRules}), so no other source can bring the name in. Only the
     * welcome folder does today.
     */
    public boolean readsCaseForms(Template template, String language) {
        return namesCaseForms(template.xhtmlByLanguage().getOrDefault(language, ""))
                || partials.values().stream().anyMatch(TemplateCatalogue::namesCaseForms);
    }

    private static boolean namesCaseForms(String source) {
        return source.contains("caseForms") || source.contains("_context");
    }

    /** The first 128 bits of the SHA-256 of a source, in hex. */
    static String contentHash(String source) {
        return HexFormat.of().formatHex(Sha256.of(source), 0, 16);
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
