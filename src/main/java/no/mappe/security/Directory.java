package no.mappe.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import no.mappe.archive.BlindIndex;
import no.mappe.archive.FieldCipher;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.errors.StartupRefused;

/**
 * Organisations and users as stored in the database. A user's username (often an e-mail address)
 * and display name are stored encrypted; login and uniqueness go through a keyed blind index of the
 * normalised username, so the database never holds either in the clear.
 */
public final class Directory {

    private final Database database;
    private final FieldCipher fields;
    private final BlindIndex usernames;

    public Directory(Database database, MasterKey masterKey) {
        this.database = database;
        this.fields = masterKey.fieldCipher("user");
        this.usernames = masterKey.blindIndex("username");
    }

    public List<Organisation> organisations() {
        return database.read(connection -> Sql.list(connection,
                "SELECT id, name, country, language, policy FROM organisations ORDER BY name", Directory::organisation));
    }

    public Optional<Organisation> organisation(String id) {
        return database.read(connection -> Sql.one(connection,
                "SELECT id, name, country, language, policy FROM organisations WHERE id = ?", Directory::organisation, id));
    }

    /** The user with this id in this organisation; empty for another organisation's user. */
    public Optional<User> user(String organisationId, String userId) {
        return database.read(connection -> Sql.one(connection,
                "SELECT id, organisation_id, username, display_name, role FROM users"
                        + " WHERE id = ? AND organisation_id = ? AND active = 1",
                this::user, userId, organisationId));
    }

    /** The organisation's active users, by display name (sorted here: the database holds only ciphertext). */
    public List<User> users(String organisationId) {
        List<User> users = new ArrayList<>(database.read(connection -> Sql.list(connection,
                "SELECT id, organisation_id, username, display_name, role FROM users WHERE organisation_id = ? AND active = 1",
                this::user, organisationId)));
        // As people from Norway and Denmark expect them (æ, ø, å last); a collator per call, as one is not made for sharing.
        users.sort(Comparator.comparing(User::displayName, Collator.getInstance(Locale.forLanguageTag("nb"))));
        return users;
    }

    /**
     * The names of every user of the organisation, deactivated ones too: who did what stays named in
     * audit trails and exports after they leave.
     */
    public Map<String, String> names(String organisationId) {
        Map<String, String> names = new HashMap<>();
        database.read(connection -> Sql.list(connection, "SELECT id, display_name FROM users WHERE organisation_id = ?",
                row -> names.put(row.getString(1), fields.decrypt(row.getString(2))), organisationId));
        return names;
    }

    /** Everyone of the organisation, active or not, by display name; for the leader's staff list. */
    public List<Member> members(String organisationId) {
        List<Member> members = new ArrayList<>(database.read(connection -> Sql.list(connection,
                "SELECT id, organisation_id, username, display_name, role, active FROM users WHERE organisation_id = ?",
                row -> new Member(user(row), row.getInt("active") == 1), organisationId)));
        members.sort(Comparator.comparing((Member member) -> member.user().displayName(),
                Collator.getInstance(Locale.forLanguageTag("nb"))));
        return members;
    }

    /** One person of the organisation, active or not; empty for another organisation's. */
    public Optional<Member> member(Connection connection, String organisationId, String userId) throws SQLException {
        return Sql.one(connection, "SELECT id, organisation_id, username, display_name, role, active FROM users"
                + " WHERE id = ? AND organisation_id = ?", row -> new Member(user(row), row.getInt("active") == 1), userId, organisationId);
    }

    public Optional<Member> member(String organisationId, String userId) {
        return database.read(connection -> member(connection, organisationId, userId));
    }

    /** How many active leaders the organisation has (it must always keep one). */
    public int activeLeaders(Connection connection, String organisationId) throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) FROM users WHERE organisation_id = ? AND role = 'leader' AND active = 1",
                row -> row.getInt(1), organisationId).orElse(0);
    }

    public void setRole(Connection connection, String userId, Role role) throws SQLException {
        Sql.execute(connection, "UPDATE users SET role = ? WHERE id = ?", role.code(), userId);
    }

    public void setActive(Connection connection, String userId, boolean active) throws SQLException {
        Sql.execute(connection, "UPDATE users SET active = ? WHERE id = ?", active ? 1 : 0, userId);
    }

    public void setPasswordHashOf(Connection connection, String userId, String passwordHash) throws SQLException {
        Sql.execute(connection, "UPDATE users SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    /**
     * The programmes chosen for the organisation when it was made; empty for organisations made
     * before that choice existed (such as the demo ones), which run every programme of their country.
     */
    public List<String> chosenProgrammes(String organisationId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT programme FROM organisation_programmes WHERE organisation_id = ? ORDER BY programme",
                row -> row.getString(1), organisationId));
    }

    public void insertProgrammes(Connection connection, String organisationId, List<String> programmes) throws SQLException {
        for (String programme : programmes) {
            Sql.execute(connection, "INSERT INTO organisation_programmes (organisation_id, programme) VALUES (?, ?)",
                    organisationId, programme);
        }
    }

    /** The display name of any user, also one no longer active (for who recorded what); empty if unknown. */
    public String displayName(String userId) {
        return database.read(connection -> Sql.one(connection, "SELECT display_name FROM users WHERE id = ?",
                row -> fields.decrypt(row.getString(1)), userId)).orElse("");
    }

    /** The user and their stored password hash, for login only. */
    Optional<Credentials> credentials(String username) {
        return database.read(connection -> Sql.one(connection,
                "SELECT id, organisation_id, username, display_name, role, password_hash FROM users"
                        + " WHERE username_index = ? AND active = 1",
                row -> new Credentials(user(row), row.getString("password_hash")), usernameIndex(username)));
    }

    /** The id of the user with this username, active or not (the demo seeding looks its users up with it). */
    public Optional<String> userId(Connection connection, String username) throws SQLException {
        return Sql.one(connection, "SELECT id FROM users WHERE username_index = ?", row -> row.getString(1), usernameIndex(username));
    }

    /**
     * The keyed blind index of a username: the same for every spelling that logs in as the same
     * user (Unicode NFC, surrounding spaces and letter case do not count).
     */
    public String usernameIndex(String username) {
        return usernames.of(normaliseUsername(username));
    }

    /** One spelling per username: Unicode composition, surrounding space and letter case do not make a new one. */
    public static String normaliseUsername(String username) {
        return Normalizer.normalize(username, Normalizer.Form.NFC).strip().toLowerCase(Locale.ROOT);
    }

    /** The language a user chose for the pages, if they chose one. */
    public Optional<String> language(String userId) {
        return database.read(connection -> Sql.one(connection, "SELECT language FROM user_preferences WHERE user_id = ?",
                row -> row.getString(1), userId));
    }

    public void setLanguage(String userId, String language) {
        database.update(connection -> Sql.execute(connection, "INSERT INTO user_preferences (user_id, language) VALUES (?, ?)"
                + " ON CONFLICT (user_id) DO UPDATE SET language = excluded.language", userId, language));
    }

    public void insertOrganisation(Connection connection, Organisation organisation) throws SQLException {
        Sql.execute(connection, "INSERT INTO organisations (id, name, country, language, policy) VALUES (?, ?, ?, ?, ?)",
                organisation.id(), organisation.name(), organisation.country(), organisation.language(), organisation.policy());
    }

    public void insertUser(Connection connection, User user, String passwordHash) throws SQLException {
        Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, username_index, display_name, role, password_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                user.id(), user.organisationId(), fields.encrypt(user.username()), usernameIndex(user.username()),
                fields.encrypt(user.displayName()), user.role().code(), passwordHash);
    }

    public void setPasswordHash(Connection connection, String username, String passwordHash) throws SQLException {
        Sql.execute(connection, "UPDATE users SET password_hash = ? WHERE username_index = ?", passwordHash, usernameIndex(username));
    }

    /**
     * Encrypts the usernames and display names of users stored before they were encrypted and gives
     * them their blind index (a step on every start; nothing to do after the first). Two usernames
     * that differ only in case or spacing would share an index: the start is refused, naming them.
     */
    public int encryptStoredPlaintext(Connection connection) throws SQLException {
        List<String[]> plain = Sql.list(connection, "SELECT id, username, display_name FROM users WHERE username_index IS NULL",
                row -> new String[] {row.getString(1), row.getString(2), row.getString(3)});
        Map<String, String> userByIndex = new HashMap<>();
        Sql.list(connection, "SELECT id, username_index FROM users WHERE username_index IS NOT NULL",
                row -> userByIndex.put(row.getString(2), row.getString(1)));
        List<Object[]> updates = new ArrayList<>();
        for (String[] user : plain) {
            String index = usernameIndex(user[1]);
            String other = userByIndex.putIfAbsent(index, user[0]);
            if (other != null) {
                throw new StartupRefused("Users " + other + " and " + user[0] + " have usernames that differ only in letter case or"
                        + " spacing, which now log in as the same user. Give one of them another username, then start again.");
            }
            updates.add(new Object[] {fields.encrypt(user[1]), index, fields.encrypt(user[2]), user[0]});
        }
        Sql.executeBatch(connection, "UPDATE users SET username = ?, username_index = ?, display_name = ? WHERE id = ?", updates);
        return updates.size();
    }

    record Credentials(User user, String passwordHash) {
    }

    /** A person of an organisation and whether they may sign in. */
    public record Member(User user, boolean active) {
    }

    private static Organisation organisation(ResultSet row) throws SQLException {
        return new Organisation(row.getString("id"), row.getString("name"), row.getString("country"),
                row.getString("language"), row.getString("policy"));
    }

    private User user(ResultSet row) throws SQLException {
        return new User(row.getString("id"), row.getString("organisation_id"), fields.decrypt(row.getString("username")),
                fields.decrypt(row.getString("display_name")), Role.fromCode(row.getString("role")));
    }
}
