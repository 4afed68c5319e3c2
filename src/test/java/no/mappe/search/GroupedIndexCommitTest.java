package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.mappe.db.Sql;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import no.mappe.testing.MovableClock;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer commits the index about once a second, not per document: a new document is found by
 * search at once (near-real-time reader), the index's last commit records only outbox rows it holds,
 * and documents whose commit never happened (the process died first) are replayed from the
 * database's outbox at the next start. The service's clock stands still here, so no timed commit
 * happens while the test takes the index as a crash would leave it.
 */
class GroupedIndexCommitTest {

    private static final String WORD = "Tranebærsyltetøy";

    @TempDir
    Path dataDir;
    @TempDir
    Path crashed;

    @Test
    void documentsFoundAtOnceAreReplayedAfterACrashBeforeTheirIndexCommit() throws IOException {
        MappeServer.start(dataDir).close(); // the demo data, committed to the index by a clean stop
        List<String> ids = new ArrayList<>();
        long committedBefore;
        try (MappeServer server = MappeServer.start(dataDir, Map.of(), MovableClock.startingNow())) {
            Api counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            committedBefore = server.app().index().committedSeq();
            for (int i = 0; i < 3; i++) {
                ids.add(create(counsellor, caseId));
            }
            assertThat(searchIds(counsellor, WORD)).as("searchable at once, before any index commit").containsAll(ids);
            assertThat(server.app().index().committedSeq()).as("not committed yet").isEqualTo(committedBefore);
            long newest = server.app().database().read(connection -> Sql.one(connection, "SELECT MAX(seq) FROM index_outbox",
                    row -> row.getLong(1))).orElseThrow();
            assertThat(server.app().index().appliedSeq()).isEqualTo(newest).isGreaterThan(committedBefore);
            copyLastCommit(dataDir.resolve("index"), crashed); // the index files a kill at this moment leaves behind
        }
        replaceTree(dataDir.resolve("index"), crashed);
        try (FSDirectory directory = FSDirectory.open(dataDir.resolve("index"))) {
            SegmentInfos commit = SegmentInfos.readLatestCommit(directory);
            assertThat(Long.parseLong(commit.getUserData().get("outboxSeq"))).as("the commit covers no row it lacks")
                    .isEqualTo(committedBefore);
        }
        try (MappeServer server = MappeServer.start(dataDir)) {
            assertThat(searchIds(server.login("veileder"), WORD)).as("replayed from the outbox at start").containsAll(ids);
            assertThat(server.app().index().committedSeq()).as("and committed").isGreaterThan(committedBefore);
        }
    }

    /** Copies only the files of the index's last commit: files the writer made since are what a crash loses. */
    private static void copyLastCommit(Path index, Path target) throws IOException {
        try (FSDirectory directory = FSDirectory.open(index)) {
            for (String file : SegmentInfos.readLatestCommit(directory).files(true)) {
                Files.copy(index.resolve(file), target.resolve(file));
            }
        }
    }

    private static void replaceTree(Path index, Path from) throws IOException {
        try (var files = Files.list(index)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        try (var files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, index.resolve(file.getFileName()));
            }
        }
    }

    private static String create(Api counsellor, String caseId) {
        Api.Response created = counsellor.post("/api/cases/" + caseId + "/documents", """
                {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "%s"}}""".formatted(WORD));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    private static List<String> searchIds(Api api, String query) {
        Api.Response response = api.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().get("documents").forEach(document -> ids.add(document.get("id").asText()));
        return ids;
    }
}
