package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import no.mappe.config.Config;
import no.mappe.db.Sql;
import no.mappe.demo.DemoData;
import no.mappe.errors.StartupRefused;
import no.mappe.files.OwnerOnly;
import no.mappe.testing.Api;
import no.mappe.testing.DataFiles;
import no.mappe.testing.DrawnSignatures;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keys and personal data at rest: the right key or none, owner-only files, no personal field in the clear in the database. */
class DataAtRestTest {

    private static final String PARTICIPANT = "Åse Bjørnstad";
    private static final String PARTICIPANT_ID = "7d1f0c3e-0000-4000-9000-000000000101";
    private static final String COUNSELLOR_ID = "7d1f0c3e-0000-4000-9000-000000000002";

    @TempDir
    Path dataDir;

    @TempDir
    Path keys;

    @Test
    void aWrongMasterKeyIsRefusedAtStartAndTheRightOneStillWorks() throws Exception {
        MappeServer.start(dataDir).close();
        Path wrongKey = newKeyFile("wrong.key");
        assertThatThrownBy(() -> MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", wrongKey.toString())))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("The master key in " + wrongKey + " is not the key this data directory was written with")
                .hasMessageContaining("check value");

        Path rightKey = keys.resolve("master.key");
        Files.copy(dataDir.resolve("master.key"), rightKey);
        try (MappeServer server = MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", rightKey.toString()))) {
            assertThat(server.login("veileder").get("/api/cases").body()).contains(PARTICIPANT);
        }
    }

    @Test
    void aDataDirectoryFromBeforeCheckValuesTellsAWrongKeyByItsDocumentKeys() throws Exception {
        MappeServer.start(dataDir).close();
        execute("DELETE FROM master_key_check");
        Path wrongKey = newKeyFile("wrong.key");
        assertThatThrownBy(() -> MappeServer.start(dataDir, Map.of("MAPPE_MASTER_KEY_FILE", wrongKey.toString())))
                .isInstanceOf(StartupRefused.class).hasMessageContaining("it cannot unwrap the stored document keys");

        MappeServer.start(dataDir).close();
        assertThat(count("SELECT COUNT(*) FROM master_key_check")).as("check value recorded by the start with the right key").isOne();
    }

    @Test
    void outsideDemoModeNoKeyIsReadFromTheDataDirectory() throws Exception {
        MappeServer.start(dataDir).close();
        Map<String, String> production = new HashMap<>(Map.of("MAPPE_DATA_DIR", dataDir.toString(), "MAPPE_PORT", "0",
                "MAPPE_SWEEP_AT", "off"));
        assertThatThrownBy(() -> App.build(Config.from(production))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("Set MAPPE_MASTER_KEY_FILE")
                .hasMessageContaining("outside demo mode Mappe reads no key from the data directory")
                .hasMessageContaining("every backup of it would then carry the key");

        production.put("MAPPE_MASTER_KEY_FILE", dataDir.resolve("master.key").toString());
        assertThatThrownBy(() -> App.build(Config.from(production))).isInstanceOf(StartupRefused.class)
                .hasMessageContaining("which is inside the data directory")
                .hasMessageContaining("Move the key file out of the data directory");

        Path outside = keys.resolve("master.key");
        Files.copy(dataDir.resolve("master.key"), outside);
        production.put("MAPPE_MASTER_KEY_FILE", outside.toString());
        App.build(Config.from(production)).close();
    }

    @Test
    void keysTheDatabaseAndTheIndexAreTheOwnersAloneFromTheFirstStart() throws Exception {
        Assumptions.assumeTrue(OwnerOnly.posix(dataDir), "a file system with POSIX permissions");
        try (MappeServer server = MappeServer.start(dataDir)) {
            signConsentForm(server); // makes the demo seal
            for (String directory : List.of(".", "index", "blobs", "seals")) {
                assertThat(permissions(dataDir.resolve(directory))).as(directory).isEqualTo("rwx------");
            }
            List<Path> files = new ArrayList<>(List.of(dataDir.resolve("master.key"), dataDir.resolve("mappe.db"),
                    dataDir.resolve("mappe.db-wal"), dataDir.resolve("mappe.db-shm")));
            try (Stream<Path> seals = Files.list(dataDir.resolve("seals"))) {
                files.addAll(seals.toList());
            }
            assertThat(files).as("the demo seal's keystore and password").hasSize(6);
            for (Path file : files) {
                assertThat(permissions(file)).as(file.getFileName().toString()).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void noPersonalFieldOfTheDemoDataIsInTheDatabaseFilesYetLoginAndCaseListsWork() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            signConsentForm(server); // the participant's name becomes a signer's name
            Api counsellor = server.login("veileder");
            assertThat(counsellor.get("/api/cases").body()).contains(PARTICIPANT, "1988-03-14");
            assertThat(counsellor.get("/cases").body()).contains(PARTICIPANT);
            assertThat(server.login("leder").get("/cases/7d1f0c3e-0000-4000-9000-000000000201").body())
                    .as("counsellors' names in the reassignment list").contains("Øystein Brænne", "Marte Løvås");
            assertThat(server.login("  VEILEDER ").get("/api/cases").status())
                    .as("the blind index is of the normalised username").isEqualTo(200);
            assertThat(server.login("leder").get("/api/search?q=Bj%C3%B8rnstad").json().get("documents"))
                    .as("names stay searchable: the index keeps them as terms, by decision (README, Data at rest)").isNotEmpty();
            assertNoneInDatabaseFiles(personalValues());
        }
        assertNoneInDatabaseFiles(personalValues());
    }

    @Test
    void plaintextWrittenByAnEarlierVersionIsEncryptedOnStartAndLeavesNoTraceInTheFile() throws Exception {
        MappeServer.start(dataDir).close();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            Sql.execute(connection, "UPDATE participants SET name = ?, birth_date = ? WHERE id = ?", PARTICIPANT, "1988-03-14",
                    PARTICIPANT_ID);
            Sql.execute(connection, "UPDATE users SET username = 'veileder', display_name = 'Øystein Brænne', username_index = NULL"
                    + " WHERE id = ?", COUNSELLOR_ID);
        }
        assertThat(databaseFilesContaining(PARTICIPANT)).as("the test's premise: plaintext in the file").isNotEmpty();

        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            assertThat(counsellor.get("/api/cases").body()).contains(PARTICIPANT, "1988-03-14");
            assertThat(server.login("leder").get("/cases/7d1f0c3e-0000-4000-9000-000000000201").body()).contains("Øystein Brænne");
            assertNoneInDatabaseFiles(List.of(PARTICIPANT, "1988-03-14", "Øystein Brænne", "veileder"));
        }
    }

    /** The demo world's personal values; "leder" (a username) is also an ordinary word of the shipped retention policy. */
    private static List<String> personalValues() {
        return DemoData.personalValues().stream().filter(value -> !value.equals("leder")).toList();
    }

    private void assertNoneInDatabaseFiles(List<String> values) {
        List<String> found = new ArrayList<>();
        for (String value : values) {
            databaseFilesContaining(value).forEach(file -> found.add(value + " in " + file));
        }
        assertThat(found).as("personal values in the clear in mappe.db, -wal or -shm").isEmpty();
    }

    private List<Path> databaseFilesContaining(String value) {
        return DataFiles.containing(dataDir, value).stream().filter(path -> path.getFileName().toString().startsWith("mappe.db"))
                .toList();
    }

    private static void signConsentForm(MappeServer server) {
        Api counsellor = server.login("veileder");
        String documentId = counsellor.post("/api/cases/7d1f0c3e-0000-4000-9000-000000000201/documents",
                "{\"template\": \"consent\", \"fields\": {\"recipients\": [\"NAV\"], \"purpose\": \"Samarbeid.\"}}").json().get("id")
                .asText();
        assertThat(counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("participant")).status())
                .isEqualTo(201);
        assertThat(counsellor.post("/api/documents/" + documentId + "/signatures", DrawnSignatures.body("counsellor")).status())
                .isEqualTo(201);
    }

    private Path newKeyFile(String name) throws Exception {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = keys.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
        return file;
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            Sql.execute(connection, sql);
        }
    }

    private int count(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("mappe.db"))) {
            return Sql.one(connection, sql, row -> row.getInt(1)).orElseThrow();
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
