package no.mappe.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.mappe.demo.DemoData;
import no.mappe.search.IndexedDocument;
import no.mappe.search.SearchIndex;
import no.mappe.search.SearchQuery;
import no.mappe.testing.Api;
import no.mappe.testing.Documents;
import no.mappe.testing.MappeServer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index made by an older Mappe, whose text analysis left out words the current one indexes, is
 * rebuilt in the background when the service starts, and then finds them.
 */
class AnalysisUpgradeTest {

    @TempDir
    Path dataDir;

    @Test
    void anIndexOfAnOlderAnalysisIsRebuiltAtStartAndThenFindsWhatItMissed() throws Exception {
        String id;
        try (MappeServer server = MappeServer.start(dataDir)) {
            Api counsellor = server.login("veileder");
            id = Documents.consent(counsellor, Documents.firstCase(counsellor), "Praksis i malerverkstedet.").json().get("id").asText();
            assertThat(server.app().indexer().sync(Duration.ofSeconds(30))).isTrue();
            assertThat(search(server.app(), "verksted")).as("the current analysis finds a part of a compound").contains(id);
        }
        Path indexDir = dataDir.resolve("index");
        long stamp;
        try (SearchIndex index = SearchIndex.open(indexDir); SearchIndex.StampCursor stamps = index.stamps()) {
            long found = -1;
            while (stamps.next()) {
                if (stamps.id().equals(id)) {
                    found = stamps.stamp();
                }
            }
            stamp = found;
        }
        try (SearchIndex index = SearchIndex.open(indexDir)) {
            // The entry as an older analysis left it: the same stamp (so the start-up check sees nothing stale), none of the words.
            index.apply(List.of(new IndexedDocument(id, DemoData.NORWEGIAN_ORGANISATION, "case", "counsellor", 1, "nb", "consent",
                    "AFT", "draft", LocalDate.of(2026, 1, 1), "", "", "waiting", null, stamp)), List.of(), 0);
        }
        try (FSDirectory directory = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            String seq = "0";
            for (Map.Entry<String, String> data : writer.getLiveCommitData()) {
                if (data.getKey().equals("outboxSeq")) {
                    seq = data.getValue();
                }
            }
            writer.setLiveCommitData(Map.of("outboxSeq", seq).entrySet()); // an index of analysis version 1 had no version
            writer.commit();
        }

        try (MappeServer server = MappeServer.start(dataDir)) {
            App app = server.app();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (app.index().analysedWithOlderVersion() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(app.index().analysedWithOlderVersion()).as("rebuilt in the background").isFalse();
            assertThat(search(app, "verksted")).as("found again after the rebuild").contains(id);
        }
    }

    private static List<String> search(App app, String text) {
        return app.index().search(new SearchQuery(DemoData.NORWEGIAN_ORGANISATION, text, null, 4, Map.of(), 0, 100)).ids();
    }
}
