package no.mappe.search;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.mappe.errors.BadRequest;
import no.mappe.retention.RetentionStatus;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * How a search runs, whichever engine holds the index: the query a user's words and the caller's access
 * make (as Lucene queries; the cluster gets them translated by {@link ClusterQueries}), and the widening
 * of words that find few documents with their near spellings. The index fields are named here once.
 */
final class SearchPlan {

    static final String ID = "id";
    static final String STAMP = "stamp";
    static final String ORGANISATION = "organisation";
    static final String CASE = "case";
    static final String ACCESS_LEVEL = "accessLevel";
    static final String DATE = "date";
    static final String RETENTION = "retention";
    static final String RETENTION_PHASE = "retentionPhase";
    static final String DATED = RetentionStatus.DATED;
    static final String DUE = "due";
    /** The facet dimensions stored as keywords, in the index's own names (retention is counted from retentionPhase and due). */
    static final List<String> KEYWORD_FACETS = List.of("type", "programme", "status", "year", "counsellor", RETENTION_PHASE);
    static final int MAX_FACET_VALUES = 50;
    /**
     * Fewer hits than this for the words as typed, and each word that finds fewer than this on its own
     * is also searched with its near spellings: a typo that happens to be in one document must not hide
     * the thirty spelt right.
     */
    private static final int FEW_HITS = 3;

    /** What an engine does with a query built here. */
    interface Engine {
        /** How many entries match. */
        long count(Query query);

        /** The page of hits the query asks for, with the total and the facets of every match. */
        SearchHits hits(SearchQuery query, Query lucene);
    }

    private final Analyzer analyzer;
    private final Engine engine;

    SearchPlan(Analyzer analyzer, Engine engine) {
        this.analyzer = analyzer;
        this.engine = engine;
    }

    /**
     * One page of hits. When the words as typed find nothing the caller may see, each plain word that
     * finds nothing on its own among what the caller may see (in their organisation, cases and access
     * level, whatever the facet filters) is searched again with its near spellings, the other words as
     * typed; the hits say which words were widened. A query that matches is never widened, so a correct
     * word never brings in its misspelt neighbours.
     */
    SearchHits search(SearchQuery query) {
        SearchHits typed = engine.hits(query, build(query, Map.of()));
        if (typed.total() >= FEW_HITS) {
            return typed;
        }
        Map<String, Integer> unmatched = new LinkedHashMap<>();
        UserQuery.correctableWords(analyzer, query.text()).forEach((word, edits) -> {
            long alone = engine.count(build(visibleWith(query, word), Map.of()));
            if (alone == 0) {
                unmatched.put(word, edits);
            } else if (alone < FEW_HITS && !(Character.isUpperCase(word.codePointAt(0)) && isName(query, word))) {
                // A word that does find something is most likely spelt right: only one edit more, and a name found as one stays.
                unmatched.put(word, Math.min(edits, 1));
            }
        });
        if (unmatched.isEmpty()) {
            return typed;
        }
        Query widened;
        try {
            widened = build(query, unmatched);
        } catch (BadRequest e) {
            return typed; // too many words to widen at once: the answer stays what was typed
        }
        SearchHits corrected = engine.hits(query, widened);
        return corrected.total() <= typed.total() ? typed : corrected.widening(unmatched, typed.total());
    }

    /** The query's caller, with only {@code text} and none of the facet filters. */
    private static SearchQuery visibleWith(SearchQuery query, String text) {
        return new SearchQuery(query.organisationId(), text, query.caseIds(), query.maxAccessLevel(), Map.of(), 0, 1,
                false, query.today());
    }

    private Query build(SearchQuery query, Map<String, Integer> similar) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(UserQuery.parse(analyzer, query.text(), similar, name -> isName(query, name)), Occur.MUST);
        visibleTo(query, builder);
        query.filters().forEach((dimension, value) -> {
            if (!SearchEngine.FACETS.contains(dimension)) {
                throw new BadRequest("Unknown filter '" + dimension + "'; use one of " + SearchEngine.FACETS);
            }
            builder.add(RETENTION.equals(dimension) ? retentionFilter(value, query.today())
                    : KeywordField.newExactQuery(dimension, value), Occur.FILTER);
        });
        return builder.build();
    }

    /** Only the documents the query's caller may see: their organisation, access level and cases. */
    private static void visibleTo(SearchQuery query, BooleanQuery.Builder builder) {
        builder.add(KeywordField.newExactQuery(ORGANISATION, query.organisationId()), Occur.FILTER);
        builder.add(IntField.newRangeQuery(ACCESS_LEVEL, 1, query.maxAccessLevel()), Occur.FILTER);
        if (query.caseIds() != null) {
            List<BytesRef> cases = query.caseIds().stream().map(BytesRef::new).toList();
            builder.add(KeywordField.newSetQuery(CASE, cases), Occur.FILTER);
        }
    }

    /**
     * Whether a capitalised word is a name in what the caller may see (a person of a case, or a name in a
     * text): then it is searched as a name only. Counted among the caller's documents alone, so whether
     * a name occurs where they may not look can never change their results.
     */
    private boolean isName(SearchQuery query, String word) {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        builder.add(new TermQuery(new Term(ScandinavianAnalyzers.NAMES, analyzer.normalize(ScandinavianAnalyzers.NAMES, word))),
                Occur.MUST);
        visibleTo(query, builder);
        return engine.count(builder.build()) > 0;
    }

    /** "due" and "scheduled" are dated documents whose due date is up to, or after, the query's date. */
    private static Query retentionFilter(String state, LocalDate today) {
        if (!RetentionStatus.STATES.contains(state)) {
            throw new BadRequest("Unknown retention state '" + state + "'; use one of " + RetentionStatus.STATES);
        }
        return switch (state) {
            case "due" -> new BooleanQuery.Builder().add(KeywordField.newExactQuery(RETENTION_PHASE, DATED), Occur.FILTER)
                    .add(LongField.newRangeQuery(DUE, Long.MIN_VALUE, today.toEpochDay()), Occur.FILTER).build();
            case "scheduled" -> new BooleanQuery.Builder().add(KeywordField.newExactQuery(RETENTION_PHASE, DATED), Occur.FILTER)
                    .add(LongField.newRangeQuery(DUE, today.toEpochDay() + 1, Long.MAX_VALUE), Occur.FILTER).build();
            default -> KeywordField.newExactQuery(RETENTION_PHASE, state);
        };
    }

    /** The facet counts with every dimension present (empty when nothing matched), in {@link SearchEngine#FACETS} order. */
    static Map<String, Map<String, Long>> emptyFacets() {
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        SearchEngine.FACETS.forEach(dimension -> facets.put(dimension, new LinkedHashMap<>()));
        return facets;
    }
}
