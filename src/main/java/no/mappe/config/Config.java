package no.mappe.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import no.mappe.errors.StartupRefused;

/**
 * Everything the service can be told, validated once at start-up and then immutable.
 *
 * <p>Sources, later wins: built-in defaults, the properties file named by {@code MAPPE_CONFIG}
 * (same keys as the environment variables), the environment.
 *
 * @param port             HTTP port; 0 picks a free one (tests)
 * @param dataDir          where the database, blobs, index and (in demo mode) keys live
 * @param demo             seed demo organisations, users and participants, and generate missing keys
 * @param demoPassword     password for all demo users; random when empty
 * @param templatesDir     edited templates; empty means the ones shipped in the jar
 * @param policyDir        edited retention policies; empty means the ones shipped in the jar
 * @param masterKeyFile    the key that wraps every document key; required outside demo mode, and then outside the data directory
 * @param secureCookies    mark the session cookie Secure (on whenever served over HTTPS)
 * @param sessionIdle      idle time after which a session ends
 * @param sweepAt          local time of the nightly retention sweep; empty disables the schedule
 * @param sealDir          where each organisation's seal certificate is kept as {@code <organisationId>.p12}
 * @param sealPassword     the password of those PKCS#12 files (demo mode generates its own)
 * @param logFormat        how {@code serve} writes its log lines: text for people, or one JSON object per line for a collector
 * @param metricsTokenFile the bearer token a Prometheus scraper sends to {@code /metrics}; empty means no {@code /metrics} at all
 * @param minFreeDiskMegabytes {@code /ready} fails when the data directory's file system has less free space than this
 * @param publicUrl        the address users reach Mappe at (https://mappe.example.no); single sign-on's callback address
 *                         is built from it, else from the request's own scheme and host
 * @param secondFactorRequired every role above office must sign in with a second factor (MAPPE_SECOND_FACTOR=required);
 *                         required by default, optional in demo mode
 * @param operatorTokenFile the SHA-256 (hex) of the operator API's bearer token; empty turns the operator API off
 * @param backupSchedule   the nightly backup (MAPPE_BACKUP_DIR, _AT default 02:30, _KEEP default 7); empty without a directory
 * @param extraction       the text extractor children and their queue (MAPPE_EXTRACTORS, MAPPE_EXTRACTION_QUEUE, MAPPE_EXTRACTORS_AT_START)
 * @param blobs            where the encrypted blobs are kept (MAPPE_BLOBS): the data directory, or an S3-compatible bucket
 * @param database         where the metadata is kept (MAPPE_DATABASE_URL): a SQLite file in the data directory, or PostgreSQL
 * @param leaseTerm        how long a node's claim on a one-node job (an organisation's sweep) lasts unrenewed (MAPPE_LEASE_SECONDS,
 *                         default 30): how soon another node takes over the job of a node that died
 * @param search           where document text is searched (MAPPE_SEARCH): a Lucene index in the data directory, or OpenSearch
 * @param drain            how long a stopping node keeps answering while {@code /ready} says it is stopping (MAPPE_DRAIN_SECONDS,
 *                         default 0): behind a load balancer, long enough for it to stop sending requests (a few health checks)
 */
public record Config(
        int port,
        Path dataDir,
        boolean demo,
        Optional<String> demoPassword,
        Optional<Path> templatesDir,
        Optional<Path> policyDir,
        Optional<Path> masterKeyFile,
        boolean secureCookies,
        Duration sessionIdle,
        Optional<LocalTime> sweepAt,
        Optional<Path> sealDir,
        Optional<String> sealPassword,
        LogFormat logFormat,
        Optional<Path> metricsTokenFile,
        long minFreeDiskMegabytes,
        Optional<URI> publicUrl,
        boolean secondFactorRequired,
        Optional<Path> operatorTokenFile,
        Optional<BackupSchedule> backupSchedule,
        Extraction extraction,
        BlobLocation blobs,
        DatabaseLocation database,
        Duration leaseTerm,
        SearchLocation search,
        Duration drain) {

    public static final String CONFIG_FILE = "MAPPE_CONFIG";

    /** Why Mappe's own backups are for the embedded set-up only. */
    public static final String POSTGRES_BACKUPS = "Mappe's backups copy the SQLite file; with the metadata in PostgreSQL, back it up with"
            + " PostgreSQL's own tools (pg_basebackup with WAL archiving, or pg_dump) and the blobs with the object store's versioning"
            + " or replication. Unset MAPPE_BACKUP_DIR.";

    /** The two shapes of a log line. */
    public enum LogFormat { TEXT, JSON }

    private static final java.util.Set<String> KNOWN = java.util.Set.of(CONFIG_FILE, "MAPPE_PORT", "MAPPE_DATA_DIR", "MAPPE_DEMO",
            "MAPPE_DEMO_PASSWORD", "MAPPE_TEMPLATES_DIR", "MAPPE_POLICY_DIR", "MAPPE_MASTER_KEY_FILE", "MAPPE_SECURE_COOKIES",
            "MAPPE_SESSION_IDLE_MINUTES", "MAPPE_SWEEP_AT", "MAPPE_SEAL_DIR", "MAPPE_SEAL_PASSWORD",
            "MAPPE_LOG_FORMAT", "MAPPE_METRICS_TOKEN_FILE", "MAPPE_MIN_FREE_DISK_MB",
            "MAPPE_PUBLIC_URL", "MAPPE_SECOND_FACTOR",
            "MAPPE_OPERATOR_TOKEN_FILE", "MAPPE_BACKUP_DIR", "MAPPE_BACKUP_AT", "MAPPE_BACKUP_KEEP",
            "MAPPE_EXTRACTORS", "MAPPE_EXTRACTION_QUEUE", "MAPPE_EXTRACTORS_AT_START",
            "MAPPE_BLOBS", "MAPPE_S3_ACCESS_KEY_ID", "MAPPE_S3_SECRET_ACCESS_KEY",
            "MAPPE_DATABASE_URL", "MAPPE_DATABASE_USER", "MAPPE_DATABASE_PASSWORD", "MAPPE_LEASE_SECONDS",
            "MAPPE_SEARCH", "MAPPE_SEARCH_INDEX", "MAPPE_SEARCH_USER", "MAPPE_SEARCH_PASSWORD", "MAPPE_DRAIN_SECONDS");


    public Config {
        if (port < 0 || port > 65535) {
            throw new StartupRefused("MAPPE_PORT must be between 0 and 65535, was " + port);
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new StartupRefused("MAPPE_SESSION_IDLE_MINUTES must be at least 1");
        }
        if (leaseTerm.toSeconds() < 2) {
            throw new StartupRefused("MAPPE_LEASE_SECONDS must be at least 2, was " + leaseTerm.toSeconds());
        }
        if (drain.isNegative() || drain.toSeconds() > 300) {
            throw new StartupRefused("MAPPE_DRAIN_SECONDS must be between 0 and 300, was " + drain.toSeconds());
        }
        if (minFreeDiskMegabytes < 0) {
            throw new StartupRefused("MAPPE_MIN_FREE_DISK_MB must be 0 or more, was " + minFreeDiskMegabytes);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (backupSchedule.isPresent() && !(database instanceof DatabaseLocation.SqliteFile)) {
            throw new StartupRefused("MAPPE_BACKUP_DIR is set, but " + POSTGRES_BACKUPS);
        }
    }


    /** Reads the configuration from the process environment (and the file it may name). */
    public static Config fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads the configuration from the given variables (and the file they may name). */
    public static Config from(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>();
        String file = environment.get(CONFIG_FILE);
        if (file != null && !file.isBlank()) {
            settings.putAll(readFile(Path.of(file)));
        }
        environment.forEach((key, value) -> {
            if (key.startsWith("MAPPE_")) {
                settings.put(key, value);
            }
        });
        for (String key : settings.keySet()) {
            if (!KNOWN.contains(key)) {
                throw new StartupRefused(key + " is not a Mappe setting; the settings are listed in README.md, 'Configuration'");
            }
        }
        Settings read = new Settings(settings);
        boolean demo = read.bool("MAPPE_DEMO", false);
        return new Config(
                read.integer("MAPPE_PORT", 7070),
                read.path("MAPPE_DATA_DIR").orElse(Path.of("data")),
                demo,
                read.text("MAPPE_DEMO_PASSWORD"),
                read.path("MAPPE_TEMPLATES_DIR"),
                read.path("MAPPE_POLICY_DIR"),
                read.path("MAPPE_MASTER_KEY_FILE"),
                // Secure unless it is the demo on plain HTTP: a real installation sits behind HTTPS.
                read.bool("MAPPE_SECURE_COOKIES", !demo),
                Duration.ofMinutes(read.integer("MAPPE_SESSION_IDLE_MINUTES", 30)),
                read.time("MAPPE_SWEEP_AT", "02:00"),
                read.path("MAPPE_SEAL_DIR"),
                read.text("MAPPE_SEAL_PASSWORD"),
                read.logFormat("MAPPE_LOG_FORMAT"),
                read.path("MAPPE_METRICS_TOKEN_FILE"),
                read.integer("MAPPE_MIN_FREE_DISK_MB", 1024),
                read.url("MAPPE_PUBLIC_URL"),
                read.secondFactorRequired(!demo),
                read.path("MAPPE_OPERATOR_TOKEN_FILE"),
                backupSchedule(read),
                extraction(read),
                BlobLocation.parse(read.text("MAPPE_BLOBS"), read.text("MAPPE_S3_ACCESS_KEY_ID"), read.text("MAPPE_S3_SECRET_ACCESS_KEY")),
                DatabaseLocation.parse(read.text("MAPPE_DATABASE_URL"), read.text("MAPPE_DATABASE_USER"),
                        read.text("MAPPE_DATABASE_PASSWORD")),
                Duration.ofSeconds(read.integer("MAPPE_LEASE_SECONDS", 30)),
                SearchLocation.parse(read.text("MAPPE_SEARCH"), read.text("MAPPE_SEARCH_INDEX"), read.text("MAPPE_SEARCH_USER"),
                        read.text("MAPPE_SEARCH_PASSWORD")),
                Duration.ofSeconds(read.integer("MAPPE_DRAIN_SECONDS", 0)));
    }

    private static Extraction extraction(Settings read) {
        int children = read.integer("MAPPE_EXTRACTORS", Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
        return new Extraction(children, read.integer("MAPPE_EXTRACTION_QUEUE", 8 * children),
                read.bool("MAPPE_EXTRACTORS_AT_START", true));
    }

    private static Optional<BackupSchedule> backupSchedule(Settings read) {
        Optional<Path> dir = read.path("MAPPE_BACKUP_DIR");
        Optional<LocalTime> at = read.time("MAPPE_BACKUP_AT", "02:30");
        int keep = read.integer("MAPPE_BACKUP_KEEP", 7);
        if (keep < 1) {
            throw new StartupRefused("MAPPE_BACKUP_KEEP must be at least 1, was " + keep);
        }
        return dir.isEmpty() || at.isEmpty() ? Optional.empty() : Optional.of(new BackupSchedule(dir.get().toAbsolutePath().normalize(),
                at.get(), keep));
    }

    /** A copy with another port and data directory: what tests and the CLI need most. */
    public Config withPortAndDataDir(int newPort, Path newDataDir) {
        return new Config(newPort, newDataDir, demo, demoPassword, templatesDir, policyDir, masterKeyFile,
                secureCookies, sessionIdle, sweepAt, sealDir, sealPassword, logFormat, metricsTokenFile, minFreeDiskMegabytes, publicUrl,
                secondFactorRequired, operatorTokenFile, backupSchedule, extraction, blobs, database, leaseTerm, search, drain);
    }

    /** A copy with another master key file (restore and key rotation name the key they use). */
    public Config withMasterKeyFile(Path newMasterKeyFile) {
        return new Config(port, dataDir, demo, demoPassword, templatesDir, policyDir, Optional.of(newMasterKeyFile),
                secureCookies, sessionIdle, sweepAt, sealDir, sealPassword, logFormat, metricsTokenFile, minFreeDiskMegabytes, publicUrl,
                secondFactorRequired, operatorTokenFile, backupSchedule, extraction, blobs, database, leaseTerm, search, drain);
    }

    /** A copy with the blobs elsewhere: a restore writes them into its own data directory, whatever MAPPE_BLOBS says. */
    public Config withBlobs(BlobLocation newBlobs) {
        return new Config(port, dataDir, demo, demoPassword, templatesDir, policyDir, masterKeyFile,
                secureCookies, sessionIdle, sweepAt, sealDir, sealPassword, logFormat, metricsTokenFile, minFreeDiskMegabytes, publicUrl,
                secondFactorRequired, operatorTokenFile, backupSchedule, extraction, newBlobs, database, leaseTerm, search, drain);
    }

    /** A copy with the metadata elsewhere: a restore writes a SQLite file of its own, whatever MAPPE_DATABASE_URL says. */
    public Config withDatabase(DatabaseLocation newDatabase) {
        return new Config(port, dataDir, demo, demoPassword, templatesDir, policyDir, masterKeyFile,
                secureCookies, sessionIdle, sweepAt, sealDir, sealPassword, logFormat, metricsTokenFile, minFreeDiskMegabytes, publicUrl,
                secondFactorRequired, operatorTokenFile, backupSchedule, extraction, blobs, newDatabase, leaseTerm, search, drain);
    }

    public Config withDemo(boolean newDemo) {
        return new Config(port, dataDir, newDemo, demoPassword, templatesDir, policyDir, masterKeyFile,
                secureCookies, sessionIdle, sweepAt, sealDir, sealPassword, logFormat, metricsTokenFile, minFreeDiskMegabytes, publicUrl,
                secondFactorRequired, operatorTokenFile, backupSchedule, extraction, blobs, database, leaseTerm, search, drain);
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new StartupRefused(CONFIG_FILE + " names " + file + ", which cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString().trim(), value.toString().trim()));
        return values;
    }

    /** Typed reads with messages that name the variable. */
    private record Settings(Map<String, String> values) {

        Optional<String> text(String key) {
            String value = values.get(key);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        Optional<Path> path(String key) {
            return text(key).map(Path::of);
        }

        int integer(String key, int fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.get());
            } catch (NumberFormatException e) {
                throw new StartupRefused(key + " must be a whole number, was '" + value.get() + "'");
            }
        }

        boolean bool(String key, boolean fallback) {
            Optional<String> value = text(key);
            if (value.isEmpty()) {
                return fallback;
            }
            return switch (value.get().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new StartupRefused(key + " must be true or false, was '" + value.get() + "'");
            };
        }

        LogFormat logFormat(String key) {
            String value = text(key).orElse("text");
            return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "text" -> LogFormat.TEXT;
                case "json" -> LogFormat.JSON;
                default -> throw new StartupRefused(key + " must be text or json, was '" + value + "'");
            };
        }

        /** An http(s) address without path, query or fragment (a trailing slash is dropped). */
        Optional<URI> url(String key) {
            Optional<String> value = text(key).map(text -> text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                URI uri = new URI(value.get());
                if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null
                        || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new URISyntaxException(value.get(), "not a bare http(s) address");
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                throw new StartupRefused(key + " must be the address users reach Mappe at, like https://mappe.example.no; was '"
                        + value.get() + "'");
            }
        }

        boolean secondFactorRequired(boolean fallback) {
            return switch (text("MAPPE_SECOND_FACTOR").map(value -> value.toLowerCase(java.util.Locale.ROOT)).orElse("")) {
                case "" -> fallback;
                case "required" -> true;
                case "optional" -> false;
                default -> throw new StartupRefused("MAPPE_SECOND_FACTOR must be required or optional, was '"
                        + values.get("MAPPE_SECOND_FACTOR").trim() + "'");
            };
        }

        Optional<LocalTime> time(String key, String fallback) {
            String value = text(key).orElse(fallback);
            if (value.equalsIgnoreCase("off")) {
                return Optional.empty();
            }
            try {
                return Optional.of(LocalTime.parse(value));
            } catch (DateTimeParseException e) {
                throw new StartupRefused(key + " must be a time like 02:00, or off; was '" + value + "'");
            }
        }
    }
}
