package no.mappe.security;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;

/** Organisations and users as stored in the database. */
public final class Directory {

    private final Database database;

    public Directory(Database database) {
        this.database = database;
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
                Directory::user, userId, organisationId));
    }

    public List<User> users(String organisationId) {
        return database.read(connection -> Sql.list(connection,
                "SELECT id, organisation_id, username, display_name, role FROM users"
                        + " WHERE organisation_id = ? AND active = 1 ORDER BY display_name",
                Directory::user, organisationId));
    }

    /** The user and their stored password hash, for login only. */
    Optional<Credentials> credentials(String username) {
        return database.read(connection -> Sql.one(connection,
                "SELECT id, organisation_id, username, display_name, role, password_hash FROM users"
                        + " WHERE username = ? AND active = 1",
                row -> new Credentials(user(row), row.getString("password_hash")), username));
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
        Sql.execute(connection, "INSERT INTO users (id, organisation_id, username, display_name, role, password_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                user.id(), user.organisationId(), user.username(), user.displayName(), user.role().code(), passwordHash);
    }

    public void setPasswordHash(Connection connection, String username, String passwordHash) throws SQLException {
        Sql.execute(connection, "UPDATE users SET password_hash = ? WHERE username = ?", passwordHash, username);
    }

    record Credentials(User user, String passwordHash) {
    }

    private static Organisation organisation(ResultSet row) throws SQLException {
        return new Organisation(row.getString("id"), row.getString("name"), row.getString("country"),
                row.getString("language"), row.getString("policy"));
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(row.getString("id"), row.getString("organisation_id"), row.getString("username"),
                row.getString("display_name"), Role.fromCode(row.getString("role")));
    }
}
