package no.mappe.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.PlaintextColumns;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.templates.PngImage;

/**
 * Reads and (for the leader) changes the organisation profile that templates print. It names
 * people (the leader, union and safety representatives), so it is stored encrypted.
 */
public final class ProfileService {

    private static final int MAX_TEXT = 4_000;
    private static final int MAX_ITEMS = 40;
    /** An organisation's logo: a PNG of modest size. */
    private static final PngImage LOGO = new PngImage(300 * 1024, 2000, 2000);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Database database;
    private final Directory directory;
    private final FieldCipher profileCipher;
    private final AuditLog audit;
    private final Clock clock;

    public ProfileService(Database database, Directory directory, FieldCipher profileCipher, AuditLog audit, Clock clock) {
        this.database = database;
        this.directory = directory;
        this.profileCipher = profileCipher;
        this.audit = audit;
        this.clock = clock;
    }

    public OrganisationProfile get(String organisationId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT profile_json, version FROM organisation_profiles WHERE organisation_id = ?",
                row -> parse(profileCipher.decrypt(row.getString(1))).withVersion(row.getInt(2)), organisationId))
                .orElseGet(() -> OrganisationProfile.empty(directory.organisation(organisationId).map(Organisation::name).orElse("")));
    }

    /** The profile as plain maps and lists, which is all a template may see. */
    public Map<String, Object> forTemplates(String organisationId) {
        return templateView(get(organisationId));
    }

    /** A profile as templates see it: plain maps and lists, plus the address on one line. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> templateView(OrganisationProfile profile) {
        Map<String, Object> view = new java.util.LinkedHashMap<>(MAPPER.convertValue(profile, Map.class));
        view.put("addressLine", profile.address().replace("\n", ", "));
        view.put("logoDataUri", profile.logoPng().isEmpty() ? "" : PngImage.DATA_URI_PREFIX + profile.logoPng());
        view.remove("logoPng");
        view.remove("version");
        return view;
    }

    public OrganisationProfile update(Caller caller, OrganisationProfile profile) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can change the organisation profile");
        }
        validate(profile);
        store(caller.organisationId(), caller.userId(), cleaned(profile), profile.version());
        return get(caller.organisationId());
    }

    /** Stores a profile without the leader check; for seeding demo organisations. */
    public void store(String organisationId, String actorId, OrganisationProfile profile) {
        store(organisationId, actorId, profile, null);
    }

    /**
     * Stores the profile as the next version. With an expected version, a profile saved by someone
     * else since (a higher version) refuses the save: the write transaction reads and writes under
     * one lock, so of two saves from the same version exactly one wins.
     */
    private void store(String organisationId, String actorId, OrganisationProfile profile, Integer expectedVersion) {
        String json;
        try {
            json = MAPPER.writeValueAsString(profile.withVersion(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A profile record always serialises", e);
        }
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            int current = Sql.one(connection, "SELECT version FROM organisation_profiles WHERE organisation_id = ?",
                    row -> row.getInt(1), organisationId).orElse(0);
            if (expectedVersion != null && expectedVersion != current) {
                throw new Conflict("Someone else saved the organisation profile after you opened it (version " + current
                        + ", yours " + expectedVersion + "). Open it again to see their change, then make yours.");
            }
            Sql.execute(connection, "INSERT INTO organisation_profiles (organisation_id, profile_json, updated_at, updated_by, version)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET profile_json = excluded.profile_json,"
                    + " updated_at = excluded.updated_at, updated_by = excluded.updated_by, version = excluded.version",
                    organisationId, profileCipher.encrypt(json), now, actorId, current + 1);
            audit.append(connection, AuditEvent.of(organisationId, actorId, "profile-changed").on("organisation", organisationId));
        });
    }

    /** Encrypts profiles stored before they were encrypted (on every start; nothing to do after the first). */
    public int encryptStoredPlaintext(Connection connection) throws SQLException {
        return PlaintextColumns.encrypt(connection, profileCipher, "organisation_profiles", "profile_json");
    }

    /** Checks a profile as a save would (lengths, counts, the logo, the name); throws {@link InvalidFields}. */
    public static void validate(OrganisationProfile profile) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Object> asMap = new java.util.LinkedHashMap<>(MAPPER.convertValue(profile, Map.class));
        asMap.remove("logoPng");
        asMap.remove("version");
        if (!profile.logoPng().isEmpty() && LOGO.problem(profile.logoPng()) != null) {
            errors.add(new FieldError("logoPng", LOGO.problem(profile.logoPng())));
        }
        asMap.forEach((name, value) -> {
            if (value instanceof String text && text.length() > MAX_TEXT) {
                errors.add(new FieldError(name, "must be at most " + MAX_TEXT + " characters"));
            } else if (value instanceof List<?> items) {
                if (items.size() > MAX_ITEMS) {
                    errors.add(new FieldError(name, "must have at most " + MAX_ITEMS + " items"));
                }
                for (int i = 0; i < items.size(); i++) {
                    if (String.valueOf(items.get(i)).length() > MAX_TEXT) {
                        errors.add(new FieldError(name + "[" + i + "]", "must be at most " + MAX_TEXT + " characters"));
                    }
                }
            }
        });
        if (profile.legalName() == null || profile.legalName().isBlank()) {
            errors.add(new FieldError("legalName", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
    }

    /** The logo decoded and written again as a plain PNG, which drops anything but the pixels. */
    public static OrganisationProfile cleaned(OrganisationProfile profile) {
        return profile.logoPng().isEmpty() ? profile : profile.withLogo(LOGO.normalise(profile.logoPng()));
    }

    private static OrganisationProfile parse(String json) {
        try {
            return MAPPER.readValue(json, OrganisationProfile.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored organisation profile cannot be read", e);
        }
    }
}
