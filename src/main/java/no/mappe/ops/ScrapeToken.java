package no.mappe.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import no.mappe.errors.StartupRefused;
import no.mappe.security.Sha256;

/**
 * The bearer token a Prometheus scraper sends to {@code /metrics}, read once from the file named by
 * {@code MAPPE_METRICS_TOKEN_FILE}. Only its SHA-256 is kept, and a presented token is compared by
 * its SHA-256 in constant time, so neither the comparison's time nor its length tells anything.
 */
public final class ScrapeToken {

    /** Shorter tokens can be guessed; the README says how to make one. */
    static final int MIN_LENGTH = 32;
    private static final String BEARER = "Bearer ";

    private final byte[] sha256;

    private ScrapeToken(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** Reads the token file; refuses to start on a file that cannot be read or holds a short token. */
    public static ScrapeToken fromFile(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StartupRefused("MAPPE_METRICS_TOKEN_FILE names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
        if (token.length() < MIN_LENGTH) {
            throw new StartupRefused("The metrics token in " + file + " is shorter than " + MIN_LENGTH + " characters; make one with"
                    + " (umask 077; head -c 32 /dev/urandom | base64 > " + file + ")");
        }
        return new ScrapeToken(Sha256.of(token));
    }

    /** Whether an {@code Authorization} header carries this token. */
    public boolean matches(String authorization) {
        return Optional.ofNullable(authorization)
                .filter(header -> header.regionMatches(true, 0, BEARER, 0, BEARER.length()))
                .map(header -> MessageDigest.isEqual(sha256, Sha256.of(header.substring(BEARER.length()).strip())))
                .orElse(false);
    }
}
