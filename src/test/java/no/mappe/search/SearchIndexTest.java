package no.mappe.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Lucene directory with a fixed corpus; exact hits for Norwegian and Danish queries and access filters. */
class SearchIndexTest {

    @TempDir
    Path dir;
    private SearchIndex index;

    @BeforeEach
    void open() {
        index = SearchIndex.open(dir);
        index.indexAll(List.of(
                document("n1", "org-no", "case-1", 3, "nb", "progress-report", "AFT", "Åse Bjørnstad",
                        "Rapporten viser god fremgang. Deltakeren arbeider på lageret og i kantinen."),
                document("n2", "org-no", "case-1", 3, "nb", "consent", "AFT", "Åse Bjørnstad",
                        "Samtykke til å dele opplysninger med NAV og fastlegen."),
                document("n3", "org-no", "case-2", 1, "nb", "progress-report", "VTA", "Per Østli",
                        "Flere rapporter om stabilt oppmøte i snekkerverkstedet."),
                document("n4", "org-no", "case-3", 4, "nb", "progress-report", "VTA", "Kari Dæhlie",
                        "Personalsak for ledelsen. Rapport om arbeidsmiljø."),
                document("d1", "org-dk", "case-9", 3, "da", "progress-report", "virksomhedspraktik", "Søren Kjær",
                        "Rapporten beskriver en god udvikling i praktikken på lageret.")));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void norwegianStemmingFindsInflectedForms() {
        assertThat(search("org-no", "rapport", null, 4).ids()).containsExactlyInAnyOrder("n1", "n3", "n4");
        assertThat(search("org-no", "rapporter", null, 4).ids()).containsExactlyInAnyOrder("n1", "n3", "n4");
        assertThat(search("org-no", "kantine", null, 4).ids()).containsExactly("n1");
    }

    @Test
    void scandinavianSpellingsMeet() {
        assertThat(search("org-no", "Oestli", null, 4).ids()).containsExactly("n3");
        assertThat(search("org-no", "Östli", null, 4).ids()).containsExactly("n3");
        assertThat(search("org-no", "Aase", null, 4).ids()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(search("org-no", "Aase Bjørnstad", null, 4).ids()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(search("org-no", "Åse Björnstad", null, 4).ids()).containsExactlyInAnyOrder("n1", "n2");
        assertThat(search("org-no", "Dählie", null, 4).ids()).containsExactly("n4");
        assertThat(search("org-dk", "praktik", null, 4).ids()).containsExactly("d1");
        assertThat(search("org-dk", "kantinen", null, 4).ids()).isEmpty();
        assertThat(search("org-dk", "praktikken", null, 4).ids()).containsExactly("d1");
        assertThat(search("org-dk", "rapport", null, 4).ids()).containsExactly("d1");
    }

    @Test
    void namesTypedWithoutScandinavianLettersAndInflectedWordsAreFound() {
        index.index(document("n5", "org-no", "case-5", 3, "nb", "progress-report", "AFT", "Åse Ørjasæter", "Kort notat."));
        assertThat(search("org-no", "Ase Orjasaeter", null, 4).ids()).containsExactly("n5");
        assertThat(search("org-no", "Åse Ørjasæter", null, 4).ids()).containsExactly("n5");
        assertThat(search("org-no", "rapportene", null, 4).ids()).containsExactlyInAnyOrder("n1", "n3", "n4");
    }

    @Test
    void snippetsMarkTheMatchedWordsIncludingInflectedOnesAndEscapeTheRest() {
        String snippet = index.snippet("Deltakeren skrev <b>rapportene</b> selv. Mye annet skjedde også på lageret.", "rapport", "nb");
        assertThat(snippet).contains("<mark>rapportene</mark>", "&lt;b&gt;").doesNotContain("<b>");
        assertThat(index.snippet("Kort tekst.", "", "nb")).isEqualTo("Kort tekst.");
    }

    @Test
    void newestFirstSortsByTheDocumentsDate() {
        SearchHits hits = index.search(new SearchQuery("org-no", "", null, 4, Map.of(), 0, 10, true, java.time.LocalDate.now()));
        assertThat(hits.ids()).hasSize(4);
        SearchHits counsellorFacet = search("org-no", "", null, 4);
        assertThat(counsellorFacet.facets().get("counsellor")).isEqualTo(Map.of("counsellor", 4L));
    }

    @Test
    void aSmallWordEitherLanguageDropsDoesNotMakeTheQueryFail() {
        assertThat(search("org-no", "arbeider på lageret", null, 4).ids()).containsExactly("n1");
        assertThat(search("org-no", "samtykke til å dele med NAV", null, 4).ids()).containsExactly("n2");
        assertThat(search("org-dk", "udvikling i praktikken", null, 4).ids()).containsExactly("d1");
        assertThat(search("org-no", "\"arbeider på lageret\"", null, 4).ids()).as("a phrase keeps its positions").containsExactly("n1");
        assertThat(search("org-no", "\"lageret på arbeider\"", null, 4).ids()).isEmpty();
        assertThat(search("org-no", "lageret med kantinen og verkstedet", null, 4).ids()).as("every other word still counts").isEmpty();
    }

    @Test
    void phrasesPrefixesAndFuzzyMatchesWork() {
        assertThat(search("org-no", "\"stabilt oppmøte\"", null, 4).ids()).containsExactly("n3");
        assertThat(search("org-no", "\"oppmøte stabilt\"", null, 4).ids()).isEmpty();
        assertThat(search("org-no", "snekker*", null, 4).ids()).containsExactly("n3");
        assertThat(search("org-no", "snekkerverkstet~1", null, 4).ids()).containsExactly("n3");
    }

    @Test
    void aMisspeltWordThatFindsNothingIsSearchedWithItsNearSpellings() {
        SearchHits workshop = search("org-no", "snekkerverkstet", null, 4);
        assertThat(workshop.ids()).containsExactly("n3");
        assertThat(workshop.widened()).isEqualTo(Map.of("snekkerverkstet", 2));
        assertThat(search("org-no", "kantinna", null, 4).ids()).containsExactly("n1");
        assertThat(search("org-no", "lageret kantinna", null, 4).widened())
                .as("the word that found nothing, and one edit for the word that found a single document")
                .isEqualTo(Map.of("kantinna", 2, "lageret", 1));
        assertThat(search("org-no", "fremgnag", null, 4).ids()).as("a swap of two letters is one edit").containsExactly("n1");
        assertThat(search("org-dk", "praktiken", null, 4).ids()).containsExactly("d1");
        assertThat(search("org-dk", "udviklin", null, 4).ids()).containsExactly("d1");
        assertThat(search("org-no", "kantinna sveising", null, 4).ids()).as("every other word still counts").isEmpty();
        assertThat(search("org-no", "\"stabilt oppmte\"", null, 4).ids()).as("a phrase is taken as typed").isEmpty();
    }

    @Test
    void aWordThatMatchesIsNeverWidenedAndShortWordsNever() {
        index.index(document("n6", "org-no", "case-1", 3, "nb", "consent", "AFT", "Åse Bjørnstad", "Raport fra møtet."));
        SearchHits report = search("org-no", "rapport", null, 4);
        assertThat(report.ids()).containsExactlyInAnyOrder("n1", "n3", "n4");
        assertThat(report.widened()).isEmpty();
        assertThat(search("org-no", "NAB", null, 4).ids()).as("three letters: NAV is not meant").isEmpty();
        assertThat(search("org-no", "2026", null, 4).widened()).isEmpty();
        index.index(document("n7", "org-no", "case-7", 3, "nb", "consent", "AFT", "Per Østli", "Han klarer arbeidet."));
        assertThat(search("org-no", "klage", Set.of("case-7"), 3).ids()).as("one edit on the stem klag is two on the word klarer")
                .isEmpty();
    }

    @Test
    void nearSpellingsAreOnlySoughtInWhatTheCallerMaySee() {
        SearchHits otherCase = search("org-no", "kantinna", Set.of("case-2"), 3);
        assertThat(otherCase.ids()).isEmpty();
        assertThat(otherCase.widened()).isEmpty();
        assertThat(search("org-no", "personalsk", null, 3).ids()).as("above the caller's level").isEmpty();
        assertThat(search("org-no", "personalsk", null, 4).ids()).containsExactly("n4");
        assertThat(search("org-dk", "snekkerverkstet", null, 4).ids()).as("another organisation").isEmpty();
    }

    @Test
    void aSuggestionIsAWordOfTheHitsTextsNeverAStem() {
        List<String> texts = List.of("Flere rapporter om stabilt oppmøte i snekkerverkstedet.", "Snekkerverkstedet er nytt.");
        assertThat(Suggestion.of("snekkerverkstet oppmøte", Map.of("snekkerverkstet", 2), texts)).contains("snekkerverkstedet oppmøte");
        assertThat(Suggestion.of("Kantinna", Map.of("Kantinna", 2), List.of("i kantina"))).contains("Kantina");
        assertThat(Suggestion.of("xyzzyx", Map.of("xyzzyx", 1), texts)).as("nothing near: no suggestion").isEmpty();
        assertThat(Suggestion.distance("fremgnag", "fremgang")).isEqualTo(1);
    }

    @Test
    void organisationCasesAndAccessLevelsFilterTotalsAndFacets() {
        SearchHits counsellor = search("org-no", "", Set.of("case-1", "case-2"), 3);
        assertThat(counsellor.ids()).containsExactlyInAnyOrder("n1", "n2", "n3");
        assertThat(counsellor.total()).isEqualTo(3);
        assertThat(counsellor.facets().get("type")).isEqualTo(Map.of("progress-report", 2L, "consent", 1L));
        assertThat(counsellor.facets().get("programme")).isEqualTo(Map.of("AFT", 2L, "VTA", 1L));

        SearchHits office = search("org-no", "", null, 1);
        assertThat(office.ids()).containsExactly("n3");
        assertThat(office.facets().get("type")).isEqualTo(Map.of("progress-report", 1L));

        SearchHits leader = search("org-no", "", null, 4);
        assertThat(leader.total()).isEqualTo(4);
        assertThat(leader.facets().get("programme")).isEqualTo(Map.of("AFT", 2L, "VTA", 2L));

        SearchHits danish = search("org-dk", "Bjørnstad", null, 4);
        assertThat(danish.total()).isZero();
        assertThat(danish.facets().get("type")).isEmpty();
    }

    @Test
    void filtersNarrowAndRemovedDocumentsVanishForGood() {
        SearchHits filtered = index.search(new SearchQuery("org-no", "", null, 4, Map.of("type", "progress-report",
                "programme", "VTA"), 0, 10));
        assertThat(filtered.ids()).containsExactlyInAnyOrder("n3", "n4");

        index.remove("n3");
        index.purgeDeleted();
        assertThat(search("org-no", "snekkerverkstedet", null, 4).ids()).isEmpty();
        assertThat(no.mappe.testing.DataFiles.containing(dir, "snekkerverksted")).isEmpty();
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void indexingTheSameIdTwiceReplacesIt() {
        index.index(document("n1", "org-no", "case-1", 3, "nb", "progress-report", "AFT", "Åse Bjørnstad", "Ny tekst om sveising."));
        assertThat(search("org-no", "sveising", null, 4).ids()).containsExactly("n1");
        assertThat(search("org-no", "kantinen", null, 4).ids()).isEmpty();
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void retentionStatesAreCountedAndFilteredAsOfTheQueryDate() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 24);
        index.indexAll(List.of(withRetention("r-waiting", "waiting", null), withRetention("r-keep", "keep", null),
                withRetention("r-hold", "on-hold", today.minusDays(3)), withRetention("r-due", "dated", today),
                withRetention("r-overdue", "dated", today.minusYears(1)), withRetention("r-later", "dated", today.plusDays(1))));

        SearchHits all = retention(today, Map.of());
        assertThat(all.facets().get("retention"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("waiting", 1L, "keep", 1L, "on-hold", 1L, "due", 2L, "scheduled", 1L));
        assertThat(retention(today, Map.of("retention", "due")).ids()).containsExactlyInAnyOrder("r-due", "r-overdue");
        assertThat(retention(today, Map.of("retention", "scheduled")).ids()).containsExactly("r-later");
        assertThat(retention(today, Map.of("retention", "on-hold")).ids()).containsExactly("r-hold");
        assertThat(retention(today.plusDays(1), Map.of("retention", "due")).ids()).as("a day later, without reindexing")
                .containsExactlyInAnyOrder("r-due", "r-overdue", "r-later");
        assertThatThrownBy(() -> retention(today, Map.of("retention", "dated"))).isInstanceOf(no.mappe.errors.BadRequest.class)
                .hasMessageContaining("waiting, scheduled, due, on-hold, keep");
    }

    private SearchHits retention(java.time.LocalDate today, Map<String, String> filters) {
        return index.search(new SearchQuery("org-retention", "", null, 4, filters, 0, 10, false, today));
    }

    private SearchHits search(String organisation, String text, Set<String> cases, int level) {
        return index.search(new SearchQuery(organisation, text, cases, level, Map.of(), 0, 10));
    }

    private static IndexedDocument document(String id, String organisation, String caseId, int level, String language,
                                            String type, String programme, String names, String text) {
        return new IndexedDocument(id, organisation, caseId, "counsellor", level, language, type, programme, "draft",
                java.time.LocalDate.of(2026, 3, 1 + (id.hashCode() & 15)),
                names, text, "waiting", null);
    }

    private static IndexedDocument withRetention(String id, String phase, java.time.LocalDate dueDate) {
        IndexedDocument plain = document(id, "org-retention", "case-1", 2, "nb", "consent", "AFT", "Navn", "tekst");
        return new IndexedDocument(plain.id(), plain.organisationId(), plain.caseId(), plain.counsellorId(), plain.accessLevel(),
                plain.language(), plain.documentType(), plain.programme(), plain.status(), plain.date(), plain.names(), plain.text(),
                phase, dueDate);
    }
}
