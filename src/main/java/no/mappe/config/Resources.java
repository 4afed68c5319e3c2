package no.mappe.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Text files the service is configured with (templates, retention policies): either a directory an
 * operator edits, or the copies shipped inside the jar. Paths are relative and never leave the root.
 */
public interface Resources {

    /** The text of a file, or empty when it does not exist. */
    Optional<String> read(String relativePath);

    /** How to name the file in an error message, e.g. {@code archive-policy/lysheim.yaml}. */
    String describe(String relativePath);

    static Resources fromDirectory(Path root) {
        Path base = root.toAbsolutePath().normalize();
        return new Resources() {
            @Override
            public Optional<String> read(String relativePath) {
                Path file = base.resolve(relativePath).normalize();
                if (!file.startsWith(base) || !Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return base.resolve(relativePath).toString();
            }
        };
    }

    static Resources fromClasspath(String root) {
        return new Resources() {
            @Override
            public Optional<String> read(String relativePath) {
                if (relativePath.contains("..")) {
                    return Optional.empty();
                }
                try (InputStream in = Resources.class.getResourceAsStream("/" + root + "/" + relativePath)) {
                    return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public String describe(String relativePath) {
                return root + "/" + relativePath;
            }
        };
    }
}
