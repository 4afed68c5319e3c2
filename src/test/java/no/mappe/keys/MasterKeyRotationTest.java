package no.mappe.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.mappe.archive.MasterKey;
import no.mappe.db.Database;
import no.mappe.errors.StartupRefused;
import no.mappe.errors.StorageFailure;
import no.mappe.testing.Api;
import no.mappe.testing.AuthenticatorApp;
import no.mappe.testing.Documents;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeCommand;
import no.mappe.testing.MappeServer;
import no.mappe.testing.PdfChecks;
import no.mappe.testing.StorageSetup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mappe rotate-master-key}: an interrupted rotation is refused at start and resumes; after
 * it the service runs with the new key (documents, seals, sign-in, search, audit log all intact)
 * and the old key opens nothing: no document key unwraps, no field decrypts, the service and
 * {@code mappe verify} refuse it.
 */
class MasterKeyRotationTest {

    @TempDir
    Path root;

    @Test
    void rotatesResumablyAndTheOldKeyOpensNothingAfterwards() throws Exception {
        Path dataDir = root.resolve("data");
        String documentId;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            documentId = counsellor.post("/api/cases/" + caseId + "/documents", "{\"template\": \"consent\", \"fields\":"
                    + " {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid om rotasjonsord.\"}}").json().get("id").asText();
            counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("participant"));
            counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("counsellor"));
        }
        MasterKey oldKey = MasterKey.load(dataDir.resolve("master.key"));
        Path newKeyFile = newKeyFile();
        MasterKey newKey = MasterKey.load(newKeyFile);

        // A second factor's secret (the sign-in feature's table; made here if this build does not have it).
        String leaderId = string(dataDir, "SELECT id FROM users WHERE role = 'leader' LIMIT 1");
        sql(dataDir, "CREATE TABLE IF NOT EXISTS second_factors (user_id TEXT PRIMARY KEY, secret TEXT, enrolled_at TEXT,"
                + " last_step INTEGER NOT NULL DEFAULT 0, pending_secret TEXT, pending_since TEXT)");
        sql(dataDir, "INSERT INTO second_factors (user_id, secret) VALUES ('" + leaderId + "', '"
                + oldKey.fieldCipher("second-factor").encrypt("JBSWY3DPEHPK3PXP") + "')");

        // Interrupted in the middle of the document keys: the service starts with neither key.
        try (Database database = Database.open(dataDir.resolve("mappe.db"))) {
            MasterKeyRotation rotation = new MasterKeyRotation(database, dataDir, oldKey, newKey, Clock.systemUTC(), 1);
            rotation.begin(List.of());
            List<String> seen = new ArrayList<>();
            assertThatThrownBy(() -> rotation.run((step, done, total) -> {
                seen.add(step + " " + done + "/" + total);
                if ("document keys".equals(step) && done == 2) {
                    throw new IllegalStateException("killed");
                }
            })).hasMessage("killed");
            assertThat(rotation.unfinished()).hasValueSatisfying(state -> assertThat(state.stepName()).isEqualTo("document keys"));
        }
        assertThatThrownBy(() -> MappeServer.start(dataDir)).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("A master key rotation was interrupted");
        assertThatThrownBy(() -> MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", newKeyFile.toString())))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("A master key rotation was interrupted");

        MappeCommand.Result resumed = run(Map.of(), "rotate-master-key", "--new-key", newKeyFile.toString(), "--batch", "2");
        assertThat(resumed.exitCode()).as(resumed.output()).isZero();
        assertThat(resumed.output()).contains("Resuming the rotation", "document k", "audit log", "Master key rotated");

        List<byte[]> wrapped = documentKeys(dataDir);
        assertThat(wrapped).isNotEmpty();
        for (byte[] key : wrapped) {
            assertThatThrownBy(() -> oldKey.unwrapKey(key)).isInstanceOf(StorageFailure.class);
            assertThat(newKey.unwrapKey(key)).isNotNull();
        }
        String participantName = string(dataDir, "SELECT name FROM participants LIMIT 1");
        assertThatThrownBy(() -> oldKey.fieldCipher("participant").decrypt(participantName)).isInstanceOf(StorageFailure.class);
        assertThat(newKey.fieldCipher("participant").decrypt(participantName)).isNotBlank();
        String secret = string(dataDir, "SELECT secret FROM second_factors LIMIT 1");
        assertThat(newKey.fieldCipher("second-factor").decrypt(secret)).isEqualTo("JBSWY3DPEHPK3PXP");
        sql(dataDir, "DELETE FROM second_factors");
        assertThatThrownBy(() -> MappeServer.start(dataDir)).as("the old key").isInstanceOf(StartupRefused.class);
        MappeCommand.Result oldVerify = run(Map.of(), "verify");
        assertThat(oldVerify.exitCode()).as(oldVerify.output()).isEqualTo(2);
        MappeCommand.Result newVerify = run(Map.of("MAPPE_MASTER_KEY_FILE", newKeyFile.toString()), "verify");
        assertThat(newVerify.exitCode()).as(newVerify.output()).isZero();
        assertThat(newVerify.output()).contains("Audit log intact", "1 sealed", "problems: 0.");

        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", newKeyFile.toString()))) {
            Api counsellor = server.login("veileder");
            assertThat(PdfChecks.text(counsellor.get("/api/documents/" + documentId + "/pdf").bytes())).contains("rotasjonsord");
            assertThat(counsellor.get("/api/search?q=rotasjonsord").json().get("documents").findValues("id").toString())
                    .contains(documentId);
            assertThat(counsellor.get("/api/documents/" + documentId).json().get("versions").findValues("sealed").toString())
                    .contains("true");
        }
    }

    /**
     * The same command on PostgreSQL and an S3 bucket: the wrapped keys and encrypted columns live in the database there,
     * the blobs (which keep their own per-version keys) in the bucket, and the old key opens nothing afterwards.
     */
    @Test
    void rotatesOnPostgresqlAndABucketToo() throws Exception {
        Path dataDir = root.resolve("data");
        Map<String, String> distributed = StorageSetup.DISTRIBUTED.settings();
        String documentId;
        try (MappeServer server = MappeServer.start(dataDir, distributed)) {
            Api counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            documentId = counsellor.post("/api/cases/" + caseId + "/documents", "{\"template\": \"consent\", \"fields\":"
                    + " {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid om klyngerotasjonsord.\"}}").json().get("id").asText();
        }
        Path newKeyFile = newKeyFile();

        Map<String, String> settings = new java.util.HashMap<>(distributed);
        MappeCommand.Result rotated = run(settings, "rotate-master-key", "--new-key", newKeyFile.toString(), "--batch", "3");
        assertThat(rotated.exitCode()).as(rotated.output()).isZero();
        assertThat(rotated.output()).contains("document k", "audit log", "Master key rotated");

        assertThatThrownBy(() -> MappeServer.start(dataDir, distributed)).as("the old key").isInstanceOf(StartupRefused.class);
        settings.put("MAPPE_MASTER_KEY_FILE", newKeyFile.toString());
        MappeCommand.Result verified = run(settings, "verify");
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output()).contains("Audit log intact", "problems: 0.");
        try (MappeServer server = MappeServer.start(dataDir, settings)) {
            Api counsellor = server.login("veileder");
            assertThat(PdfChecks.text(counsellor.get("/api/documents/" + documentId + "/pdf").bytes())).contains("klyngerotasjonsord");
            assertThat(counsellor.get("/api/search?q=klyngerotasjonsord").json().get("documents").findValues("id").toString())
                    .contains(documentId);
        }
    }

    @Test
    void endsRecoveryCodesAuditedKeepsTheAppAndRecomputesSignInLinksButRefusesLinksItCannotRecompute() throws Exception {
        Path dataDir = root.resolve("data");
        AuthenticatorApp app;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api leader = server.login("leder");
            app = AuthenticatorApp.enrol(leader, Clock.systemUTC());
        }
        assertThat(string(dataDir, "SELECT COUNT(*) FROM recovery_codes")).isEqualTo("10");
        MasterKey oldKey = MasterKey.load(dataDir.resolve("master.key"));
        String organisationId = string(dataDir, "SELECT organisation_id FROM users WHERE role = 'leader' LIMIT 1");
        String userId = string(dataDir, "SELECT id FROM users WHERE role = 'counsellor' AND organisation_id = '" + organisationId
                + "' LIMIT 1");
        String account = "https://login.example.no\nsubject-0042";
        sql(dataDir, "INSERT INTO sign_in_links (organisation_id, subject_key, subject, issuer, user_id, created_at) VALUES ('"
                + organisationId + "', '" + oldKey.blindIndex(EncryptedColumns.SIGN_IN_SUBJECT_INDEX).of(account) + "', '"
                + oldKey.fieldCipher(EncryptedColumns.SIGN_IN_SUBJECT).encrypt(account) + "', 'https://login.example.no', '" + userId
                + "', '2026-12-01T00:00:00Z')");
        sql(dataDir, "INSERT INTO sign_in_links (organisation_id, subject_key, issuer, user_id, created_at) VALUES ('" + organisationId
                + "', 'an-hmac-of-what-was-not-kept', 'https://old.example.no', '" + userId + "', '2026-01-01T00:00:00Z')");
        Path newKeyFile = newKeyFile();

        MappeCommand.Result refused = run(Map.of(), "rotate-master-key", "--new-key", newKeyFile.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(2);
        assertThat(refused.output()).contains("sign_in_links", "Nothing was changed");
        assertThat(string(dataDir, "SELECT COUNT(*) FROM master_key_rotation")).isEqualTo("0");
        assertThat(string(dataDir, "SELECT COUNT(*) FROM recovery_codes")).as("nothing changed").isEqualTo("10");

        sql(dataDir, "DELETE FROM sign_in_links WHERE subject IS NULL");
        MappeCommand.Result rotated = run(Map.of(), "rotate-master-key", "--new-key", newKeyFile.toString());
        assertThat(rotated.exitCode()).as(rotated.output()).isZero();
        MasterKey newKey = MasterKey.load(newKeyFile);
        assertThat(string(dataDir, "SELECT subject_key FROM sign_in_links"))
                .isEqualTo(newKey.blindIndex(EncryptedColumns.SIGN_IN_SUBJECT_INDEX).of(account));
        assertThat(newKey.fieldCipher(EncryptedColumns.SIGN_IN_SUBJECT).decrypt(string(dataDir, "SELECT subject FROM sign_in_links")))
                .isEqualTo(account);
        assertThat(string(dataDir, "SELECT COUNT(*) FROM recovery_codes")).isEqualTo("0");

        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", newKeyFile.toString()))) {
            Api leader = server.login("leder");
            Api.Response recovery = leader.post("/api/login/second-factor", "{\"code\": \"" + app.recoveryCodes().get(0) + "\"}");
            assertThat(recovery.status()).as("recovery codes ended with the old key").isEqualTo(401);
            assertThat(app.signIn(server.login("leder")).status()).as("the authenticator app still works").isEqualTo(200);
        }
        assertThat(string(dataDir, "SELECT COUNT(*) FROM audit_log WHERE action = 'recovery-codes-ended'")).as("audited, per person")
                .isEqualTo("1");
        assertThat(run(Map.of("MAPPE_MASTER_KEY_FILE", newKeyFile.toString()), "verify").exitCode()).isZero();
    }

    private static void sql(Path dataDir, String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             var run = connection.createStatement()) {
            run.executeUpdate(statement);
        }
    }

    private static List<byte[]> documentKeys(Path dataDir) throws Exception {
        List<byte[]> keys = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             PreparedStatement statement = connection.prepareStatement("SELECT wrapped_key FROM document_versions");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getBytes(1));
            }
        }
        return keys;
    }

    private static String string(Path dataDir, String query) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"));
             PreparedStatement statement = connection.prepareStatement(query);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** A fresh random master key in a file of its own, readable by its owner only, as an operator would make one. */
    private Path newKeyFile() throws IOException {
        Path file = root.resolve("new-master.key");
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** The command line on this test's data directory, which a demo server made (with its key inside). */
    private MappeCommand.Result run(Map<String, String> extra, String... arguments) throws IOException, InterruptedException {
        Map<String, String> settings = new java.util.HashMap<>(extra);
        settings.putIfAbsent("MAPPE_DEMO", "true");
        return MappeCommand.run(root.resolve("data"), settings, arguments);
    }
}
