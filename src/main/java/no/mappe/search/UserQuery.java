package no.mappe.search;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import no.mappe.errors.BadRequest;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
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
    /** Index terms one corrected word's form may expand to; a word has up to six forms (stem and word, three fields). */
    private static final int SIMILAR_EXPANSIONS = 10;
    /** From this many letters a word may be one edit from what was meant. */
    private static final int SHORTEST_CORRECTED = 4;
    /** From this many letters a word may be two edits from what was meant. */
    private static final int LONG_WORD = 8;
    /** Longer "words" are pasted codes or noise; their fuzzy automaton would also be costly to build. */
    private static final int LONGEST_CORRECTED = 40;
    private static final Map<String, Float> WEIGHTS = Map.of(ScandinavianAnalyzers.TEXT_NB, 1.0f, ScandinavianAnalyzers.TEXT_DA, 1.0f,
            ScandinavianAnalyzers.NAMES, 2.0f);

    private UserQuery() {
    }

    static Query parse(Analyzer analyzer, String text) {
        return parse(analyzer, text, Map.of(), word -> false);
    }

    /**
     * The query with the plain words in {@code similar} (typed word to maximum edits) matching also words
     * that differ by up to that many edits; every other word as typed. A capitalised word that
     * {@code isName} is searched only among names, unstemmed: "Ask" does not find "Asker" or the verb
     * "asker", "Liv" not "livet".
     */
    static Query parse(Analyzer analyzer, String text, Map<String, Integer> similar, Predicate<String> isName) {
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
                if (isStopWord(analyzer, word)) {
                    return null;
                }
                Integer edits = similar.get(word);
                if (edits != null) {
                    // As typed (with its forms and parts) or spelt nearly so: a word widened for finding few documents keeps them.
                    Query typed = withPartsAndPlainForms(super.newDefaultQuery(word), word);
                    Query near = similarWords(analyzer, word, edits);
                    return typed == null ? near
                            : new BooleanQuery.Builder().add(typed, Occur.SHOULD).add(near, Occur.SHOULD).build();
                }
                if (Character.isUpperCase(word.codePointAt(0)) && isName.test(word)) {
                    return createBooleanQuery(ScandinavianAnalyzers.NAMES, word);
                }
                return withPartsAndPlainForms(super.newDefaultQuery(word), word);
            }

            /**
             * A compound also matches a text holding all its parts ("nakkesmerter" finds "smerter i nakken"); the index
             * holds each compound's parts too, so the parts also find other compounds of them ("smertestillende nakkekrage").
             * A word neither dictionary knows, typed without æ, ø and å, also matches the words that are the same typed on
             * a plain keyboard ("skanehensyn" finds "skånehensyn"); a word they know does not ("maler" never finds "mål").
             */
            private Query withPartsAndPlainForms(Query whole, String word) {
                if (whole == null) {
                    return null;
                }
                BooleanQuery.Builder any = new BooleanQuery.Builder().add(whole, Occur.SHOULD);
                boolean widened = false;
                String lower = word.toLowerCase(java.util.Locale.ROOT);
                boolean plainUnknown = isPlainUnknown(lower);
                for (String field : List.of(ScandinavianAnalyzers.TEXT_NB, ScandinavianAnalyzers.TEXT_DA)) {
                    List<String> parts = ScandinavianAnalyzers.splitter(field).split(lower);
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    for (String part : parts) {
                        Query partQuery = createBooleanQuery(field, part);
                        if (partQuery != null) {
                            all.add(partQuery, Occur.MUST);
                        }
                    }
                    BooleanQuery together = all.build();
                    if (together.clauses().size() >= 2) {
                        any.add(together, Occur.SHOULD);
                        widened = true;
                    }
                    if (plainUnknown) {
                        for (String form : ScandinavianAnalyzers.terms(analyzer, field, word)) {
                            any.add(new TermQuery(new Term(field, PlainKeyboardFilter.plain(form))), Occur.SHOULD);
                            widened = true;
                        }
                    }
                }
                return widened ? any.build() : whole;
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

    /**
     * The plain words of a text (not in quotes, without * or ~, not a dropped small word) that may be
     * corrected, with the edits allowed: 1 for 4 to 7 letters, 2 for 8 to 40. Shorter words, and
     * words with digits or other signs (dates, numbers, ids), are never corrected.
     */
    static Map<String, Integer> correctableWords(Analyzer analyzer, String text) {
        Map<String, Integer> words = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return words;
        }
        SimpleQueryParser recorder = new SimpleQueryParser(analyzer, WEIGHTS) {
            @Override
            protected Query newDefaultQuery(String word) {
                int letters = word.codePointCount(0, word.length());
                boolean plain = letters >= SHORTEST_CORRECTED && letters <= LONGEST_CORRECTED
                        && word.codePoints().allMatch(Character::isLetter);
                if (plain && !isStopWord(analyzer, word)) {
                    words.put(word, letters >= LONG_WORD ? 2 : 1);
                }
                return super.newDefaultQuery(word);
            }
        };
        try {
            recorder.parse(Normalizer.normalize(text, Normalizer.Form.NFC));
        } catch (RuntimeException e) {
            return Map.of(); // parse() says what is wrong with the text
        }
        return words;
    }

    /**
     * A word or a near spelling of it, in each field: near the word itself and, for a long word, near
     * its stem too (the index holds stems, so "kantinna" is compared with "kantin"; a misspelling can
     * also stem oddly). A short word is not compared by its stem: one edit on a stem of four
     * letters is two on the word ("klage" would find "klarer" through "klag" and "klar"). Each form
     * expands to at most {@link #SIMILAR_EXPANSIONS} index terms, the most
     * similar first, so a corrected query stays bounded whatever the size of the index.
     */
    private static Query similarWords(Analyzer analyzer, String word, int edits) {
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (Map.Entry<String, Float> field : WEIGHTS.entrySet()) {
            String typed = analyzer.normalize(field.getKey(), word).utf8ToString();
            Set<String> forms = new LinkedHashSet<>();
            forms.add(typed);
            if (word.codePointCount(0, word.length()) >= LONG_WORD) {
                forms.addAll(ScandinavianAnalyzers.terms(analyzer, field.getKey(), word));
            }
            for (String form : forms) {
                int allowed = Math.min(edits, form.codePointCount(0, form.length()) / 2);
                // A stem keeps its first letter: "sveising" stems to "sveis", two edits from "vis".
                int keptLetters = form.equals(typed) ? 0 : 1;
                Term term = new Term(field.getKey(), form);
                Query near = allowed == 0 ? new TermQuery(term) : new NearSpelling(term, allowed, keptLetters);
                any.add(new BoostQuery(near, field.getValue()), Occur.SHOULD);
            }
        }
        return any.build();
    }

    /** A fuzzy term of a corrected word: few expansions, so it is counted as such against {@link #MAX_CLAUSES}. */
    private static final class NearSpelling extends FuzzyQuery {
        NearSpelling(Term term, int edits, int keptLetters) {
            super(term, edits, keptLetters, SIMILAR_EXPANSIONS, true);
        }
    }

    /** How many index terms a fuzzy word of these queries may expand to (a search cluster is told it). */
    static int maxExpansions(FuzzyQuery fuzzy) {
        return fuzzy instanceof NearSpelling ? SIMILAR_EXPANSIONS : FuzzyQuery.defaultMaxExpansions;
    }

    /** A lower-case word without æ, ø, å (or ä, ö) that neither the Norwegian nor the Danish dictionary knows. */
    private static boolean isPlainUnknown(String word) {
        for (int i = 0; i < word.length(); i++) {
            if ("æøåäö".indexOf(word.charAt(i)) >= 0) {
                return false;
            }
        }
        return Dictionaries.norwegian().of(word).isEmpty() && Dictionaries.danish().of(word).isEmpty();
    }

    /** Whether the Norwegian or the Danish text analysis leaves nothing of the word. */
    private static boolean isStopWord(Analyzer analyzer, String word) {
        return ScandinavianAnalyzers.terms(analyzer, ScandinavianAnalyzers.TEXT_NB, word).isEmpty()
                || ScandinavianAnalyzers.terms(analyzer, ScandinavianAnalyzers.TEXT_DA, word).isEmpty();
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
                count[0] += leaf instanceof NearSpelling ? SIMILAR_EXPANSIONS
                        : leaf instanceof FuzzyQuery ? FuzzyQuery.defaultMaxExpansions : 1;
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
