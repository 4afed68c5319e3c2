package no.mappe.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.TemplateInvalid;
import no.mappe.security.Caller;
import no.mappe.security.ProfileService;

/**
 * New versions of templates, uploaded by a leader for their own organisation. A version is
 * validated in full before it is stored; once stored it is never changed, and documents keep
 * pointing at the version they were made from. Stored versions join the catalogue again at every
 * start, each under its organisation.
 *
 * <p>Uploads take no lock: candidates are checked side by side (in one organisation or in several),
 * and the database's key (organisation, template, version) decides which of two uploads of the same
 * next version wins; the other is told so (409).
 */
public final class TemplateVersions {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, String>> BY_LANGUAGE = new TypeReference<>() {
    };

    private final Database database;
    private final TemplateCatalogue catalogue;
    private final TemplateValidator validator;
    private final ProfileService profiles;
    private final AuditLog audit;
    private final Clock clock;

    public TemplateVersions(Database database, TemplateCatalogue catalogue, TemplateValidator validator, ProfileService profiles,
                            AuditLog audit, Clock clock) {
        this.database = database;
        this.catalogue = catalogue;
        this.validator = validator;
        this.profiles = profiles;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a leader sends: the manifest as YAML text and the XHTML per language. */
    public record Upload(String manifest, Map<String, String> xhtml) {
    }

    /** One version as listed: where it came from and when. */
    public record VersionInfo(int version, String origin, String uploadedBy, String uploadedAt, List<String> languages) {
    }

    /** Puts every stored version into the catalogue of its organisation; a stored version that no longer reads stops the start. */
    public void loadStored() {
        List<StoredVersion> stored = database.read(connection -> Sql.list(connection,
                "SELECT organisation_id, template_id, version, manifest_yaml, xhtml_json FROM template_versions"
                        + " ORDER BY organisation_id, template_id, version",
                row -> new StoredVersion(row.getString(1), row.getString(2), row.getInt(3), row.getString(4), row.getString(5))));
        for (StoredVersion version : stored) {
            String where = "template_versions " + version.organisationId() + " " + version.templateId() + " v" + version.version();
            try {
                catalogue.register(new TemplateCatalogue.Template(ManifestReader.read(version.manifest(), where),
                        MAPPER.readValue(version.xhtmlJson(), BY_LANGUAGE), version.organisationId()));
            } catch (TemplateInvalid | JsonProcessingException e) {
                throw new StartupRefused(where + " can no longer be read: " + e.getMessage(), e);
            }
        }
    }

    /** Checks and stores a new version of one of the caller's organisation's templates. */
    public TemplateManifest upload(Caller caller, String templateId, Upload upload) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can add template versions");
        }
        String organisationId = caller.organisationId();
        TemplateCatalogue.Template current = catalogue.find(organisationId, templateId)
                .orElseThrow(() -> new NotFound("Template " + templateId));
        if (upload.manifest() == null || upload.manifest().isBlank()) {
            throw new TemplateInvalid("manifest: send the manifest as YAML text");
        }
        TemplateManifest manifest = ManifestReader.read(upload.manifest(), "manifest");
        if (!manifest.id().equals(templateId)) {
            throw new TemplateInvalid("manifest: id is '" + manifest.id() + "' but this is template '" + templateId + "'");
        }
        if (!manifest.documentType().equals(current.manifest().documentType())) {
            throw new TemplateInvalid("manifest: documentType must stay '" + current.manifest().documentType()
                    + "' (retention rules are written for it)");
        }
        int latest = current.manifest().version();
        if (manifest.version() <= latest) {
            throw versionTaken(manifest.version(), latest);
        }
        if (manifest.version() != latest + 1) {
            throw new TemplateInvalid("manifest: version must be " + (latest + 1) + " (the next after " + latest + ")");
        }
        Map<String, String> xhtml = upload.xhtml() == null ? Map.of() : upload.xhtml();
        for (String language : xhtml.keySet()) {
            if (!manifest.languages().contains(language)) {
                throw new TemplateInvalid("xhtml." + language + ": the manifest does not declare this language");
            }
        }
        Map<String, String> sources = new LinkedHashMap<>();
        for (String language : manifest.languages()) {
            validator.checkSource(manifest, language, xhtml.get(language));
            sources.put(language, xhtml.get(language));
        }
        TemplateCatalogue.Template candidate = new TemplateCatalogue.Template(manifest, Map.copyOf(sources), organisationId);
        catalogue.stage(candidate);
        try {
            validator.checkRendering(candidate, profiles.forTemplates(organisationId));
            store(caller, candidate, upload.manifest());
            catalogue.register(candidate);
        } finally {
            // Registered, it stays; rejected (or beaten by another upload), nothing of it is left.
            catalogue.discard(candidate);
        }
        return manifest;
    }

    /** The versions of one template the caller's organisation sees: the shipped base and its own uploads. */
    public List<VersionInfo> versions(String organisationId, String templateId) {
        List<TemplateCatalogue.Template> all = catalogue.versions(organisationId, templateId);
        if (all.isEmpty()) {
            throw new NotFound("Template " + templateId);
        }
        Map<Integer, String[]> uploaded = new LinkedHashMap<>();
        database.read(connection -> Sql.list(connection,
                "SELECT version, uploaded_by, uploaded_at FROM template_versions WHERE organisation_id = ? AND template_id = ?",
                row -> uploaded.put(row.getInt(1), new String[] {row.getString(2), row.getString(3)}), organisationId, templateId));
        return all.stream().map(template -> {
            String[] who = template.shipped() ? null : uploaded.get(template.manifest().version());
            return new VersionInfo(template.manifest().version(), template.shipped() ? "shipped" : "uploaded",
                    who == null ? null : who[0], who == null ? null : who[1], template.manifest().languages());
        }).toList();
    }

    /** The manifest YAML of one version the organisation sees: its own upload's as sent, or the shipped one. */
    public String manifestSource(String organisationId, String templateId, int version) {
        TemplateCatalogue.Template template = catalogue.find(organisationId, templateId, version)
                .orElseThrow(() -> new NotFound("Version " + version + " of template " + templateId));
        if (template.shipped()) {
            return catalogue.shippedManifest(templateId).orElseThrow(() -> new NotFound("Template " + templateId));
        }
        return database.read(connection -> Sql.one(connection, "SELECT manifest_yaml FROM template_versions"
                        + " WHERE organisation_id = ? AND template_id = ? AND version = ?", row -> row.getString(1),
                organisationId, templateId, version)).orElseThrow(() -> new NotFound("Version " + version + " of template " + templateId));
    }

    private void store(Caller caller, TemplateCatalogue.Template template, String manifestYaml) {
        String json;
        try {
            json = MAPPER.writeValueAsString(template.xhtmlByLanguage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serialises", e);
        }
        String now = Instant.now(clock).toString();
        TemplateManifest manifest = template.manifest();
        database.update(connection -> {
            int added = Sql.execute(connection, "INSERT INTO template_versions (organisation_id, template_id, version, manifest_yaml,"
                            + " xhtml_json, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (organisation_id, template_id, version) DO NOTHING",
                    caller.organisationId(), manifest.id(), manifest.version(), manifestYaml, json, caller.userId(), now);
            if (added == 0) {
                throw versionTaken(manifest.version(), manifest.version());
            }
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "template-version-added")
                    .on("template", manifest.id()).withDetail("version " + manifest.version()));
        });
    }

    private static Conflict versionTaken(int version, int latest) {
        return new Conflict("Version " + version + " of this template exists already in your organisation (another upload may"
                + " just have added it); the latest is " + latest + ", so send your changes as version " + (latest + 1));
    }

    private record StoredVersion(String organisationId, String templateId, int version, String manifest, String xhtmlJson) {
    }
}
