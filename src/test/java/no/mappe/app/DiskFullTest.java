package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import no.mappe.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up, for real (a small tmpfs): a write is acknowledged exactly when it is
 * committed, nothing is half-stored, and once there is room again every acknowledged write is
 * readable and searchable without a restart.
 */
class DiskFullTest {

    @TempDir
    Path root;

    @Test
    void withTheIndexDiskFullWritesAreStoredAndBecomeSearchableOnceThereIsRoomWithoutARestart() throws Exception {
        Path dataDir = root.resolve("data");
        Path indexDisk = root.resolve("index-disk");
        try (Tmpfs disk = Tmpfs.mount(indexDisk, 8)) {
            Files.createDirectories(dataDir);
            Files.createDirectories(indexDisk.resolve("index"));
            Files.createSymbolicLink(dataDir.resolve("index"), indexDisk.resolve("index"));
            try (MappeServer server = MappeServer.start(dataDir)) {
                Api counsellor = server.login("veileder");
                Api office = server.login("kontor");
                String caseId = Documents.firstCase(counsellor);
                disk.fill();

                List<String> acknowledged = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Api.Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                            {"template": "consent", "accessLevel": 1, "fields": {"recipients": ["NAV"], "purpose": "Fullstendig %d."}}"""
                            .formatted(i));
                    assertThat(created.status()).as("the index is not the truth: the write is committed: %s", created).isEqualTo(201);
                    acknowledged.add(created.json().get("id").asText());
                }
                for (String id : acknowledged) {
                    assertThat(counsellor.get("/api/documents/" + id).status()).isEqualTo(200);
                }
                assertThat(office.get("/api/search?q=fullstendig&limit=100").status()).as("search keeps answering").isEqualTo(200);

                disk.free();
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                List<String> found = List.of();
                while (System.nanoTime() < deadline) {
                    found = office.get("/api/search?q=fullstendig&limit=100").json().get("documents").findValuesAsText("id");
                    if (found.containsAll(acknowledged)) {
                        break;
                    }
                    Thread.sleep(250);
                }
                assertThat(found).as("every acknowledged write is searchable without a restart").containsAll(acknowledged);
                Api.Response later = counsellor.post("/api/cases/" + caseId + "/documents", """
                        {"template": "consent", "accessLevel": 1, "fields": {"recipients": ["NAV"], "purpose": "Fullstendig etterpå."}}""");
                assertThat(later.status()).isEqualTo(201);
                assertThat(office.get("/api/search?q=etterp%C3%A5").json().get("documents").findValuesAsText("id"))
                        .as("the index writer works again").contains(later.json().get("id").asText());
            }
        }
    }

    @Test
    void withTheDataDiskFullAWriteIs507WithNothingStoredAndWorksOnceThereIsRoom() throws Exception {
        Path dataDir = root.resolve("data-disk");
        try (Tmpfs disk = Tmpfs.mount(dataDir, 48)) {
            try (MappeServer server = MappeServer.start(dataDir)) {
                Api counsellor = server.login("veileder");
                String caseId = Documents.firstCase(counsellor);
                int documentsBefore = counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
                long blobsBefore = blobFiles(dataDir);
                disk.fill();

                Api.Response refused = counsellor.post("/api/cases/" + caseId + "/documents", """
                        {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Fullt skrivebord."}}""");
                assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.json().get("detail").asText()).contains("nothing of this request was stored");
                assertThat(refused.header("Retry-After")).isNotNull();

                disk.free();
                JsonNode documents = counsellor.get("/api/cases/" + caseId + "/documents").json().get("documents");
                assertThat(documents).as("nothing half-stored").hasSize(documentsBefore);
                assertThat(blobFiles(dataDir)).as("no blob or temporary file left behind").isEqualTo(blobsBefore);

                Api.Response stored = counsellor.post("/api/cases/" + caseId + "/documents", """
                        {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Fullt skrivebord."}}""");
                assertThat(stored.status()).as(stored.toString()).isEqualTo(201);
                assertThat(counsellor.get("/api/search?q=skrivebord").json().get("documents").findValuesAsText("id"))
                        .contains(stored.json().get("id").asText());
            }
        }
    }

    private static long blobFiles(Path dataDir) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
