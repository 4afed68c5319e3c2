package no.mappe.search;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexOrDocValuesQuery;
import org.apache.lucene.search.IndexSortSortedNumericDocValuesRangeQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;

/**
 * The Lucene queries {@link SearchPlan} builds, in OpenSearch's query language, clause for clause, so
 * that the cluster matches and scores as the local index does. Terms are sent as the analysis made them;
 * terms at one position (a word's forms) and phrases go through the cluster's {@link PreAnalysed}
 * analyzer, which gives the same synonym and phrase queries Lucene's query parser made. A query of a kind
 * not listed here is a programming error, not a user's: it fails loudly.
 */
final class ClusterQueries {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ClusterQueries() {
    }

    static ObjectNode of(Query query) {
        return switch (query) {
            case BooleanQuery bool -> bool(bool);
            case TermQuery term -> term(term.getTerm());
            case BoostQuery boost -> {
                ObjectNode wrapper = JSON.objectNode();
                ObjectNode inner = wrapper.putObject("bool");
                inner.putArray("must").add(of(boost.getQuery()));
                inner.put("boost", boost.getBoost());
                yield wrapper;
            }
            case ConstantScoreQuery constant -> {
                ObjectNode wrapper = JSON.objectNode();
                wrapper.putObject("constant_score").set("filter", of(constant.getQuery()));
                yield wrapper;
            }
            case IndexOrDocValuesQuery either -> of(either.getIndexQuery());
            case IndexSortSortedNumericDocValuesRangeQuery sorted -> of(sorted.getFallbackQuery());
            case SynonymQuery synonyms -> synonyms(synonyms);
            case PhraseQuery phrase -> phrase(phrase);
            case MultiPhraseQuery phrase -> multiPhrase(phrase);
            case PrefixQuery prefix -> {
                ObjectNode wrapper = JSON.objectNode();
                wrapper.putObject("prefix").putObject(prefix.getField()).put("value", prefix.getPrefix().text());
                yield wrapper;
            }
            case FuzzyQuery fuzzy -> fuzzy(fuzzy);
            case TermInSetQuery set -> terms(set);
            case PointRangeQuery range -> range(range);
            case MatchAllDocsQuery all -> single("match_all");
            case MatchNoDocsQuery none -> single("match_none");
            default -> throw new IllegalStateException("No cluster query for " + query.getClass().getSimpleName());
        };
    }

    private static ObjectNode bool(BooleanQuery bool) {
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode body = wrapper.putObject("bool");
        for (BooleanClause clause : bool.clauses()) {
            String occur = switch (clause.occur()) {
                case MUST -> "must";
                case SHOULD -> "should";
                case FILTER -> "filter";
                case MUST_NOT -> "must_not";
            };
            ArrayNode list = body.has(occur) ? (ArrayNode) body.get(occur) : body.putArray(occur);
            list.add(of(clause.query()));
        }
        if (bool.getMinimumNumberShouldMatch() > 0) {
            body.put("minimum_should_match", bool.getMinimumNumberShouldMatch());
        }
        return wrapper;
    }

    private static ObjectNode term(Term term) {
        ObjectNode wrapper = JSON.objectNode();
        wrapper.putObject("term").putObject(term.field()).put("value", term.text());
        return wrapper;
    }

    /** Forms at one position: the cluster's analyzer makes Lucene's SynonymQuery of them, scored as one word. */
    private static ObjectNode synonyms(SynonymQuery synonyms) {
        String field = synonyms.getTerms().get(0).field();
        String[] terms = synonyms.getTerms().stream().map(Term::text).toArray(String[]::new);
        return match("match", field, PreAnalysed.positions(new int[] {0}, new String[][] {terms}), 0);
    }

    private static ObjectNode phrase(PhraseQuery phrase) {
        String[][] terms = Arrays.stream(phrase.getTerms()).map(term -> new String[] {term.text()}).toArray(String[][]::new);
        return match("match_phrase", phrase.getField(), PreAnalysed.positions(phrase.getPositions(), terms), phrase.getSlop());
    }

    private static ObjectNode multiPhrase(MultiPhraseQuery phrase) {
        Term[][] arrays = phrase.getTermArrays();
        String[][] terms = Arrays.stream(arrays).map(at -> Arrays.stream(at).map(Term::text).toArray(String[]::new))
                .toArray(String[][]::new);
        return match("match_phrase", arrays[0][0].field(), PreAnalysed.positions(phrase.getPositions(), terms), phrase.getSlop());
    }

    private static ObjectNode match(String kind, String field, String preAnalysed, int slop) {
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode body = wrapper.putObject(kind).putObject(field);
        body.put("query", preAnalysed).put("analyzer", PreAnalysed.ANALYZER);
        if ("match_phrase".equals(kind)) {
            body.put("slop", slop);
        } else {
            body.put("operator", "or");
        }
        return wrapper;
    }

    private static ObjectNode fuzzy(FuzzyQuery fuzzy) {
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode body = wrapper.putObject("fuzzy").putObject(fuzzy.getTerm().field());
        body.put("value", fuzzy.getTerm().text())
                .put("fuzziness", fuzzy.getMaxEdits())
                .put("prefix_length", fuzzy.getPrefixLength())
                .put("max_expansions", UserQuery.maxExpansions(fuzzy))
                .put("transpositions", fuzzy.getTranspositions());
        return wrapper;
    }

    private static ObjectNode terms(TermInSetQuery set) {
        ObjectNode wrapper = JSON.objectNode();
        ArrayNode values = wrapper.putObject("terms").putArray(set.getField());
        try {
            BytesRefIterator iterator = set.getBytesRefIterator();
            for (BytesRef value = iterator.next(); value != null; value = iterator.next()) {
                values.add(value.utf8ToString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wrapper;
    }

    private static ObjectNode range(PointRangeQuery range) {
        ObjectNode wrapper = JSON.objectNode();
        ObjectNode body = wrapper.putObject("range").putObject(range.getField());
        if (range.getNumDims() != 1 || (range.getBytesPerDim() != Integer.BYTES && range.getBytesPerDim() != Long.BYTES)) {
            throw new IllegalStateException("No cluster query for a range over " + range.getNumDims() + " dimensions");
        }
        if (range.getBytesPerDim() == Integer.BYTES) {
            body.put("gte", IntPoint.decodeDimension(range.getLowerPoint(), 0))
                    .put("lte", IntPoint.decodeDimension(range.getUpperPoint(), 0));
        } else {
            body.put("gte", LongPoint.decodeDimension(range.getLowerPoint(), 0))
                    .put("lte", LongPoint.decodeDimension(range.getUpperPoint(), 0));
        }
        return wrapper;
    }

    private static ObjectNode single(String kind) {
        ObjectNode wrapper = JSON.objectNode();
        wrapper.putObject(kind);
        return wrapper;
    }
}
