package no.mappe.people;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import no.mappe.audit.AuditEvent;
import no.mappe.audit.AuditLog;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.CasesNeedReassignment;
import no.mappe.errors.Conflict;
import no.mappe.errors.InvalidFields;
import no.mappe.errors.InvalidFields.FieldError;
import no.mappe.errors.NotAllowed;
import no.mappe.errors.NotFound;
import no.mappe.search.IndexOutbox;
import no.mappe.security.Caller;
import no.mappe.security.Directory;
import no.mappe.security.LoginAttempts;
import no.mappe.security.Role;
import no.mappe.security.Sessions;
import no.mappe.security.User;

/**
 * The leader's management of their organisation's people: add, change role, deactivate and
 * reactivate, unlock after a lockout, and a new one-time link to set a password. Every change is
 * audited; a person of another organisation is not found. Two rules keep the organisation
 * workable: it always keeps an active leader, and nobody leaves (or becomes office staff, who hold
 * no cases) while participants' cases are still assigned to them.
 */
public final class People {

    static final int MAX_NAME = 200;
    static final int MAX_USERNAME = 254;

    private final Database database;
    private final Directory directory;
    private final SetupTokens tokens;
    private final Sessions sessions;
    private final LoginAttempts attempts;
    private final AuditLog audit;

    public People(Database database, Directory directory, SetupTokens tokens, Sessions sessions, LoginAttempts attempts,
                  AuditLog audit) {
        this.database = database;
        this.directory = directory;
        this.tokens = tokens;
        this.sessions = sessions;
        this.attempts = attempts;
        this.audit = audit;
    }

    /** A person just added, and the link they set their password with. */
    public record Added(Person person, SetupTokens.Issued link) {
    }

    /** Everyone of the caller's organisation, deactivated people too, by name. */
    public List<Person> list(Caller caller) {
        requireLeader(caller);
        Map<String, Integer> cases = caseCounts(caller.organisationId());
        return directory.members(caller.organisationId()).stream().map(member -> person(member, cases)).toList();
    }

    public Person get(Caller caller, String userId) {
        requireLeader(caller);
        return person(caller.organisationId(), userId);
    }

    public Added add(Caller caller, NewPerson request) {
        requireLeader(caller);
        List<FieldError> errors = new ArrayList<>();
        validate(request, "", errors);
        Optional<Role> role = request == null ? Optional.empty() : roleOf(request.role());
        if (role.isEmpty()) {
            errors.add(new FieldError("role", "must be one of " + roleCodes()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFields(errors);
        }
        return database.write(connection -> insert(connection, caller.organisationId(), request, role.get(), caller.userId(), ""));
    }

    /** The participants' cases assigned to a person (what must be reassigned before they can leave). */
    public List<String> casesOf(Caller caller, String userId) {
        requireLeader(caller);
        person(caller.organisationId(), userId);
        return database.read(connection -> casesOf(connection, caller.organisationId(), userId));
    }

    public Person changeRole(Caller caller, String userId, String roleCode) {
        requireLeader(caller);
        Role role = roleOf(roleCode).orElseThrow(() -> InvalidFields.of("role", "must be one of " + roleCodes()));
        boolean changed = database.write(connection -> {
            Directory.Member member = member(connection, caller.organisationId(), userId);
            Role before = member.user().role();
            if (before == role) {
                return false;
            }
            if (before == Role.LEADER) {
                keepALeader(connection, caller.organisationId(), member, "give the leader role to someone else before changing this role");
                handOverRecords(connection, caller, userId);
            }
            if (!role.worksCases()) {
                List<String> cases = casesOf(connection, caller.organisationId(), userId);
                if (!cases.isEmpty()) {
                    throw new CasesNeedReassignment("change the role to " + (role == Role.OFFICE ? "office" : "ordinary employee"), cases);
                }
            }
            directory.setRole(connection, userId, role);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "person-role-changed").on("user", userId)
                    .withDetail("from " + before.code() + " to " + role.code()));
            return true;
        });
        if (changed) {
            sessions.endAllFor(userId); // a session carries its role: the person signs in again and gets the new one
        }
        return person(caller.organisationId(), userId);
    }

    /**
     * The person can no longer sign in and their sessions end at once. Refused while participants'
     * cases are assigned to them, and for the organisation's last active leader.
     */
    public Person deactivate(Caller caller, String userId) {
        requireLeader(caller);
        database.update(connection -> {
            Directory.Member member = member(connection, caller.organisationId(), userId);
            if (!member.active()) {
                return;
            }
            if (member.user().role() == Role.LEADER) {
                keepALeader(connection, caller.organisationId(), member, "make someone else leader before deactivating this one");
            }
            List<String> cases = casesOf(connection, caller.organisationId(), userId);
            if (!cases.isEmpty()) {
                throw new CasesNeedReassignment("deactivate the person", cases);
            }
            handOverRecords(connection, caller, userId);
            directory.setActive(connection, userId, false);
            tokens.revoke(connection, userId);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "person-deactivated").on("user", userId));
        });
        sessions.endAllFor(userId);
        return person(caller.organisationId(), userId);
    }

    /** The person may sign in again, with the password they had (or a new link from the leader). */
    public Person reactivate(Caller caller, String userId) {
        requireLeader(caller);
        database.update(connection -> {
            Directory.Member member = member(connection, caller.organisationId(), userId);
            if (member.active()) {
                return;
            }
            directory.setActive(connection, userId, true);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "person-reactivated").on("user", userId));
        });
        return person(caller.organisationId(), userId);
    }

    /** Lifts a lockout after too many failed sign-ins, at once instead of when its window ends. */
    public void unlock(Caller caller, String userId) {
        requireLeader(caller);
        Directory.Member member = directory.member(caller.organisationId(), userId).orElseThrow(() -> new NotFound("Person " + userId));
        attempts.clear(Directory.normaliseUsername(member.user().username()));
        audit.record(AuditEvent.of(caller.organisationId(), caller.userId(), "person-unlocked").on("user", userId));
    }

    /**
     * A new one-time link for the person to set a new password. The old password stops working and
     * the person's sessions end at once: a reset is also what a leader does when an account may be
     * in someone else's hands. Mappe sends no e-mail: the leader hands the link over.
     */
    public SetupTokens.Issued resetLink(Caller caller, String userId) {
        requireLeader(caller);
        SetupTokens.Issued link = database.write(connection -> {
            Directory.Member member = member(connection, caller.organisationId(), userId);
            if (!member.active()) {
                throw new Conflict("This person is deactivated; reactivate them before making a link to set a password");
            }
            directory.setPasswordHashOf(connection, userId, SetupTokens.NO_PASSWORD);
            return tokens.issue(connection, caller.organisationId(), userId, SetupTokens.Purpose.RESET, caller.userId());
        });
        sessions.endAllFor(userId);
        return link;
    }

    /**
     * The operator's way in when no leader can help (the only leader forgot their password or is
     * locked out): a new link for the person with this username, on any organisation, with the
     * same effects as a leader's reset and the lockout lifted. Audited as done by the operator.
     */
    public Operated resetByOperator(String username) {
        Operated done = database.write(connection -> {
            Directory.Member member = memberByUsername(connection, username);
            if (!member.active()) {
                throw new Conflict("This person is deactivated; a leader of their organisation can reactivate them");
            }
            directory.setPasswordHashOf(connection, member.user().id(), SetupTokens.NO_PASSWORD);
            return new Operated(member.user(), tokens.issue(connection, member.user().organisationId(), member.user().id(),
                    SetupTokens.Purpose.RESET, Organisations.OPERATOR));
        });
        sessions.endAllFor(done.user().id());
        attempts.clear(Directory.normaliseUsername(done.user().username()));
        return done;
    }

    /** Lifts the lockout of the person with this username, on any organisation; audited as done by the operator. */
    public User unlockByOperator(String username) {
        Directory.Member member = database.read(connection -> memberByUsername(connection, username));
        attempts.clear(Directory.normaliseUsername(member.user().username()));
        audit.record(AuditEvent.of(member.user().organisationId(), Organisations.OPERATOR, "person-unlocked")
                .on("user", member.user().id()));
        return member.user();
    }

    /** What the operator did to whom, and the link when one was made. */
    public record Operated(User user, SetupTokens.Issued link) {
    }

    private Directory.Member memberByUsername(Connection connection, String username) throws SQLException {
        String id = directory.userId(connection, username).orElseThrow(() -> new NotFound("A person with this username"));
        String organisationId = Sql.one(connection, "SELECT organisation_id FROM users WHERE id = ?", row -> row.getString(1), id)
                .orElseThrow();
        return directory.member(connection, organisationId, id).orElseThrow();
    }

    /**
     * Adds a person in the caller's transaction with a link to set their password (also used for
     * an organisation's first leader). The username must be free on the whole installation, since
     * it is what people sign in with.
     */
    Added insert(Connection connection, String organisationId, NewPerson request, Role role, String actorId, String fieldPrefix)
            throws SQLException {
        String username = request.username().strip();
        if (directory.userId(connection, username).isPresent()) {
            throw InvalidFields.of(fieldPrefix + "username", "is already in use on this Mappe; choose another (usernames are unique"
                    + " across all organisations here, because people sign in with them)");
        }
        User user = new User(UUID.randomUUID().toString(), organisationId, username, request.name().strip(), role);
        directory.insertUser(connection, user, SetupTokens.NO_PASSWORD);
        audit.append(connection, AuditEvent.of(organisationId, actorId, "person-added").on("user", user.id()).withDetail(role.code()));
        SetupTokens.Issued link = tokens.issue(connection, organisationId, user.id(), SetupTokens.Purpose.SETUP, actorId);
        return new Added(new Person(user.id(), user.displayName(), user.username(), role.code(), true, 0, false), link);
    }

    /** Checks a new person's name and username, adding what is wrong to {@code errors}. */
    static void validate(NewPerson request, String fieldPrefix, List<FieldError> errors) {
        String name = request == null ? null : request.name();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(fieldPrefix + "name", "is required"));
        } else if (name.strip().length() > MAX_NAME) {
            errors.add(new FieldError(fieldPrefix + "name", "must be at most " + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(fieldPrefix + "name", "must be on one line, without control characters"));
        }
        String username = request == null ? null : request.username();
        if (username == null || username.isBlank()) {
            errors.add(new FieldError(fieldPrefix + "username", "is required (a username or an e-mail address)"));
        } else if (username.strip().length() > MAX_USERNAME) {
            errors.add(new FieldError(fieldPrefix + "username", "must be at most " + MAX_USERNAME + " characters"));
        } else if (username.strip().codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            errors.add(new FieldError(fieldPrefix + "username", "must not contain spaces"));
        }
    }

    static Optional<Role> roleOf(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Role role : Role.values()) {
            if (role.code().equals(code)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static List<String> roleCodes() {
        return java.util.Arrays.stream(Role.values()).map(Role::code).toList();
    }

    private static void requireLeader(Caller caller) {
        if (!caller.isLeader()) {
            throw new NotAllowed("Only the leader manages the organisation's people");
        }
    }

    private Directory.Member member(Connection connection, String organisationId, String userId) throws SQLException {
        return directory.member(connection, organisationId, userId).orElseThrow(() -> new NotFound("Person " + userId));
    }

    private Person person(String organisationId, String userId) {
        Directory.Member member = directory.member(organisationId, userId).orElseThrow(() -> new NotFound("Person " + userId));
        return person(member, caseCounts(organisationId));
    }

    private Person person(Directory.Member member, Map<String, Integer> cases) {
        User user = member.user();
        return new Person(user.id(), user.displayName(), user.username(), user.role().code(), member.active(),
                cases.getOrDefault(user.id(), 0), attempts.locked(Directory.normaliseUsername(user.username())));
    }

    /** An organisation must keep an active leader: refused when this one is the last. */
    private void keepALeader(Connection connection, String organisationId, Directory.Member member, String what) throws SQLException {
        if (member.active() && directory.activeLeaders(connection, organisationId) <= 1) {
            throw new Conflict("This is the organisation's last active leader, and an organisation must keep one: " + what + ".");
        }
    }

    private Map<String, Integer> caseCounts(String organisationId) {
        Map<String, Integer> counts = new HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT counsellor_id, COUNT(*) FROM cases WHERE organisation_id = ?"
                + " AND kind = 'participant' GROUP BY counsellor_id", row -> counts.put(row.getString(1), row.getInt(2)), organisationId));
        return counts;
    }

    private static List<String> casesOf(Connection connection, String organisationId, String userId) throws SQLException {
        return Sql.list(connection, "SELECT id FROM cases WHERE organisation_id = ? AND counsellor_id = ? AND kind = 'participant'"
                + " ORDER BY created_at, id", row -> row.getString(1), organisationId, userId);
    }

    /**
     * The organisation's own records (disposal certificates) and its minutes book sit with a leader.
     * When that leader stops being one, they pass to another active leader: the one acting, if it is someone else.
     */
    private void handOverRecords(Connection connection, Caller caller, String fromUserId) throws SQLException {
        List<String> books = Sql.list(connection, "SELECT id FROM cases WHERE organisation_id = ? AND kind IN ('records', 'minutes')"
                + " AND counsellor_id = ?", row -> row.getString(1), caller.organisationId(), fromUserId);
        if (books.isEmpty()) {
            return;
        }
        Optional<String> leader = Sql.one(connection, "SELECT id FROM users WHERE organisation_id = ? AND role = 'leader' AND active = 1"
                + " AND id <> ? ORDER BY id = ? DESC, id LIMIT 1", row -> row.getString(1), caller.organisationId(), fromUserId,
                caller.userId());
        if (leader.isEmpty()) {
            return; // cannot happen: the last leader is kept
        }
        for (String book : books) {
            Sql.execute(connection, "UPDATE cases SET counsellor_id = ? WHERE id = ?", leader.get(), book);
            audit.append(connection, AuditEvent.of(caller.organisationId(), caller.userId(), "case-reassigned").on("case", book)
                    .withDetail("from " + fromUserId + " to " + leader.get()));
            IndexOutbox.caseChanged(connection, caller.organisationId(), book);
        }
    }
}
