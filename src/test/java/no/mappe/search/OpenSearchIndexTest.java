package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import no.mappe.bench.SearchQualityCorpus;
import no.mappe.bench.SearchQualityCorpus.CorpusDocument;
import no.mappe.bench.SearchQualityCorpus.LabelledQuery;
import no.mappe.bench.SearchQualityCorpus.ParticipantCase;
import no.mappe.config.SearchLocation;
import no.mappe.errors.StartupRefused;
import no.mappe.testing.DataFiles;
import no.mappe.testing.OpenSearchServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search cluster against the local index, on a real OpenSearch node: every labelled query of the
 * search-quality corpus (as the leader, as the counsellor it names, by relevance and newest first) must
 * give the same hits in the same order, the same totals, facets and widened words on both; and the
 * cluster's own duties: versions that only move forward, a position every node reads, nothing of a
 * removed entry left in its files.
 */
class OpenSearchIndexTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

    @TempDir
    Path dir;
    private SearchIndex local;
    private OpenSearchIndex cluster;
    private SearchLocation.OpenSearch location;

    @BeforeEach
    void open() {
        location = new SearchLocation.OpenSearch(OpenSearchServer.shared().url(), "mappe-" + UUID.randomUUID().toString().replace("-", ""),
                Optional.empty(), Optional.empty());
        local = SearchIndex.open(dir.resolve("local"));
        cluster = OpenSearchIndex.open(location, SearchIndex.lock(dir.resolve("lock")));
    }

    @AfterEach
    void close() {
        local.close();
        cluster.close();
    }

    @Test
    void everyLabelledQueryFindsTheSameOnTheClusterAsOnTheLocalIndex() throws Exception {
        SearchQualityCorpus corpus = SearchQualityCorpus.load(SearchQualityCorpus.DEFAULT_ROOT);
        Map<String, ParticipantCase> cases = new HashMap<>();
        corpus.cases().forEach(participantCase -> cases.put(participantCase.key(), participantCase));
        List<IndexedDocument> documents = new ArrayList<>();
        long stamp = 0;
        for (CorpusDocument document : corpus.documents()) {
            ParticipantCase owner = cases.get(document.caseKey());
            int kind = documents.size() % 4; // every retention state, and due dates on both sides of today
            String phase = kind == 0 ? "keep" : kind == 1 ? "on-hold" : "dated";
            LocalDate due = kind == 2 ? TODAY.minusDays(documents.size()) : kind == 3 ? TODAY.plusDays(documents.size()) : null;
            String caseId = document.caseKey() == null ? "minutes" : document.caseKey();
            documents.add(new IndexedDocument(document.id(), document.language(), caseId,
                    document.counsellor(), document.access(), document.language(), document.type(),
                    owner == null ? "none" : owner.programme(), document.status(), document.date(),
                    owner == null ? "" : owner.participant(), document.text(), phase, due, ++stamp));
        }
        local.apply(documents, List.of(), stamp);
        cluster.apply(documents, List.of(), stamp);

        int compared = 0;
        for (LabelledQuery query : corpus.queries()) {
            Set<String> caseIds = SearchQualityCorpus.LEADER.equals(query.as()) ? null : casesOf(corpus, query.as());
            // Newest first for every third query: the sort is the same translation each time.
            for (boolean newestFirst : query.number() % 3 == 0 ? List.of(false, true) : List.of(false)) {
                SearchQuery search = new SearchQuery(query.language(), query.text(), caseIds, 4, query.filters(), 0, 100, newestFirst,
                        TODAY);
                assertSame(query.text() + (newestFirst ? " (newest first)" : ""), search);
                compared++;
            }
        }
        for (String state : List.of("due", "scheduled", "keep", "on-hold")) {
            assertSame("retention=" + state, new SearchQuery("nb", "", null, 4, Map.of("retention", state), 0, 100, false, TODAY));
        }
        assertSame("access level 1 only", new SearchQuery("nb", "", null, 1, Map.of(), 0, 100, false, TODAY));
        assertSame("a page further on", new SearchQuery("nb", "", null, 4, Map.of(), 5, 7, true, TODAY));
        assertThat(compared).isGreaterThanOrEqualTo(corpus.queries().size() + corpus.queries().size() / 3);
    }

    private void assertSame(String what, SearchQuery query) {
        SearchHits expected = local.search(query);
        SearchHits actual = cluster.search(query);
        assertThat(actual.total()).as("total of " + what).isEqualTo(expected.total());
        assertThat(actual.widened()).as("words widened in " + what).isEqualTo(expected.widened());
        assertThat(actual.facets()).as("facets of " + what).isEqualTo(expected.facets());
        assertThat(actual.ids()).as("hits of " + what).containsExactlyElementsOf(expected.ids());
    }

    private static Set<String> casesOf(SearchQualityCorpus corpus, String counsellor) {
        Set<String> ids = new HashSet<>();
        corpus.cases().stream().filter(participantCase -> participantCase.counsellor().equals(counsellor))
                .forEach(participantCase -> ids.add(participantCase.key()));
        return ids;
    }

    @Test
    void aLateCopyOfAnOlderChangeNeverReplacesANewerOneNorBringsBackARemovedEntry() {
        cluster.apply(List.of(entry("doc-1", "Arbeidstrening på lageret", 5)), List.of(), 5);
        cluster.apply(List.of(entry("doc-1", "Praksis i kantinen", 3)), List.of(), 3); // a slower node, late
        assertThat(ids("lager")).containsExactly("doc-1");
        assertThat(ids("kantine")).isEmpty();

        cluster.apply(List.of(), List.of("doc-1"), 7);
        cluster.apply(List.of(entry("doc-1", "Arbeidstrening på lageret", 6)), List.of(), 6);
        assertThat(ids("lager")).as("removed at 7: the copy of 6 comes too late").isEmpty();
        assertThat(cluster.appliedSeq()).isEqualTo(7);
    }

    @Test
    void everyNodeOpeningTheIndexReadsThePositionAndWalksTheEntriesInIdOrder() {
        List<IndexedDocument> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(entry("doc-" + (char) ('z' - i), "Tekst nummer " + i, 100 + i));
        }
        cluster.apply(entries, List.of(), 142);
        try (OpenSearchIndex other = OpenSearchIndex.open(location, SearchIndex.lock(dir.resolve("other-node")))) {
            assertThat(other.appliedSeq()).isEqualTo(142);
            assertThat(other.analysedWithOlderVersion()).isFalse();
            List<String> walked = new ArrayList<>();
            Map<String, Long> stamps = new LinkedHashMap<>();
            try (SearchEngine.Stamps stamp = other.stamps()) {
                while (stamp.next()) {
                    walked.add(stamp.id());
                    stamps.put(stamp.id(), stamp.stamp());
                }
            }
            assertThat(walked).isSorted().hasSize(25);
            assertThat(stamps.get("doc-z")).isEqualTo(100);
            assertThat(other.idsOf("nb")).hasSize(25);
            assertThat(other.size()).isEqualTo(25);
        }
    }

    @Test
    void aRemovedEntryLeavesNoTermInAnyFileOfTheCluster() throws Exception {
        // One fixed word, looked for as the index holds it (its stem): the same block of terms is written the same way every run.
        String planted = "zorblaxskvadron";
        String term = ScandinavianAnalyzers.terms(ScandinavianAnalyzers.forIndexing(), ScandinavianAnalyzers.TEXT_NB, planted).get(0);
        Path disk = OpenSearchServer.shared().dataDirectory();
        // One segment of 31 entries: the removed one is 3% of it, under the share of removed entries (10%) below which
        // OpenSearch's merge policy leaves a segment as it is unless the index says otherwise.
        List<IndexedDocument> written = new ArrayList<>(List.of(entry("doc-planted", "Deltakeren nevnte " + planted + " i samtalen", 1)));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            others.add("doc-other-" + i);
            written.add(entry(others.getLast(), "Et annet dokument nummer " + i, 2));
        }
        cluster.apply(written, List.of(), 2);
        assertThat(ids(planted)).containsExactly("doc-planted");
        cluster.purgeDeleted(); // flushes: the term is in a segment file now
        assertThat(DataFiles.containing(disk, term)).as("a control: the term " + term + " is found on disk").isNotEmpty();

        cluster.apply(List.of(), List.of("doc-planted"), 3);
        List<Path> holding;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        do {
            cluster.purgeDeleted();
            holding = new ArrayList<>(DataFiles.containing(disk, term));
            holding.addAll(DataFiles.containing(disk, planted));
            if (!holding.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!holding.isEmpty() && System.nanoTime() < deadline);
        assertThat(holding).as("files of the cluster holding the removed entry's term (%s)", cluster.purgeState()).isEmpty();
        assertThat(ids("dokument")).containsExactlyInAnyOrderElementsOf(others);
    }

    @Test
    void anIndexMadeBeforeThePurgeSettingsGetsThemAtTheNextStart() {
        OpenSearchClient client = new OpenSearchClient(location);
        String settings = "/" + location.index() + "-documents/_settings";
        String path = "/" + location.index() + "-documents/_settings?include_defaults=false&flat_settings=true";
        client.call("PUT", settings, OpenSearchClient.JSON.createObjectNode().putNull("index.merge.policy.expunge_deletes_allowed")
                .putNull("index.soft_deletes.retention_lease.period"));
        assertThat(client.call("GET", path, null).toString()).doesNotContain("expunge_deletes_allowed", "retention_lease.period");

        try (OpenSearchIndex restarted = OpenSearchIndex.open(location, SearchIndex.lock(dir.resolve("restarted")))) {
            JsonNode index = client.call("GET", path, null).elements().next().path("settings");
            assertThat(index.path("index.merge.policy.expunge_deletes_allowed").asText()).isEqualTo("0");
            assertThat(index.path("index.soft_deletes.retention_lease.period").asText()).isEqualTo("1m");
        }
    }

    @Test
    void anUnreachableClusterRefusesTheStartSayingWhatToCheck() throws Exception {
        SearchLocation.OpenSearch nowhere = new SearchLocation.OpenSearch(java.net.URI.create("http://127.0.0.1:9"), "mappe",
                Optional.of("mappe"), Optional.of("secret-password"));
        assertThatThrownBy(() -> OpenSearchIndex.open(nowhere, SearchIndex.lock(dir.resolve("unreachable"))))
                .isInstanceOf(StartupRefused.class)
                .hasMessageContaining("cannot be reached").hasMessageContaining("MAPPE_SEARCH")
                .hasMessageNotContaining("secret-password");
        // the lock was given back: the data directory can be used at once
        SearchIndex.lock(dir.resolve("unreachable")).close();
    }

    private List<String> ids(String text) {
        return cluster.search(new SearchQuery("nb", text, null, 4, Map.of(), 0, 100, false, TODAY)).ids();
    }

    private static IndexedDocument entry(String id, String text, long stamp) {
        return new IndexedDocument(id, "nb", "case-1", "counsellor-1", 1, "nb", "plan", "AFT", "final", LocalDate.of(2026, 1, 1),
                "Kari Nordmann", text, "keep", null, stamp);
    }
}
