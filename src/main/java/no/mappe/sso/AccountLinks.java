package no.mappe.sso;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import no.mappe.archive.BlindIndex;
import no.mappe.archive.FieldCipher;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Sql;
import no.mappe.errors.SignInRefused;
import no.mappe.errors.SignInRefused.Reason;
import no.mappe.security.Directory;
import no.mappe.security.Role;
import no.mappe.security.User;

/**
 * Which Mappe user an account at an identity provider is. The first sign-in of an account finds
 * its user by the configured match claim (compared with usernames, as a password login would) or,
 * where the organisation allows it, creates one; either way the account is then linked by issuer
 * and subject, which providers never reassign, and later sign-ins go by that link alone.
 */
final class AccountLinks {

    /** The password hash of a user made by single sign-on: it matches no password, so that user signs in only through the provider. */
    static final String NO_PASSWORD = "!single-sign-on";
    private static final String ACTOR = "single-sign-on";

    /** A signed-in account as the provider described it. */
    record Account(String issuer, String subject, Optional<String> matchValue, Optional<String> username, String name,
                   Optional<Role> mappedRole) {
    }

    /** The Mappe user an account resolved to, with the role it signs in with. */
    record Resolved(String userId, Role role) {
    }

    private final Directory directory;
    private final BlindIndex subjects;
    private final FieldCipher subjectText;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param subjects    finds a link by issuer and subject
     * @param subjectText keeps the issuer and subject encrypted beside it, so a master key rotation can recompute the index
     */
    AccountLinks(Directory directory, BlindIndex subjects, FieldCipher subjectText, AuditLog audit, Clock clock) {
        this.directory = directory;
        this.subjects = subjects;
        this.subjectText = subjectText;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Finds (or, when the settings allow, creates) the user, links the account on its first
     * sign-in, and brings the user's role in line with the provider's groups when roles are mapped.
     * Runs in the caller's transaction: a refusal leaves nothing behind.
     */
    Resolved resolve(Connection connection, String organisationId, SignInSettings settings, Account account) throws SQLException {
        String issuerAndSubject = account.issuer() + "\n" + account.subject();
        String subjectKey = subjects.of(issuerAndSubject);
        Optional<String> linked = Sql.one(connection,
                "SELECT user_id FROM sign_in_links WHERE organisation_id = ? AND subject_key = ?", row -> row.getString(1),
                organisationId, subjectKey);
        Optional<Stored> user = linked.isPresent() ? byId(connection, organisationId, linked.get()) : byMatch(connection, organisationId,
                account);
        if (user.isPresent() && !user.get().active()) {
            throw new SignInRefused(Reason.DEACTIVATED, "The Mappe user of this account is deactivated");
        }
        if (user.isEmpty()) {
            if (!settings.createsUsers()) {
                throw new SignInRefused(Reason.UNKNOWN_USER, "No Mappe user matches this account, and the organisation does not create"
                        + " users at sign-in");
            }
            user = Optional.of(create(connection, organisationId, account));
        }
        Stored found = user.get();
        if (linked.isEmpty()) {
            boolean taken = Sql.one(connection, "SELECT 1 FROM sign_in_links WHERE organisation_id = ? AND issuer = ?"
                    + " AND user_id = ?", row -> true, organisationId, account.issuer(), found.id()).isPresent();
            if (taken) {
                throw new SignInRefused(Reason.ALREADY_LINKED, "Another account at this identity provider is already linked to the"
                        + " matching Mappe user");
            }
            Sql.execute(connection, "INSERT INTO sign_in_links (organisation_id, subject_key, subject, issuer, user_id, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", organisationId, subjectKey, subjectText.encrypt(issuerAndSubject), account.issuer(),
                    found.id(), Instant.now(clock).toString());
            audit.append(connection, AuditEvent.of(organisationId, ACTOR, "sign-in-linked").on("user", found.id())
                    .withDetail("issuer " + account.issuer()));
        }
        Role role = account.mappedRole().orElse(found.role());
        if (role != found.role()) {
            Sql.execute(connection, "UPDATE users SET role = ? WHERE id = ? AND organisation_id = ?", role.code(),
                    found.id(), organisationId);
            audit.append(connection, AuditEvent.of(organisationId, ACTOR, "role-changed").on("user", found.id())
                    .withDetail("from " + found.role().code() + " to " + role.code() + " by the identity provider's groups"));
        }
        return new Resolved(found.id(), role);
    }

    /** A user as stored, active or not. */
    private record Stored(String id, Role role, boolean active) {
    }

    private static Optional<Stored> byId(Connection connection, String organisationId, String userId) throws SQLException {
        return Sql.one(connection, "SELECT id, role, active FROM users WHERE id = ? AND organisation_id = ?",
                row -> new Stored(row.getString(1), Role.fromCode(row.getString(2)), row.getInt(3) == 1), userId, organisationId);
    }

    /** The organisation's user whose username is the match claim's value; another organisation's user never matches. */
    private Optional<Stored> byMatch(Connection connection, String organisationId, Account account) throws SQLException {
        if (account.matchValue().isEmpty()) {
            return Optional.empty();
        }
        return Sql.one(connection, "SELECT id, role, active FROM users WHERE username_index = ? AND organisation_id = ?",
                row -> new Stored(row.getString(1), Role.fromCode(row.getString(2)), row.getInt(3) == 1),
                directory.usernameIndex(account.matchValue().get()), organisationId);
    }

    /**
     * A new user with the mapped role. Its username is the account's (match claim, else
     * preferred_username or email) when no one has it yet, else a made-up one: usernames are unique
     * across the installation, and an equal name elsewhere says nothing about who this is.
     */
    private Stored create(Connection connection, String organisationId, Account account) throws SQLException {
        Role role = account.mappedRole().orElseThrow(() -> new IllegalStateException("Settings that create users map roles"));
        Optional<String> wanted = account.matchValue().or(account::username).map(Directory::normaliseUsername)
                .filter(name -> !name.isEmpty() && name.length() <= 200);
        String username = wanted.isPresent() && directory.userId(connection, wanted.get()).isEmpty() ? wanted.get() : madeUpUsername();
        String name = account.name().isBlank() ? username : account.name();
        User user = new User(UUID.randomUUID().toString(), organisationId, username, name, role);
        directory.insertUser(connection, user, NO_PASSWORD);
        audit.append(connection, AuditEvent.of(organisationId, ACTOR, "user-created").on("user", user.id())
                .withDetail("by single sign-on, role " + role.code()));
        return new Stored(user.id(), role, true);
    }

    private String madeUpUsername() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder name = new StringBuilder("sso-");
        for (int i = 0; i < 12; i++) {
            name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return name.toString();
    }
}
