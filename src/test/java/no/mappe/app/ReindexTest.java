package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import no.mappe.demo.DemoData;
import no.mappe.search.IndexedDocument;
import no.mappe.search.SearchQuery;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild replaces entries in place: searches keep finding everything while it runs, stale entries
 * go, and what was read from uploads comes back from the stored text, never from the files.
 */
class ReindexTest {

    @TempDir
    Path dataDir;

    @Test
    void searchesKeepWorkingDuringARebuildAndStaleEntriesAreRemoved() throws Exception {
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            String caseId = Documents.firstCase(counsellor);
            for (int i = 0; i < 8; i++) {
                counsellor.post("/api/cases/" + caseId + "/documents", """
                        {"template": "consent", "fields": {"recipients": ["NAV"], "purpose": "Gjenoppbygging nummer %d."}}"""
                        .formatted(i));
            }
            assertThat(counsellor.postRaw("/api/cases/" + caseId + "/uploads?type=upload", "Brev om blåbærsyltetøy fra NAV.",
                    "text/plain", true).status()).isEqualTo(201);
            String noText = "\u0001\u0002\u0003".repeat(50);
            assertThat(counsellor.postRaw("/api/cases/" + caseId + "/uploads?type=upload", noText, "application/octet-stream", true)
                    .status()).as("a file Tika reads no text from is stored without text").isEqualTo(201);
            no.mappe.testing.Api leader = server.login("leder");
            assertThat(leader.post("/api/holds", "{\"caseId\": \"" + caseId + "\", \"reason\": \"Tvist\"}").status()).isEqualTo(201);
            int inCase = leader.get("/api/cases/" + caseId + "/documents").json().get("documents").size();
            App app = server.app();
            SearchQuery everything = new SearchQuery(DemoData.NORWEGIAN_ORGANISATION, "gjenoppbygging", null, 4, Map.of(), 0, 100);
            assertThat(app.index().search(everything).total()).isEqualTo(8);
            app.index().index(new IndexedDocument("stale-entry", DemoData.NORWEGIAN_ORGANISATION, caseId, "x", 1, "nb", "consent",
                    "AFT", "draft", LocalDate.of(2026, 1, 1), "Ingen", "gjenoppbygging av noe som er borte",
                    "waiting", null));
            assertThat(app.index().search(everything).total()).isEqualTo(9);

            AtomicBoolean running = new AtomicBoolean(true);
            List<Long> totalsSeen = new ArrayList<>();
            Thread searcher = new Thread(() -> {
                while (running.get()) {
                    long total = app.index().search(everything).total();
                    synchronized (totalsSeen) {
                        totalsSeen.add(total);
                    }
                }
            });
            searcher.start();
            List<Integer> progress = new ArrayList<>();
            int rebuilt = app.indexer().rebuild((done, total) -> progress.add(done));
            running.set(false);
            searcher.join();

            assertThat(rebuilt).isEqualTo(app.archive().count());
            assertThat(progress).isNotEmpty().last().isEqualTo(rebuilt);
            assertThat(totalsSeen).isNotEmpty().allSatisfy(total -> assertThat(total).isBetween(8L, 9L));
            assertThat(app.index().search(everything).total()).isEqualTo(8);
            assertThat(counsellor.get("/api/search?q=bl%C3%A5b%C3%A6rsyltet%C3%B8y").json().get("total").asInt())
                    .as("an upload's extracted text survives the rebuild").isEqualTo(1);
            assertThat(leader.get("/api/search?retention=on-hold&limit=100").json().get("total").asInt())
                    .as("holds, looked up in bulk, survive the rebuild").isEqualTo(inCase);
        }
    }
}
