package no.mappe.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import no.mappe.errors.StartupRefused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator API's bearer token. The file named by MAPPE_OPERATOR_TOKEN_FILE holds the token's
 * SHA-256 in hex, never the token, so the file opens nothing by itself; a presented token is
 * hashed and compared in constant time. The file is read on every check, so the operator can
 * replace the token without a restart.
 */
public final class OperatorToken {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorToken.class);
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Path file;

    private OperatorToken(Path file) {
        this.file = file;
    }

    /** The token check for a configured file, refused at start when the file cannot be used. */
    public static Optional<OperatorToken> of(Optional<Path> file) {
        return file.map(path -> {
            try {
                read(path);
            } catch (IOException | IllegalArgumentException e) {
                throw new StartupRefused("MAPPE_OPERATOR_TOKEN_FILE names " + path + ", which " + e.getMessage() + ". It must hold the"
                        + " SHA-256 of the operator token as 64 hex digits, e.g. made with: printf %s \"$TOKEN\" | sha256sum | cut -d' '"
                        + " -f1 > " + path, e);
            }
            return new OperatorToken(path);
        });
    }

    /** Whether the presented token is the operator's. */
    public boolean matches(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] expected;
        try {
            expected = read(file);
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The operator token file {} cannot be used ({}); operator requests are refused until it is fixed", file,
                    e.getMessage());
            return false;
        }
        return MessageDigest.isEqual(expected, Sha256.of(presented));
    }

    private static byte[] read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("does not exist");
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip().toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(text).matches()) {
            throw new IllegalArgumentException("does not hold a SHA-256 in hex");
        }
        return HexFormat.of().parseHex(text);
    }
}
