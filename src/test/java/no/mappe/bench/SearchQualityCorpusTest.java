package no.mappe.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import no.mappe.bench.SearchQualityCorpus.LabelledQuery;
import org.junit.jupiter.api.Test;

/** The labelled corpus of {@code bench/run search-quality} is well-formed: cheap, so a broken label fails in CI, not in a benchmark run. */
class SearchQualityCorpusTest {

    @Test
    void theCorpusAndItsQueriesAreWellFormed() throws IOException {
        SearchQualityCorpus corpus = SearchQualityCorpus.load(SearchQualityCorpus.DEFAULT_ROOT);

        assertThat(corpus.problems()).isEmpty();
        assertThat(corpus.documents()).hasSizeGreaterThanOrEqualTo(60);
        assertThat(corpus.queries()).hasSizeGreaterThanOrEqualTo(100);
        assertThat(corpus.documents()).extracting(SearchQualityCorpus.CorpusDocument::language).contains("nb", "da");
        assertThat(corpus.queries()).extracting(LabelledQuery::language).contains("nb", "da");
        assertThat(corpus.queries()).extracting(LabelledQuery::category)
                .containsAll(SearchQualityCorpus.CATEGORIES);
    }

    @Test
    void aLabelThatNamesNoDocumentOrAnUnknownCategoryIsReported() throws IOException {
        SearchQualityCorpus corpus = SearchQualityCorpus.load(SearchQualityCorpus.DEFAULT_ROOT);
        List<LabelledQuery> queries = new ArrayList<>(corpus.queries());
        String leader = SearchQualityCorpus.LEADER;
        queries.add(new LabelledQuery(900, "lagerhylle", "inflection", "nb", leader, Map.of(), Set.of("nb-no-such-document"), ""));
        queries.add(new LabelledQuery(901, "lagerhall", "spelling", "nb", leader, Map.of("type", "plan"), Set.of(), ""));
        queries.add(new LabelledQuery(902, "klagen", "access", "nb", "hakon", Map.of(), Set.of("nb-ola-complaint"), ""));
        SearchQualityCorpus broken = new SearchQualityCorpus(corpus.providers(), corpus.counsellors(), corpus.cases(), corpus.documents(),
                queries);

        assertThat(broken.problems()).containsExactly(
                "query 900 \"lagerhylle\": expects 'nb-no-such-document', which is no document",
                "query 901 \"lagerhall\": unknown category 'spelling'; use one of " + SearchQualityCorpus.CATEGORIES,
                "query 902 \"klagen\": expects 'nb-ola-complaint', which counsellor hakon may not see");
    }
}
