package no.mappe.security;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import no.mappe.archive.BlindIndex;
import no.mappe.db.Sql;

/**
 * Ten single-use codes that stand in for the authenticator when it is lost: shown once when made,
 * stored only as a keyed hash. A code is ten characters from an alphabet without look-alikes
 * (no 0/o, 1/l/i), written {@code abcde-fghjk}; spaces, dashes and letter case do not count.
 */
final class RecoveryCodes {

    static final int COUNT = 10;
    private static final char[] ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789".toCharArray();
    private static final int LENGTH = 10;

    private final BlindIndex hashes;
    private final SecureRandom random = new SecureRandom();

    RecoveryCodes(BlindIndex hashes) {
        this.hashes = hashes;
    }

    /** Replaces the user's codes with ten new ones and returns them, for showing once. */
    List<String> replace(Connection connection, String userId) throws SQLException {
        Sql.execute(connection, "DELETE FROM recovery_codes WHERE user_id = ?", userId);
        List<String> codes = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        while (codes.size() < COUNT) {
            String code = newCode();
            if (!codes.contains(code)) {
                codes.add(code);
                rows.add(new Object[] {userId, hashes.of(normalise(code))});
            }
        }
        Sql.executeBatch(connection, "INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", rows);
        return codes;
    }

    /** Uses up the code if it is one of the user's unused ones; false otherwise. */
    boolean use(Connection connection, String userId, String code, Instant now) throws SQLException {
        String normalised = normalise(code);
        if (normalised.length() != LENGTH) {
            return false;
        }
        return Sql.execute(connection, "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                now.toString(), userId, hashes.of(normalised)) == 1;
    }

    int unused(Connection connection, String userId) throws SQLException {
        return Sql.one(connection, "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL",
                row -> row.getInt(1), userId).orElse(0);
    }

    static void removeAll(Connection connection, String userId) throws SQLException {
        Sql.execute(connection, "DELETE FROM recovery_codes WHERE user_id = ?", userId);
    }

    /** True when the text has the shape of a recovery code rather than a six-digit one. */
    static boolean looksLikeOne(String code) {
        return normalise(code).length() == LENGTH;
    }

    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }

    private String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return code.toString();
    }
}
