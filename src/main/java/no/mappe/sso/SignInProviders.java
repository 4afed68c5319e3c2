package no.mappe.sso;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.errors.SignInRefused;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.Organisation;

/**
 * Each organisation's identity provider settings, changed by its leader only. The client secret
 * is encrypted with a field key of its own and never given back; every change is audited with the
 * issuer and client id, never the secret.
 */
public final class SignInProviders {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String COLUMNS = "issuer, client_id, client_secret, scopes, role_claim, role_mapping, name_claim, new_users,"
            + " match_claim";

    /** The settings as the leader sees them: without the secret, but whether one is stored. */
    public record View(SignInSettings settings, boolean clientSecretStored) {
    }

    private final Database database;
    private final Directory directory;
    private final FieldCipher secrets;
    private final Discovery discovery;
    private final AuditLog audit;
    private final Clock clock;

    public SignInProviders(Database database, Directory directory, FieldCipher secrets, Discovery discovery, AuditLog audit,
                           Clock clock) {
        this.database = database;
        this.directory = directory;
        this.secrets = secrets;
        this.discovery = discovery;
        this.audit = audit;
        this.clock = clock;
    }

    /** The organisation's settings with the secret decrypted, for signing in; empty when it has none. */
    Optional<SignInSettings> settings(String organisationId) {
        return database.read(connection -> Sql.one(connection, "SELECT " + COLUMNS + " FROM sign_in_providers WHERE organisation_id = ?",
                this::settings, organisationId));
    }

    /** The organisations that sign in with their own provider, for the login page's links. */
    public List<Organisation> organisationsWithSignIn() {
        return database.read(connection -> Sql.list(connection,
                "SELECT o.id, o.name, o.country, o.language, o.policy FROM organisations o"
                        + " JOIN sign_in_providers p ON p.organisation_id = o.id ORDER BY o.name",
                row -> new Organisation(row.getString("id"), row.getString("name"), row.getString("country"),
                        row.getString("language"), row.getString("policy"))));
    }

    public View view(Caller caller) {
        requireLeader(caller);
        SignInSettings stored = settings(caller.organisationId()).orElseThrow(() -> new NotFound(
                "Single sign-on is not set up for this organisation; PUT /api/organisation/sign-in sets it up"));
        return new View(stored.withoutSecret(), stored.clientSecret() != null);
    }

    /**
     * Replaces the settings after checking them and reading the issuer's discovery document, so a
     * wrong issuer is refused now rather than at the first sign-in. Nothing is stored on a refusal.
     */
    public View put(Caller caller, SignInSettings requested) {
        requireLeader(caller);
        SignInSettings settings = requested.validated();
        Optional<SignInSettings> before = settings(caller.organisationId());
        String secret = settings.clientSecret() == null ? before.map(SignInSettings::clientSecret).orElse(null)
                : settings.clientSecret().isEmpty() ? null : settings.clientSecret();
        try {
            discovery.check(settings.issuer());
        } catch (SignInRefused e) {
            throw InvalidFields.of("issuer", "could not be used: " + e.getMessage());
        }
        String now = Instant.now(clock).toString();
        database.update(connection -> {
            Sql.execute(connection, "INSERT INTO sign_in_providers (organisation_id, " + COLUMNS + ", updated_at, updated_by)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET"
                            + " issuer = excluded.issuer, client_id = excluded.client_id, client_secret = excluded.client_secret,"
                            + " scopes = excluded.scopes, role_claim = excluded.role_claim, role_mapping = excluded.role_mapping,"
                            + " name_claim = excluded.name_claim, new_users = excluded.new_users, match_claim = excluded.match_claim,"
                            + " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                    caller.organisationId(), settings.issuer(), settings.clientId(), secret == null ? null : secrets.encrypt(secret),
                    String.join(" ", settings.scopes()), settings.roleClaim(), json(settings.roles()), settings.nameClaim(),
                    settings.newUsers(), settings.matchClaim(), now, caller.userId());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "sign-in-settings-changed")
                    .on("organisation", caller.organisationId())
                    .withDetail("issuer " + settings.issuer() + ", client " + settings.clientId() + ", role claim "
                            + settings.roleClaim() + " " + settings.roles() + ", new users " + settings.newUsers() + ", match claim "
                            + settings.matchClaim() + (secret == null ? ", no client secret" : ", client secret stored")));
        });
        before.ifPresent(old -> discovery.forget(old.issuer()));
        return view(caller);
    }

    /** Turns single sign-on off: the settings and the links to the provider's accounts go; the users stay. */
    public void remove(Caller caller) {
        requireLeader(caller);
        SignInSettings before = settings(caller.organisationId()).orElseThrow(() -> new NotFound(
                "Single sign-on is not set up for this organisation; there is nothing to remove"));
        database.update(connection -> {
            Sql.execute(connection, "DELETE FROM sign_in_links WHERE organisation_id = ?", caller.organisationId());
            Sql.execute(connection, "DELETE FROM sign_in_flows WHERE organisation_id = ?", caller.organisationId());
            Sql.execute(connection, "DELETE FROM sign_in_providers WHERE organisation_id = ?", caller.organisationId());
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "sign-in-settings-removed")
                    .on("organisation", caller.organisationId()).withDetail("issuer " + before.issuer()));
        });
        discovery.forget(before.issuer());
    }

    /** The organisation's name, for pages; empty for an unknown id. */
    Optional<String> organisationName(String organisationId) {
        return directory.organisation(organisationId).map(Organisation::name);
    }

    private static void requireLeader(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader can see and change how the organisation signs in");
        }
    }

    private SignInSettings settings(ResultSet row) throws SQLException {
        String secret = row.getString("client_secret");
        return new SignInSettings(row.getString("issuer"), row.getString("client_id"), secret == null ? null : secrets.decrypt(secret),
                Arrays.asList(row.getString("scopes").split(" ")), row.getString("role_claim"), roles(row.getString("role_mapping")),
                row.getString("name_claim"), row.getString("new_users"), row.getString("match_claim"));
    }

    private static String json(Map<String, String> roles) {
        try {
            return MAPPER.writeValueAsString(roles);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A map of strings always serialises", e);
        }
    }

    private static Map<String, String> roles(String json) {
        try {
            return MAPPER.readValue(json, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored role mapping cannot be read", e);
        }
    }
}
