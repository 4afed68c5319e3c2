package no.mappe.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import no.mappe.db.Database;
import no.mappe.db.Sql;
import no.mappe.security.Sha256;

/**
 * Sign-ins under way, kept in the database (so they survive a restart and work on any node)
 * between the redirect to the provider and its answer. A flow is found by its state and belongs to
 * the browser holding the cookie it was started with; both are stored only as hashes. A flow is
 * taken (deleted) when its answer arrives, whatever that answer is, so it is used at most once.
 */
final class SignInFlows {

    /** Long enough to type a password and approve a second factor at the provider. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** One sign-in under way. */
    record Flow(String organisationId, String issuer, String nonce, String codeVerifier, String redirectUri, String browserHash,
                Instant expiresAt) {
    }

    private final Database database;
    private final Clock clock;

    SignInFlows(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    void start(String state, String browserSecret, String organisationId, String issuer, String nonce, String codeVerifier,
               String redirectUri) {
        Instant now = Instant.now(clock);
        database.update(connection -> {
            Sql.execute(connection, "DELETE FROM sign_in_flows WHERE expires_at < ?", now.toEpochMilli());
            Sql.execute(connection, "INSERT INTO sign_in_flows (state_hash, browser_hash, organisation_id, issuer, nonce, code_verifier,"
                            + " redirect_uri, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Sha256.hex(state), Sha256.hex(browserSecret), organisationId, issuer, nonce, codeVerifier, redirectUri,
                    now.plus(LIFETIME).toEpochMilli());
        });
    }

    /** Removes and returns the flow with this state; empty when there is none (never started, used already, or purged). */
    Optional<Flow> take(String state) {
        String stateHash = Sha256.hex(state);
        return database.write(connection -> {
            Optional<Flow> flow = Sql.one(connection, "SELECT organisation_id, issuer, nonce, code_verifier, redirect_uri, browser_hash,"
                            + " expires_at FROM sign_in_flows WHERE state_hash = ?",
                    row -> new Flow(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getString(6), Instant.ofEpochMilli(row.getLong(7))), stateHash);
            Sql.execute(connection, "DELETE FROM sign_in_flows WHERE state_hash = ?", stateHash);
            return flow;
        });
    }

    /** True when the answer arrives in the browser that started the flow (hashes compared in constant time). */
    static boolean sameBrowser(Flow flow, String browserSecret) {
        return browserSecret != null && MessageDigest.isEqual(flow.browserHash().getBytes(StandardCharsets.US_ASCII),
                Sha256.hex(browserSecret).getBytes(StandardCharsets.US_ASCII));
    }

    boolean expired(Flow flow) {
        return !flow.expiresAt().isAfter(Instant.now(clock));
    }
}
