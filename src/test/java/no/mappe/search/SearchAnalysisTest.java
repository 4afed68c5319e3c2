package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the text analysis with rules of our own: compound splitting, names in the text, and the index's analysis version. */
class SearchAnalysisTest {

    private final CompoundSplitter norwegian = ScandinavianAnalyzers.splitter(ScandinavianAnalyzers.TEXT_NB);
    private final CompoundSplitter danish = ScandinavianAnalyzers.splitter(ScandinavianAnalyzers.TEXT_DA);

    @Test
    void compoundsSplitIntoTheirWords() {
        assertThat(norwegian.split("lagerstyring")).containsExactly("lager", "styring");
        assertThat(norwegian.split("malerverkstedet")).as("the longest tail").containsExactly("maler", "verkstedet");
        assertThat(norwegian.split("monteringsavdelingen")).as("a word the dictionary does not know, with a linking s")
                .containsExactly("montering", "avdelingen");
        assertThat(norwegian.split("førstehjelpskurs")).as("the s links the head, it does not begin the tail")
                .containsExactly("førstehjelp", "kurs");
        assertThat(norwegian.split("nakkesmertene")).containsExactly("nakke", "smertene");
        assertThat(danish.split("virksomhedspraktik")).as("a head the dictionary has with its s").containsExactly("virksomheds", "praktik");
        assertThat(danish.split("arbejdsgiveren")).as("a linking s in place of an e; split by its dictionary form")
                .containsExactly("arbejde", "giver");
    }

    @Test
    void ordinaryWordsAreNotSplitIntoFragments() {
        for (String word : List.of("kontroll", "rapporten", "rapporter", "instruksjoner", "samtaler", "registrering", "beklager",
                "lagrene", "avdeling", "medarbeider", "oppgavene", "endringen", "deltakeren")) {
            assertThat(norwegian.split(word)).as(word).isEmpty();
        }
        assertThat(norwegian.split("lager")).as("too short to be two words").isEmpty();
        assertThat(norwegian.split("lager2026")).as("not a word").isEmpty();
    }

    @Test
    void capitalisedWordsOutsideASentenceStartAreNames() {
        String names = NameWords.of("Ask bor i Asker og jobber hos Bråtens Lager.\nLageret er stort. Han liker det.\n"
                + "Trude Østby, veileder i NAV", Dictionaries.norwegian());
        assertThat(names.split(" ")).contains("Asker", "Bråtens", "Bråten", "Lager", "NAV", "Trude", "Østby")
                .as("a known word beginning a sentence is not taken for a name; the case's people are indexed as names anyway")
                .doesNotContain("Lageret", "Han", "Ask");
        assertThat(NameWords.of("", Dictionaries.norwegian())).isEmpty();
    }

    @Test
    void anIndexMadeWithAnOlderAnalysisSaysSoUntilItIsRebuilt(@TempDir Path dir) throws Exception {
        try (SearchIndex fresh = SearchIndex.open(dir.resolve("fresh"))) {
            assertThat(fresh.analysedWithOlderVersion()).as("a new index is made with the current analysis").isFalse();
            fresh.apply(List.of(entry("d1")), List.of(), 1);
        }
        try (SearchIndex reopened = SearchIndex.open(dir.resolve("fresh"))) {
            assertThat(reopened.analysedWithOlderVersion()).isFalse();
        }

        Path old = dir.resolve("old");
        try (FSDirectory directory = FSDirectory.open(old);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            Document document = new Document();
            document.add(new KeywordField("id", "d0", Field.Store.YES));
            writer.addDocument(document);
            writer.setLiveCommitData(Map.of("outboxSeq", "3").entrySet()); // as an index of analysis version 1 was committed
            writer.commit();
        }
        try (SearchIndex older = SearchIndex.open(old)) {
            assertThat(older.analysedWithOlderVersion()).isTrue();
            older.apply(List.of(entry("d1")), List.of(), 4);
        }
        try (SearchIndex older = SearchIndex.open(old)) {
            assertThat(older.analysedWithOlderVersion()).as("a change through the outbox does not make the old entries current").isTrue();
            assertThat(older.appliedSeq()).isEqualTo(4);
            older.markAnalysedWithCurrentVersion();
        }
        try (SearchIndex rebuilt = SearchIndex.open(old)) {
            assertThat(rebuilt.analysedWithOlderVersion()).isFalse();
            assertThat(rebuilt.appliedSeq()).as("the outbox position is kept").isEqualTo(4);
        }
    }

    private static IndexedDocument entry(String id) {
        return new IndexedDocument(id, "org", "case", "counsellor", 3, "nb", "progress-report", "AFT", "draft",
                LocalDate.of(2026, 3, 1), "Ask Nilsen", "Lagerarbeidet går bra.", "waiting", null);
    }
}
