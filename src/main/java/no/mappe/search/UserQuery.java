package no.mappe.search;

import java.text.Normalizer;
import java.util.Map;
import java.util.function.Supplier;
import no.mappe.errors.BadRequest;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * What a user typed into search, as a Lucene query: all words must match (in the text or the
 * names); "quoted phrases", prefix* and fuzzy~ work as in the simple query syntax; an empty text
 * matches everything. The text is NFC-normalised like everything stored. Whatever is typed gives a
 * query or a 400 that says what to change, never an error: fuzziness is bounded by the word's
 * length (a one-letter word~2 would match any word, with negative scores that Lucene refuses), and
 * a query that would expand into more clauses than Lucene allows is refused.
 */
final class UserQuery {

    /** Lucene refuses more than 1024 clauses at search time; refuse earlier, with a reason. */
    private static final int MAX_CLAUSES = 1000;
    private static final Map<String, Float> WEIGHTS = Map.of(ScandinavianAnalyzers.TEXT_NB, 1.0f, ScandinavianAnalyzers.TEXT_DA, 1.0f,
            ScandinavianAnalyzers.NAMES, 2.0f);

    private UserQuery() {
    }

    static Query parse(Analyzer analyzer, String text) {
        if (text == null || text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        SimpleQueryParser parser = new SimpleQueryParser(analyzer, WEIGHTS) {
            /**
             * A word either language's text drops (i, med, om, af) is dropped from the query as a whole: otherwise
             * it stays a required clause on the names alone, which no document meets ("smerter i nakken" found nothing).
             */
            @Override
            protected Query newDefaultQuery(String word) {
                return isStopWord(analyzer, word) ? null : super.newDefaultQuery(word);
            }

            @Override
            protected Query newFuzzyQuery(String word, int fuzziness) {
                return super.newFuzzyQuery(word, Math.min(fuzziness, shortestForm(analyzer, word) / 2));
            }
        };
        parser.setDefaultOperator(Occur.MUST);
        Query parsed;
        try {
            parsed = parser.parse(Normalizer.normalize(text, Normalizer.Form.NFC));
        } catch (RuntimeException e) {
            throw new BadRequest("The search text could not be understood; search for plain words, \"a phrase\", word* or word~");
        }
        if (parsed == null) {
            return new MatchAllDocsQuery(); // only operators, no words
        }
        if (clauses(parsed) > MAX_CLAUSES) {
            throw new BadRequest("The search has too many words; use fewer (each word~ counts as " + FuzzyQuery.defaultMaxExpansions + ")");
        }
        return parsed;
    }

    /** Whether the Norwegian or the Danish text analysis leaves nothing of the word. */
    private static boolean isStopWord(Analyzer analyzer, String word) {
        for (String field : java.util.List.of(ScandinavianAnalyzers.TEXT_NB, ScandinavianAnalyzers.TEXT_DA)) {
            try (org.apache.lucene.analysis.TokenStream tokens = analyzer.tokenStream(field, word)) {
                tokens.reset();
                boolean any = tokens.incrementToken();
                tokens.end();
                if (!any) {
                    return true;
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return false;
    }

    /**
     * With d edits, a word of n letters can match a word of n - d letters, scored 1 - d / (n - d):
     * below zero unless d is at most half of n, counted in the form the index holds (aa becomes å).
     */
    private static int shortestForm(Analyzer analyzer, String word) {
        int shortest = Integer.MAX_VALUE;
        for (String field : WEIGHTS.keySet()) {
            String normalised = analyzer.normalize(field, word).utf8ToString();
            shortest = Math.min(shortest, normalised.codePointCount(0, normalised.length()));
        }
        return shortest;
    }

    /** The clauses the query will have once rewritten: each fuzzy word expands to up to 50 terms. */
    private static int clauses(Query query) {
        int[] count = {0};
        query.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query leaf, Term... terms) {
                count[0] += terms.length;
            }

            @Override
            public void consumeTermsMatching(Query leaf, String field, Supplier<ByteRunAutomaton> automaton) {
                count[0] += leaf instanceof FuzzyQuery ? FuzzyQuery.defaultMaxExpansions : 1;
            }

            @Override
            public void visitLeaf(Query leaf) {
                count[0]++;
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return this;
            }
        });
        return count[0];
    }
}
